package io.lotabots.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test Jenkinsfiles in {@code src/test/resources/jenkinsfiles/}, with their {@code @@NAME@@} placeholders
 * filled in by the test that runs them.
 */
final class Jenkinsfiles {
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z][A-Z0-9_]*)@@");

    private Jenkinsfiles() {
    }

    /**
     * Reads a test Jenkinsfile and fills in its placeholders.
     *
     * @param name   the file name, for example {@code testBot.Jenkinsfile}
     * @param values the value of each placeholder
     * @return the Jenkinsfile
     * @throws IllegalArgumentException when the file is missing or a placeholder has no value
     */
    static String read(final String name, final Map<String, String> values) {
        try (InputStream in = Jenkinsfiles.class.getResourceAsStream("/jenkinsfiles/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test Jenkinsfile jenkinsfiles/" + name);
            }
            return fill(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fill(final String name, final String text, final Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder(text.length());
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value for " + matcher.group());
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }
}
