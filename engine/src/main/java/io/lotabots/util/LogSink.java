package io.lotabots.util;

/**
 * Receives the log lines of the engine as they happen, like Flyway's {@code Log}. The engine never prints: a
 * front-end gives a sink that writes to a console (the CLI's standard error, a Jenkins build log), and the result
 * of a bot keeps its own copy in an {@link EngineLog}.
 */
public interface LogSink {
    /** How a warning starts where a sink has no warning level of its own. */
    String WARNING_PREFIX = "Warning: ";

    /** A sink that drops every line. */
    LogSink NONE = new LogSink() {
        @Override
        public void info(final String line) {
            // dropped
        }

        @Override
        public void error(final String line) {
            // dropped
        }
    };

    /**
     * Logs progress or a result.
     *
     * @param line the line, without a line break
     */
    void info(String line);

    /**
     * Logs a problem: something failed or was skipped.
     *
     * @param line the line, without a line break
     */
    void error(String line);

    /**
     * Logs a warning: something went wrong that the run goes on without (a channel that is down, a file pattern
     * that matched nothing). A console shows it with a warning prefix, never as an error. By default it is an
     * information line that starts with {@code Warning: }.
     *
     * @param line the line, without a line break and without a {@code Warning:} prefix
     */
    default void warning(final String line) {
        info(WARNING_PREFIX + line);
    }

    /**
     * Logs a formatted progress line.
     *
     * @param format a {@link String#format} pattern
     * @param args the arguments
     */
    default void info(final String format, final Object... args) {
        info(String.format(java.util.Locale.ROOT, format, args));
    }

    /**
     * Returns a sink that passes every line through the masker before this sink sees it.
     *
     * @param masker the masker
     * @return the masking sink
     */
    default LogSink masked(final SecretMasker masker) {
        LogSink target = this;
        return new LogSink() {
            @Override
            public void info(final String line) {
                target.info(masker.mask(line));
            }

            @Override
            public void error(final String line) {
                target.error(masker.mask(line));
            }

            @Override
            public void warning(final String line) {
                target.warning(masker.mask(line));
            }
        };
    }

    /**
     * Returns a sink that writes every line to this sink and to the other one.
     *
     * @param other the other sink
     * @return the combined sink
     */
    default LogSink and(final LogSink other) {
        LogSink first = this;
        return new LogSink() {
            @Override
            public void info(final String line) {
                first.info(line);
                other.info(line);
            }

            @Override
            public void error(final String line) {
                first.error(line);
                other.error(line);
            }

            @Override
            public void warning(final String line) {
                first.warning(line);
                other.warning(line);
            }
        };
    }
}
