package io.lotabots.bot.security.advisories;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A version in use, parsed at most once per version scheme while it is tested against the ranges of many
 * advisories.
 */
final class ParsedVersion {
    private static final Object INVALID = new Object();

    private final String text;
    private final Map<VersionScheme<?>, Object> parsed = new IdentityHashMap<>(2);

    ParsedVersion(final String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /**
     * Returns the version parsed by a scheme.
     *
     * @return the parsed version, or {@code null} if the text is no version of that scheme
     */
    @CheckForNull
    @SuppressWarnings("unchecked")
    <V extends Comparable<V>> V in(final VersionScheme<V> scheme) {
        Object value = parsed.get(scheme);
        if (value == null) {
            try {
                value = scheme.parse(text);
            }
            catch (IllegalArgumentException exception) {
                value = INVALID;
            }
            parsed.put(scheme, value);
        }
        return value == INVALID ? null : (V) value;
    }
}
