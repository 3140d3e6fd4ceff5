package io.lotabots.bot.security.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a literal value from code: the check of a rule with {@code "literal": true} (the generic rule), whose
 * pattern only finds a value next to a name such as {@code password} or {@code token}. A value is literal if it is
 * <ul>
 *   <li>quoted ({@code "..."}, {@code '...'} or {@code `...`}) and the quotes hold exactly the value, or</li>
 *   <li>unquoted, in a file that is not source code (a {@code .env}, {@code .properties}, YAML, INI or shell file),
 *   and nothing but a comment, a closing bracket or a separator follows it.</li>
 * </ul>
 * Never literal: an unquoted value in source code ({@code tokenService.issue(...)}, {@code x.getPassword()},
 * {@code process.env.X_API_KEY}, {@code settings.SECRET_KEY}, Terraform's {@code var.x}), a reference
 * ({@code $VAR}, {@code %VAR%}, {@code @var}), a constant's name ({@code X_API_KEY}), a property path
 * ({@code spring.datasource.password}), a name of lower-case words or in camel case ({@code billing-1-tls-secret}, {@code tokenService}), a value that
 * holds a placeholder word ({@code changeme}, {@code your_token_here}, {@code xxxx}, {@code example}), and a value
 * shaped like a checksummed token whose checksum is wrong ({@link SecretChecksum#isForged}).
 *
 * <p>Known documentation examples ({@code AKIAIOSFODNN7EXAMPLE}) are recognised by
 * {@link #isDocumentationExample}: their findings are informational.</p>
 */
final class LiteralValues {
    /** File name endings of source code, where an unquoted value is an expression. */
    private static final Set<String> CODE_EXTENSIONS = Set.of("java", "kt", "kts", "scala", "groovy", "gradle",
            "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "vue", "svelte", "py", "pyi", "go", "rb", "cs",
            "vb", "fs", "php", "rs", "swift", "c", "cc", "cpp", "cxx", "h", "hpp", "m", "mm", "dart", "lua", "pl",
            "ex", "exs", "erl", "clj", "cljs", "r", "jl", "tf", "tfvars", "hcl", "jsonnet", "libsonnet", "sql");
    /** Words of placeholders and examples, compared in lower case. */
    private static final List<String> STOP_WORDS = List.of("example", "changeme", "change_me", "change-me",
            "changeit", "placeholder", "your_", "your-", "yourpassword", "yoursecret", "yourtoken", "yourkey",
            "dummy", "redacted", "xxxx", "****", "....", "sample", "notreal", "not_real", "not-real", "not_a_",
            "fake", "replace", "insert", "todo", "fixme", "secret_here", "token_here", "key_here", "password_here",
            "<", ">");
    /** AWS's documentation marks its example keys so. */
    private static final String AWS_EXAMPLE_MARKER = "EXAMPLE";
    /** Documentation examples without the marker. */
    private static final Set<String> DOCUMENTATION_EXAMPLES = Set.of(
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc", // Stripe's API reference
            "xoxb-not-a-real-token-this-will-not-work");
    private static final Pattern CONSTANT_NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    private static final Pattern PROPERTY_PATH = Pattern.compile("[A-Za-z_$][\\w$-]*(?:\\.[A-Za-z_$][\\w$-]*)+");
    /**
     * A name, not a secret: lower-case words, each segment all letters or at most 3 characters
     * ({@code billing-1-credentials}, {@code payments-v2-tls-secret}), or a camel-case name ({@code tokenService}).
     */
    private static final Pattern WORDS = Pattern.compile(
            "(?:[a-z]+|[a-z0-9]{1,3})(?:[-_./](?:[a-z]+|[a-z0-9]{1,3}))*|[a-z]+(?:[A-Z][a-z]+)+");
    private static final String QUOTES = "\"'`";
    /** What may follow an unquoted value: a comment, a separator, a closing bracket or the quote around a URL. */
    private static final String AFTER_UNQUOTED = "#;,}])\"'&/";

    private LiteralValues() {
    }

    /**
     * Returns whether the file's name says it is source code.
     *
     * @param file the relative path
     * @return {@code true} for a file of a programming language or Terraform
     */
    static boolean isCode(final String file) {
        int slash = file.lastIndexOf('/');
        int dot = file.lastIndexOf('.');
        if (dot <= slash + 1) {
            return false;
        }
        return CODE_EXTENSIONS.contains(file.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Returns whether a value found in a line is a literal secret rather than code, a reference or a placeholder.
     *
     * @param line the line
     * @param start where the value starts in the line
     * @param end where it ends, excluded
     * @param code whether the line is from source code ({@link #isCode})
     * @return {@code true} if the value may be reported
     */
    static boolean isLiteral(final String line, final int start, final int end, final boolean code) {
        String value = line.substring(start, end);
        char before = start > 0 ? line.charAt(start - 1) : '\n';
        if (QUOTES.indexOf(before) >= 0) {
            if (end >= line.length() || line.charAt(end) != before) {
                return false; // part of a longer string, such as a sentence or a template
            }
        }
        else if (code || !endsValue(line, end)) {
            return false;
        }
        return !isReference(value) && !isPlaceholder(value);
    }

    private static boolean endsValue(final String line, final int end) {
        int i = end;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '\r')) {
            i++;
        }
        return i == line.length() || AFTER_UNQUOTED.indexOf(line.charAt(i)) >= 0;
    }

    private static boolean isReference(final String value) {
        char first = value.charAt(0);
        return first == '$' || first == '%' || first == '@' || value.contains("${") || value.contains("{{")
                || CONSTANT_NAME.matcher(value).matches() || PROPERTY_PATH.matcher(value).matches()
                || WORDS.matcher(value).matches();
    }

    private static boolean isPlaceholder(final String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String word : STOP_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return SecretChecksum.isForged(value);
    }

    /**
     * Returns whether a secret is a well-known documentation example: it holds AWS's marker {@code EXAMPLE} in
     * capitals ({@code AKIAIOSFODNN7EXAMPLE}, {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}) or is one of a few
     * examples from providers' documentation. The two secrets of a pair, separated by NUL, must both be examples.
     *
     * @param secret the secret
     * @return {@code true} for an example, whose finding is informational
     */
    static boolean isDocumentationExample(final String secret) {
        for (String part : secret.split("\0", -1)) {
            if (!part.contains(AWS_EXAMPLE_MARKER) && !DOCUMENTATION_EXAMPLES.contains(part)) {
                return false;
            }
        }
        return true;
    }
}
