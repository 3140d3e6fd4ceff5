package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import picocli.CommandLine;

/**
 * One run of the command line with its exit code and captured output.
 *
 * @param exitCode the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(final String... args) {
        return of(BotRegistry.of(List.of()), args);
    }

    static CliRun of(final BotRegistry registry, final String... args) {
        CommandLine commandLine = LotaBotsCommand.commandLine(registry);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
