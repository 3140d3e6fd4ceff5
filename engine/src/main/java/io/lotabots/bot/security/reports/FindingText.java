package io.lotabots.bot.security.reports;

import io.lotabots.bot.security.findings.PackageRef;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The one-line messages of findings read from reports.
 */
final class FindingText {
    /** The longest message kept, in characters. */
    static final int MAX_MESSAGE_LENGTH = 500;
    private static final int MAX_TITLE_LENGTH = 200;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern ADVISORY_ID = Pattern.compile(
            "\\b(CVE-\\d{4}-\\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\\b");

    private FindingText() {
    }

    /**
     * Collapses white space to one line and caps the length.
     */
    static String oneLine(@CheckForNull final String text, final int max) {
        if (text == null) {
            return "";
        }
        String line = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return line.length() > max ? line.substring(0, max - 1) + "…" : line;
    }

    /**
     * Returns the message of a vulnerability:
     * {@code CVE-2021-44228 in org.apache.logging.log4j:log4j-core 2.14.1 (image x): Remote code execution}.
     */
    static String vulnerability(final String id, @CheckForNull final PackageRef pkg, final String fallbackName,
            @CheckForNull final String image, @CheckForNull final String title) {
        StringBuilder message = new StringBuilder(id).append(" in ");
        message.append(pkg == null ? fallbackName : pkg.name() + " " + pkg.version());
        if (image != null) {
            message.append(" (").append(image).append(')');
        }
        String summary = oneLine(title, MAX_TITLE_LENGTH);
        if (!summary.isEmpty() && !summary.equals(id)) {
            message.append(": ").append(summary);
        }
        return oneLine(message.toString(), MAX_MESSAGE_LENGTH);
    }

    /**
     * Returns the advisory ids ({@code CVE-...}, {@code GHSA-...}) found in the texts, without the given id.
     */
    static List<String> advisoryIds(final String id, final Iterable<String> texts) {
        Set<String> ids = new LinkedHashSet<>();
        for (String text : texts) {
            Matcher matcher = ADVISORY_ID.matcher(text);
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        ids.remove(id);
        return new ArrayList<>(ids);
    }
}
