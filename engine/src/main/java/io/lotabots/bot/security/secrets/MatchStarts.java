package io.lotabots.bot.security.secrets;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads from a regular expression the literal texts one of which every match starts with, so that the scanner can
 * try the pattern only where such a text occurs ({@link java.util.regex.Matcher#lookingAt()} there) instead of at
 * every position of a line. For {@code (?<![A-Za-z0-9_])(ghp_[A-Za-z0-9]{36})} it is {@code ghp_}; for
 * {@code (?i)(?:pass(?:word|wd)?|pwd|token)=} it is {@code pass}, {@code pwd} and {@code token}.
 *
 * <p>It is deliberately conservative: it reads an optional leading {@code (?i)}, look-behinds (they consume
 * nothing), groups and alternatives, and literal characters and escaped punctuation up to the first other construct.
 * A literal followed by a quantifier is dropped; a group that may be skipped, an alternative without a literal start,
 * a non-ASCII or non-printable character, any other flag or a {@code ^} give no starts at all, and the pattern is
 * then tried over the whole line.</p>
 */
final class MatchStarts {
    private final String regex;
    private int pos;

    private MatchStarts(final String regex) {
        this.regex = regex;
    }

    /**
     * Returns the literal starts of a pattern.
     *
     * @param regex the pattern, which compiles
     * @return the texts, each non-empty printable ASCII; empty if a match may start otherwise
     */
    static List<String> of(final String regex) {
        MatchStarts reader = new MatchStarts(regex);
        if (regex.startsWith("(?i)")) {
            reader.pos = 4;
        }
        List<String> starts = reader.alternatives();
        return starts == null || reader.pos < regex.length() && regex.charAt(reader.pos) == ')' ? List.of()
                : List.copyOf(starts);
    }

    /**
     * Reads alternatives up to the closing parenthesis of the group (left unread) or the end.
     *
     * @return the starts of all alternatives, or {@code null} if one has none
     */
    @CheckForNull
    private List<String> alternatives() {
        List<String> result = new ArrayList<>();
        while (true) {
            List<String> starts = sequence();
            if (starts == null) {
                return null;
            }
            result.addAll(starts);
            skipToAlternativeEnd();
            if (pos < regex.length() && regex.charAt(pos) == '|') {
                pos++;
                continue;
            }
            return result;
        }
    }

    /**
     * Reads the start of one alternative.
     *
     * @return its starts, or {@code null} if it has none
     */
    @CheckForNull
    private List<String> sequence() {
        while (regex.startsWith("(?<!", pos) || regex.startsWith("(?<=", pos)) {
            pos = closingParenthesis(pos) + 1;
        }
        if (pos < regex.length() && regex.charAt(pos) == '(') {
            int open = groupContent(pos);
            if (open < 0) {
                return null;
            }
            pos = open;
            List<String> inner = alternatives();
            if (inner == null || pos >= regex.length() || regex.charAt(pos) != ')') {
                return null;
            }
            pos++;
            if (pos < regex.length() && "?*{".indexOf(regex.charAt(pos)) >= 0) {
                return null; // the group may be skipped
            }
            return inner;
        }
        StringBuilder literal = new StringBuilder();
        while (pos < regex.length()) {
            int before = pos;
            char c = regex.charAt(pos);
            char literalChar;
            if (c == '\\' && pos + 1 < regex.length() && isEscapedLiteral(regex.charAt(pos + 1))) {
                literalChar = regex.charAt(pos + 1);
                pos += 2;
            }
            else if (isPlainLiteral(c)) {
                literalChar = c;
                pos++;
            }
            else {
                break;
            }
            if (pos < regex.length() && "?*+{".indexOf(regex.charAt(pos)) >= 0) {
                pos = before; // a quantified character is not a fixed start
                break;
            }
            literal.append(literalChar);
        }
        return literal.length() == 0 ? null : List.of(literal.toString());
    }

    /**
     * Returns the position after the opening of a capturing or non-capturing group, or -1 for any other construct.
     */
    private int groupContent(final int open) {
        if (!regex.startsWith("(?", open)) {
            return open + 1;
        }
        if (regex.startsWith("(?:", open)) {
            return open + 3;
        }
        if (regex.startsWith("(?<", open) && open + 3 < regex.length()
                && Character.isLetter(regex.charAt(open + 3))) {
            int close = regex.indexOf('>', open);
            return close < 0 ? -1 : close + 1;
        }
        return -1;
    }

    private void skipToAlternativeEnd() {
        int depth = 0;
        while (pos < regex.length()) {
            char c = regex.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '[') {
                pos = classEnd(pos);
                continue;
            }
            if (c == '(') {
                depth++;
            }
            else if (c == ')') {
                if (depth == 0) {
                    return;
                }
                depth--;
            }
            else if (c == '|' && depth == 0) {
                return;
            }
            pos++;
        }
    }

    private int closingParenthesis(final int open) {
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = classEnd(i);
                continue;
            }
            if (c == '(') {
                depth++;
            }
            else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return regex.length();
    }

    /** Returns the position after a character class that starts at {@code open}, nested classes included. */
    private int classEnd(final int open) {
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++; // a literal ']' right after the opening bracket
                }
            }
            else if (c == ']' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return regex.length();
    }

    private static boolean isPlainLiteral(final char c) {
        return c >= 0x20 && c < 0x7f && "\\[](){}|.^$?*+".indexOf(c) < 0;
    }

    private static boolean isEscapedLiteral(final char c) {
        return c >= 0x20 && c < 0x7f && !Character.isLetterOrDigit(c) && c != ' ';
    }
}
