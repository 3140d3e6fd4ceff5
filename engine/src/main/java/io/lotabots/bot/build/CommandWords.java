package io.lotabots.bot.build;

import io.lotabots.error.LotaBotsException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command as a POSIX shell splits words, without running a shell: blanks separate words, single quotes
 * keep everything literally, double quotes keep blanks and allow {@code \"}, and a backslash outside quotes
 * escapes the next character. No variables, globs, pipes or redirections: for those, run {@code sh -c '...'}.
 */
final class CommandWords {
    private CommandWords() {
    }

    static List<String> split(final String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\0') {
                throw invalid(command, "contains a NUL character");
            }
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                }
                else if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                }
                else {
                    word.append(c);
                }
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                }
                else if (c == '\\' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                }
                else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw invalid(command, "has an unclosed " + (quote == '"' ? "double" : "single") + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw invalid(command, "is empty");
        }
        return List.copyOf(words);
    }

    private static LotaBotsException invalid(final String command, final String problem) {
        return LotaBotsException.of(BuildErrorCode.INVALID_COMMAND, "The build command '"
                + command.replace('\0', '?') + "' " + problem + "; give a command like 'mvn -B verify' or"
                + " sh -c 'make all', or leave it empty to detect Maven, Gradle or npm.");
    }
}
