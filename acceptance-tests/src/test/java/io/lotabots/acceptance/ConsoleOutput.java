package io.lotabots.acceptance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A build's console text ({@code consoleText}), read the way the tests need it: the lines of one bot
 * ({@code [TestBot] ...}), the values the test Jenkinsfiles echo as {@code LOTABOTS-AT key=value}, and whether a
 * Java stack trace slipped into it.
 */
final class ConsoleOutput {
    /** The prefix of the lines by which a test Jenkinsfile reports a value: {@code LOTABOTS-AT key=value}. */
    static final String VALUE_PREFIX = "LOTABOTS-AT ";

    private static final Pattern STACK_FRAME = Pattern.compile(
            "^\\s*at [A-Za-z_$][\\w$]*(\\.[\\w$<>]+)+\\((.*)\\)\\s*$");

    private final String text;
    private final List<String> lines;

    ConsoleOutput(final String text) {
        this.text = text;
        this.lines = text.lines().toList();
    }

    /** The whole text. */
    String text() {
        return text;
    }

    /**
     * The lines a bot printed, with the {@code [Name] } prefix removed.
     *
     * @param bot the bot's name, for example {@code TestBot}
     */
    List<String> linesOf(final String bot) {
        String prefix = "[" + bot + "] ";
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }

    /** The values echoed as {@code LOTABOTS-AT key=value}; a later line wins over an earlier one of the key. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith(VALUE_PREFIX)) {
                String pair = line.substring(VALUE_PREFIX.length());
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
                }
            }
        }
        return values;
    }

    /** The lines that look like frames of a Java stack trace ({@code at a.b.C.m(C.java:1)}). */
    List<String> stackFrames() {
        return lines.stream().filter(line -> STACK_FRAME.matcher(line).matches()).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
