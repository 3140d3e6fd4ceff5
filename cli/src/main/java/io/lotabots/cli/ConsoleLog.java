package io.lotabots.cli;

import io.lotabots.util.LogSink;

import java.io.PrintWriter;

/**
 * Prints the engine's log lines to standard error as they come. An error line gets {@code [ERROR]} after the bot
 * prefix that {@link io.lotabots.bot.BotContext#withLogPrefix(String)} put in front of it:
 * {@code [TestBot] [ERROR] Gate minCoverage failed}.
 */
final class ConsoleLog implements LogSink {
    private static final String ERROR = "[ERROR] ";

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
        int prefixEnd = line.startsWith("[") ? line.indexOf("] ") : -1;
        err.println(prefixEnd < 0 ? ERROR + line
                : line.substring(0, prefixEnd + 2) + ERROR + line.substring(prefixEnd + 2));
        err.flush();
    }
}
