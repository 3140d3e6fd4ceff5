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
     * Reports how long work is getting on (a build running for 2m 10s, a watch at 5m of 30m, a release waited for
     * 20s): a state, not an event. The engine may report it as often as it likes; a front-end shows it as one
     * updating line on a terminal, as plain lines at a modest rate in a CI log, or not at all. It is not kept in a
     * result's log. By default it is dropped.
     *
     * @param line the state, without a line break
     */
    default void progress(final String line) {
        // dropped: a record of the run has no use for its progress
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

            @Override
            public void progress(final String line) {
                target.progress(masker.mask(line));
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

            @Override
            public void progress(final String line) {
                first.progress(line);
                other.progress(line);
            }
        };
    }
}
