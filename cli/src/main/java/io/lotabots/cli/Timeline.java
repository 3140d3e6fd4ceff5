package io.lotabots.cli;

import io.lotabots.bot.BotContext;
import io.lotabots.message.Message;
import io.lotabots.message.MessageSummary;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Prints messages as a table: time, bot, type, destination, stage, summary.
 */
final class Timeline {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Timeline() {
    }

    static void print(final List<Message> messages, final PrintWriter out) {
        printHeader(out);
        for (Message message : messages) {
            printRow(message, out);
        }
    }

    static void printHeader(final PrintWriter out) {
        out.printf("%-12s  %-16s  %-24s  %-14s  %-22s  %s%n", "TIME (UTC)", "BOT", "TYPE", "TO", "STAGE", "SUMMARY");
    }

    static void printRow(final Message message, final PrintWriter out) {
        out.printf("%-12s  %-16s  %-24s  %-14s  %-22s  %s%n", TIME.format(message.getTime()), message.getSource(),
                message.getType(), message.getDestination().orElse("-"),
                message.getExtension(BotContext.STAGE_EXTENSION).orElse("-"), MessageSummary.of(message));
    }
}
