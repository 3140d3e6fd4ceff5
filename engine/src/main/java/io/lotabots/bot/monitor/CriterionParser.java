package io.lotabots.bot.monitor;

import io.lotabots.error.LotaBotsException;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one criterion:
 *
 * <pre>
 * criterion  = target comparison [ ("warn" | "warning") comparison ] { option }
 * target     = metric | aggregate "(" metric ")"
 * aggregate  = "avg" | "min" | "max" | "median" | "last"
 * comparison = ("&lt;" | "&lt;=" | "&gt;" | "&gt;=") ["+" | "-"] number [unit]
 * unit       = "%" | "ms" | "s" | "m" | "h" | "B" | "KB" | "MB" | "GB" | "KiB" | "MiB" | "GiB"
 * option     = "weight=" number | "severity=" word | "alert=" name | "key"
 * </pre>
 *
 * A sign makes the threshold relative to the baseline. A malformed criterion throws an error that names the text,
 * the 1-based position and what was expected there.
 */
final class CriterionParser {
    /** The longest criterion read. */
    static final int MAX_LENGTH = 1000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_:]*");
    private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low", "warning", "info");
    private static final Map<String, Double> UNITS = Map.ofEntries(Map.entry("%", 100.0), Map.entry("ms", 1000.0),
            Map.entry("s", 1.0), Map.entry("m", 60.0), Map.entry("h", 3600.0), Map.entry("b", 1.0),
            Map.entry("kb", 1e3), Map.entry("mb", 1e6), Map.entry("gb", 1e9), Map.entry("kib", 1024.0),
            Map.entry("mib", 1024.0 * 1024), Map.entry("gib", 1024.0 * 1024 * 1024));
    /** The units that divide: 95% is 95 / 100, exactly 0.95, where 95 * 0.01 is not. */
    private static final Set<String> DIVIDING = Set.of("%", "ms");
    private static final String EXAMPLE = " A criterion reads like 'error_rate < 5%', 'max(latency_p99) < 300ms"
            + " weight=2' or 'p95 <= +10% warn <= +20%'.";

    private final String text;
    private int position;

    CriterionParser(final String text) {
        this.text = text;
    }

    Criterion parse() {
        if (text.length() > MAX_LENGTH) {
            throw LotaBotsException.of(MonitorErrorCode.INVALID_CRITERION, "The criterion '"
                    + text.substring(0, 40) + "...' is " + text.length() + " characters long; at most " + MAX_LENGTH
                    + " are allowed.");
        }
        skipSpaces();
        if (position >= text.length()) {
            throw error("expected a metric name, found nothing");
        }
        String first = name("a metric name such as error_rate");
        Criterion.Aggregate aggregate = Criterion.Aggregate.AVG;
        String metric = first;
        skipSpaces();
        if (peek() == '(') {
            int at = position - first.length();
            aggregate = aggregate(first, at);
            position++;
            skipSpaces();
            metric = name("a metric name inside the parentheses");
            skipSpaces();
            expect(')');
        }
        Criterion.Comparison pass = comparison();
        Criterion.Comparison warn = null;
        double weight = 1;
        boolean key = false;
        String severity = null;
        String alert = null;
        skipSpaces();
        while (position < text.length()) {
            int wordStart = position;
            String word = name("'warn', 'weight=', 'severity=', 'alert=' or 'key'");
            String lower = word.toLowerCase(Locale.ROOT);
            if (("warn".equals(lower) || "warning".equals(lower)) && warn == null) {
                warn = comparison();
                checkWarnBand(pass, warn, wordStart);
            }
            else if ("key".equals(lower)) {
                key = true;
            }
            else if ("weight".equals(lower) || "severity".equals(lower) || "alert".equals(lower)) {
                expect('=');
                int valueStart = position;
                if ("weight".equals(lower)) {
                    weight = number("a weight such as 2");
                    if (weight < 0) {
                        position = valueStart;
                        throw error("expected a weight of 0 or more");
                    }
                }
                else if ("severity".equals(lower)) {
                    severity = name("a severity: " + String.join(", ", SEVERITIES.stream().sorted().toList()))
                            .toLowerCase(Locale.ROOT);
                    if (!SEVERITIES.contains(severity)) {
                        position = valueStart;
                        throw error("expected a severity: " + String.join(", ", SEVERITIES.stream().sorted()
                                .toList()) + "; found '" + severity + "'");
                    }
                }
                else {
                    alert = name("an alert name such as HighErrorRate");
                }
            }
            else {
                position = wordStart;
                throw error("expected 'warn', 'weight=', 'severity=', 'alert=' or 'key', found '" + word + "'");
            }
            skipSpaces();
        }
        return new Criterion(text.strip(), aggregate, metric, pass, warn, weight, key, severity, alert);
    }

    private void checkWarnBand(final Criterion.Comparison pass, final Criterion.Comparison warn, final int at) {
        if (pass.operator().isUpperLimit() != warn.operator().isUpperLimit()) {
            position = at;
            throw error("the warning band must point the same way as the criterion: both upper limits (<, <=) or"
                    + " both lower limits (>, >=)");
        }
    }

    private Criterion.Aggregate aggregate(final String word, final int at) {
        for (Criterion.Aggregate aggregate : Criterion.Aggregate.values()) {
            if (aggregate.key().equals(word.toLowerCase(Locale.ROOT))) {
                return aggregate;
            }
        }
        position = at;
        throw error("expected an aggregate avg, min, max, median or last before '(', found '" + word + "'");
    }

    private Criterion.Comparison comparison() {
        skipSpaces();
        Criterion.Operator operator;
        char c = peek();
        if (c == '<' || c == '>') {
            position++;
            boolean equal = peek() == '=';
            if (equal) {
                position++;
            }
            operator = c == '<' ? equal ? Criterion.Operator.LE : Criterion.Operator.LT
                    : equal ? Criterion.Operator.GE : Criterion.Operator.GT;
        }
        else {
            throw error("expected an operator <, <=, > or >=" + found());
        }
        skipSpaces();
        boolean relative = false;
        double sign = 1;
        if (peek() == '+' || peek() == '-') {
            relative = true;
            sign = peek() == '-' ? -1 : 1;
            position++;
        }
        double amount = number("a threshold such as 5%, 300ms or +10%");
        int unitStart = position;
        while (position < text.length() && (Character.isLetter(text.charAt(position)) || text.charAt(position) == '%')) {
            position++;
        }
        String unit = text.substring(unitStart, position);
        boolean percent = "%".equals(unit);
        double factor = 1;
        double divisor = 1;
        if (!unit.isEmpty()) {
            Double known = UNITS.get(unit.toLowerCase(Locale.ROOT));
            if (known == null || unit.equals("M") || unit.equals("S")) {
                position = unitStart;
                throw error("expected a unit %, ms, s, m, h, B, KB, MB, GB, KiB, MiB or GiB, found '" + unit + "'");
            }
            if (DIVIDING.contains(unit.toLowerCase(Locale.ROOT))) {
                divisor = known;
            }
            else {
                factor = known;
            }
        }
        if (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
            throw error("expected a space after the threshold" + found());
        }
        double value = sign * amount * factor / divisor;
        return new Criterion.Comparison(operator, new Criterion.Threshold(value, relative, relative && percent));
    }

    private double number(final String expected) {
        int start = position;
        while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
            position++;
        }
        String digits = text.substring(start, position);
        if (digits.isEmpty() || digits.chars().filter(ch -> ch == '.').count() > 1 || digits.startsWith(".")
                || digits.endsWith(".")) {
            position = start;
            throw error("expected " + expected + found());
        }
        if (digits.length() > 30) {
            position = start;
            throw error("expected " + expected + ", found a number of " + digits.length() + " digits");
        }
        return Double.parseDouble(digits);
    }

    private String name(final String expected) {
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                || text.charAt(position) == '_' || text.charAt(position) == ':')) {
            position++;
        }
        String word = text.substring(start, position);
        if (!NAME.matcher(word).matches()) {
            position = start;
            throw error("expected " + expected + found());
        }
        return word;
    }

    private void expect(final char expected) {
        if (peek() != expected) {
            throw error("expected '" + expected + "'" + found());
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private String found() {
        if (position >= text.length()) {
            return ", found the end";
        }
        int end = position;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && end - position < 20) {
            end++;
        }
        return ", found '" + text.substring(position, Math.max(end, position + 1)) + "'";
    }

    private LotaBotsException error(final String problem) {
        return LotaBotsException.of(MonitorErrorCode.INVALID_CRITERION, "The criterion '" + text
                + "' is malformed at position " + (position + 1) + ": " + problem + "." + EXAMPLE);
    }

    @Override
    public String toString() {
        return text;
    }
}
