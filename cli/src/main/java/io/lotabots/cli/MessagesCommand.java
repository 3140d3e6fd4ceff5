package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bus.Journal;
import io.lotabots.bus.JournalScan;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.CloudEventExport;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCatalog;
import io.lotabots.message.MessageCodec;
import io.lotabots.message.MessageType;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lotabots messages}: the messages of a journal, filtered, as a table, JSON Lines or CloudEvents.
 */
@Command(name = "messages", mixinStandardHelpOptions = true,
        description = "Show the messages of a journal, filtered by type, bot and correlation id. The journal is"
                + " streamed, so any size can be filtered.")
final class MessagesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalOption journal = new JournalOption();

    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = ".",
            description = "The working directory whose journal is read. Default: the current directory.")
    private Path workdir;

    @Option(names = "--type", paramLabel = "TYPE", split = ",", description = "Keep only these types.")
    private List<String> types = new ArrayList<>();

    @Option(names = "--bot", paramLabel = "BOT", split = ",", description = "Keep only messages sent by these bots.")
    private List<String> bots = new ArrayList<>();

    @Option(names = "--to", paramLabel = "BOT", split = ",",
            description = "Keep only messages addressed to these bots.")
    private List<String> destinations = new ArrayList<>();

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Keep only messages of this run.")
    @CheckForNull
    private String correlationId;

    @Option(names = "--format", defaultValue = "table",
            description = "table, json (one message per line, as the journal) or cloudevents (one CloudEvent in"
                    + " structured JSON per line). Default: ${DEFAULT-VALUE}.")
    private String format;

    private static List<String> typeNames() {
        return MessageCatalog.all().stream().map(MessageType::getName).toList();
    }

    /**
     * Checks the types to filter by: a name that cannot be a type is refused with the closest ones.
     *
     * @return the types, or {@code null} after printing the error
     */
    @CheckForNull
    private List<String> catalogued(final PrintWriter err) {
        for (String type : types) {
            if (!MessageCatalog.isWellFormedName(type)) {
                err.println("lotabots: --type '" + type + "' is not a message type; types look like build.completed."
                        + Suggestions.didYouMean(type, typeNames()) + " 'lotabots message types' lists them.");
                return null;
            }
        }
        return types;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<Message> printer = switch (format) {
            case "table" -> message -> Timeline.printRow(message, out);
            case "json" -> message -> out.println(MessageCodec.get().toJson(message));
            case "cloudevents" -> message -> out.println(CloudEventExport.toJson(message));
            default -> null;
        };
        if (printer == null) {
            err.println("lotabots: --format must be table, json or cloudevents, was '" + format + "'");
            return ExitCode.BAD_INPUT;
        }
        List<String> types = catalogued(err);
        if (types == null) {
            return ExitCode.BAD_INPUT;
        }
        Path file = journal.resolve(workdir);
        if (!Files.exists(file)) {
            err.println("lotabots: no journal at '" + file + "'. Run a bot or scenario first, or give the file"
                    + " with --journal.");
            return ExitCode.BAD_INPUT;
        }
        MessageFilter filter = new MessageFilter(Set.copyOf(types), Set.copyOf(bots), Set.copyOf(destinations),
                correlationId);
        if ("table".equals(format)) {
            Timeline.printHeader(out);
        }
        JournalScan scan;
        try (Journal reader = Journal.at(file)) {
            scan = reader.scan(filter, printer);
        }
        out.flush();
        scan.warnings().forEach(warning -> err.println("lotabots: warning: " + warning));
        err.printf("%d of %d messages shown from %s%s%n", scan.matched(), scan.lines() - scan.skipped(), file,
                scan.skipped() > 0 ? "; " + scan.skipped() + " unreadable lines skipped" : "");
        if (scan.matched() == 0) {
            for (String type : types) {
                if (MessageCatalog.find(type).isEmpty()) {
                    err.println("lotabots: warning: no message has the type '" + type + "', which is not in the"
                            + " catalogue." + Suggestions.didYouMean(type, typeNames())
                            + " 'lotabots message types' lists them.");
                }
            }
        }
        return ExitCode.SUCCESS;
    }
}
