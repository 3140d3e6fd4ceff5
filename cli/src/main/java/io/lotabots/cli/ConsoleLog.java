package io.lotabots.cli;

import io.lotabots.util.LogSink;

import java.io.PrintWriter;

/**
 * Prints the engine's log lines to standard error as they come. An error line gets {@code [ERROR]} after the bot
 * prefix that {@link io.lotabots.bot.BotContext#withLogPrefix(String)} put in front of it:
 * {@code [TestBot] [ERROR] Gate minCoverage failed}; a warning gets {@code [WARNING]} the same way:
 * {@code [NotificationBot] [WARNING] slack: could not deliver ...}, never {@code [ERROR] Warning:}.
 */
final class ConsoleLog implements LogSink {
    private static final String ERROR = "[ERROR] ";
    private static final String WARNING = "[WARNING] ";

    private final PrintWriter err;

    ConsoleLog(final PrintWriter err) {
        this.err = err;
    }

    @Override
    public void info(final String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void error(final String line) {
        err.println(withLevel(line, ERROR));
        err.flush();
    }

    @Override
    public void warning(final String line) {
        err.println(withLevel(line, WARNING));
        err.flush();
    }

    /** The level goes after the bot prefix, once: {@code [NotificationBot] [WARNING] slack: ...}. */
    private static String withLevel(final String line, final String level) {
        int prefixEnd = line.startsWith("[") ? line.indexOf("] ") : -1;
        return prefixEnd < 0 ? level + line : line.substring(0, prefixEnd + 2) + level + line.substring(prefixEnd + 2);
    }
}
