package io.lotabots.bot.security.advisories;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Objects;

/**
 * An advisory that affects a version of a package, with the version that fixes it.
 *
 * @param advisory the advisory
 * @param fixedVersion the lowest {@code fixed} event above the version in the ranges that contain it, as the
 *         advisory writes it; {@code null} if no fix is known (the version is listed one by one, or its range ends
 *         with {@code last_affected} or {@code limit})
 */
public record OsvMatch(OsvAdvisory advisory, @CheckForNull String fixedVersion) {
    /**
     * Checks the values.
     */
    public OsvMatch {
        Objects.requireNonNull(advisory, "advisory");
    }
}
