package io.lotabots.message;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with a JSON text in words, without the parser's internals: "the JSON ends before the value is
 * complete" rather than "Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED
 * (StreamReadFeature...". Every reader of message files and journals words its JSON errors through here.
 */
public final class JsonErrors {
    private static final Pattern SOURCE = Pattern.compile("\\s*\\((?:start marker at )?\\[Source:[^\\]]*\\]\\)"
            + "|\\s*at \\[Source:[^\\]]*\\]|\\s*\\[Source:[^\\]]*\\]");
    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile(
            "Unexpected character \\('(.{1,4})' \\(code \\d+\\)\\):?\\s*(.*)", Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '([^']{0,40})[^']*'.*",
            Pattern.DOTALL);
    private static final Pattern NESTING = Pattern.compile(".*nesting depth \\((\\d+)\\) exceeds the maximum allowed"
            + " \\((\\d+).*", Pattern.DOTALL);
    private static final Pattern LENGTH = Pattern.compile(".*(String value|Number value|Document) length \\((\\d+)\\)"
            + " exceeds the maximum allowed \\((\\d+).*", Pattern.DOTALL);

    private JsonErrors() {
    }

    /**
     * Returns what is wrong, in words.
     *
     * @param error the parser's error
     * @return for example {@code the JSON ends before the value is complete (a truncated file, or a missing } or ])}
     */
    public static String describe(final JsonProcessingException error) {
        String original = error.getOriginalMessage() == null ? "" : error.getOriginalMessage();
        if (error instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
            return "the JSON ends before the value is complete (a truncated file, or a missing } or ])";
        }
        Matcher matcher = UNEXPECTED_CHARACTER.matcher(original);
        if (matcher.matches()) {
            String expected = clean(matcher.group(2));
            return "unexpected " + shown(matcher.group(1))
                    + (expected.isEmpty() ? "" : ": " + expected.replace("was expecting", "expected"));
        }
        matcher = UNRECOGNIZED_TOKEN.matcher(original);
        if (matcher.matches()) {
            return "unknown word '" + matcher.group(1) + "': a value is text in double quotes, a number, an object,"
                    + " a list, true, false or null";
        }
        if (original.startsWith("Illegal unquoted character")) {
            return "a control character (such as a line break or a tab) inside text; write it escaped, as \\n or \\t";
        }
        if (original.startsWith("Unexpected close marker")) {
            return "a closing " + (original.contains("']'") ? "]" : "}") + " that closes nothing open";
        }
        matcher = NESTING.matcher(original);
        if (matcher.matches()) {
            return "values are nested " + matcher.group(1) + " levels deep, more than the " + matcher.group(2)
                    + " allowed";
        }
        matcher = LENGTH.matcher(original);
        if (matcher.matches()) {
            return ("Document".equals(matcher.group(1)) ? "the document" : "a " + matcher.group(1).toLowerCase(
                    java.util.Locale.ROOT)) + " is " + matcher.group(2) + " characters long, more than the "
                    + matcher.group(3) + " allowed";
        }
        return clean(original);
    }

    /**
     * Returns the line of the error, for {@code FILE:LINE:} in front of {@link #describe(JsonProcessingException)}.
     *
     * @param error the parser's error
     * @return the line, counted from 1, or 0 if the parser did not say
     */
    public static int line(final JsonProcessingException error) {
        JsonLocation location = error.getLocation();
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    private static String shown(final String character) {
        return switch (character) {
            case "\"" -> "double quote";
            case "'" -> "single quote (JSON text takes double quotes)";
            case "}" -> "'}'";
            default -> "'" + character + "'";
        };
    }

    private static String clean(final String text) {
        String cleaned = SOURCE.matcher(text).replaceAll("");
        int internal = cleaned.indexOf(" (from `");
        if (internal >= 0) {
            cleaned = cleaned.substring(0, internal);
        }
        return cleaned.replace("`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled", "").trim();
    }
}
