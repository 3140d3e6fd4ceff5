package io.jenkins.plugins.lotabots;

import io.lotabots.util.SecretMasker;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Prints a bot's lines to the build console: every line prefixed with the bot's name ({@code [TestBot] }), error
 * lines with {@code [TestBot] [ERROR] }, one start line with the inputs and one summary line at the end. Every line
 * passes through the secret masker first, so that a secret the engine or the plugin would print shows as
 * {@value SecretMasker#MASK}.
 */
@Restricted(NoExternalUse.class)
public final class ConsoleLog {
    /** The most lines of one bot run printed at its end (lines printed while it ran do not count). */
    static final int MAX_LINES = 10_000;
    /** The most characters of one line printed. */
    static final int MAX_LINE_CHARS = 8_192;

    private final PrintStream out;
    private final String prefix;
    private final SecretMasker masker;
    private int printed;

    /**
     * Creates the log of one bot run.
     *
     * @param out the build console
     * @param botName the bot's name, for example {@code TestBot}
     * @param masker the masker that knows the secrets of the run
     */
    public ConsoleLog(final PrintStream out, final String botName, final SecretMasker masker) {
        this.out = out;
        this.prefix = "[" + botName + "] ";
        this.masker = masker;
    }

    /**
     * Prints the start line with the options the bot runs with.
     *
     * @param options option name to value, in the order to print
     */
    public void start(final Map<String, Object> options) {
        info(options.isEmpty() ? Messages.ConsoleLog_StartDefaults()
                : Messages.ConsoleLog_Start(options.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "))));
    }

    /**
     * Prints an ordinary line.
     *
     * @param line the line
     */
    public void info(final String line) {
        out.println(prefix + masker.mask(line));
    }

    /**
     * Prints an error line.
     *
     * @param line the line
     */
    public void error(final String line) {
        out.println(prefix + "[ERROR] " + masker.mask(line));
    }

    /**
     * Prints the lines of a bot run that have not been printed yet, neither by this log nor while the bot ran, so
     * that a caller can hand over the same growing list more than once (the plugin-util {@code LogHandler} habit).
     *
     * @param result the run's result, whose lines are printed
     */
    public void print(final BotCallable.Result result) {
        List<String> lines = result.getLines();
        int first = Math.max(printed, result.getStreamed());
        int last = Math.min(lines.size(), first + MAX_LINES);
        for (int i = first; i < last; i++) {
            String line = lines.get(i);
            if (line.length() > MAX_LINE_CHARS) {
                line = line.substring(0, MAX_LINE_CHARS) + "...";
            }
            if (result.isError(i)) {
                error(line);
            }
            else {
                info(line);
            }
        }
        if (last < lines.size()) {
            error(Messages.ConsoleLog_LinesLeftOut(lines.size() - last));
        }
        printed = lines.size();
    }

    /**
     * Prints the summary line.
     *
     * @param summary the engine's summary, which ends with the status
     * @param duration how long the run took, for example {@code 1.2s}
     */
    public void summary(final String summary, final String duration) {
        info(Messages.ConsoleLog_Summary(summary, duration));
    }
}
