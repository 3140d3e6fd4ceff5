package io.lotabots.cli;

import io.lotabots.util.LogSink;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints the engine's log lines to standard error as they come. An error line gets {@code [ERROR]} after the bot
 * prefix that {@link io.lotabots.bot.BotContext#withLogPrefix(String)} put in front of it:
 * {@code [TestBot] [ERROR] Gate minCoverage failed}; a warning gets {@code [WARNING]} the same way:
 * {@code [NotificationBot] [WARNING] slack: could not deliver ...}, never {@code [ERROR] Warning:}.
 *
 * <p>Progress of long work (a build, a scan, a watch, a deployment waiting for its release) is shown as one line
 * that updates in place ({@code \r}) on a terminal, and cleared before the next log line; elsewhere (a CI log, a
 * file) as plain lines, at most one every {@link #PLAIN_PROGRESS_EVERY}, the first only after that long, so that a
 * short step prints none and a long one does not fill the log.
 */
final class ConsoleLog implements LogSink {
    /** How often progress is printed as plain lines when standard error is no terminal. */
    static final Duration PLAIN_PROGRESS_EVERY = Duration.ofSeconds(10);

    private static final String ERROR = "[ERROR] ";
    private static final String WARNING = "[WARNING] ";
    private static final int DEFAULT_WIDTH = 80;

    private final PrintWriter err;
    private final boolean terminal;
    private final int width;
    private final LongSupplier nanoTime;
    private long lastPlainProgress;
    private int progressShown;

    ConsoleLog(final PrintWriter err) {
        this(err, isTerminal(), System::nanoTime);
    }

    /**
     * Creates a console log.
     *
     * @param err where the lines go
     * @param terminal whether a person watches a terminal, which gets an updating progress line
     * @param nanoTime the clock of the progress rate
     */
    ConsoleLog(final PrintWriter err, final boolean terminal, final LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.width = width();
        this.nanoTime = nanoTime;
        this.lastPlainProgress = nanoTime.getAsLong();
    }

    /**
     * Returns whether a person watches the console: there is one ({@link System#console()}) and its {@code TERM} is
     * not {@code dumb} (as Emacs shells and some CI runners set it).
     *
     * @return {@code true} on an interactive terminal
     */
    static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    private static int width() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? DEFAULT_WIDTH : Math.max(20, Integer.parseInt(columns.trim()));
        }
        catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    @Override
    public synchronized void info(final String line) {
        clearProgress();
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void error(final String line) {
        info(withLevel(line, ERROR));
    }

    @Override
    public synchronized void warning(final String line) {
        info(withLevel(line, WARNING));
    }

    @Override
    public synchronized void progress(final String line) {
        if (terminal) {
            String shown = line.length() < width ? line : line.substring(0, width - 4) + "...";
            err.print("\r" + shown + " ".repeat(Math.max(0, progressShown - shown.length())));
            progressShown = shown.length();
            err.flush();
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - lastPlainProgress >= PLAIN_PROGRESS_EVERY.toNanos()) {
            lastPlainProgress = now;
            err.println(line);
            err.flush();
        }
    }

    /**
     * Removes the progress line from a terminal, so that what is printed next starts on a clean line.
     */
    synchronized void clearProgress() {
        if (progressShown > 0) {
            err.print("\r" + " ".repeat(progressShown) + "\r");
            progressShown = 0;
            err.flush();
        }
    }

    /** The level goes after the bot prefix, once: {@code [NotificationBot] [WARNING] slack: ...}. */
    private static String withLevel(final String line, final String level) {
        int prefixEnd = line.startsWith("[") ? line.indexOf("] ") : -1;
        return prefixEnd < 0 ? level + line : line.substring(0, prefixEnd + 2) + level + line.substring(prefixEnd + 2);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ConsoleLog[terminal=%s]", terminal);
    }
}
