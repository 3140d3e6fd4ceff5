package io.lotabots.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.bus.Journal;
import io.lotabots.bus.JournalScan;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.InvalidMessageException;
import io.lotabots.message.JsonErrors;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCatalog;
import io.lotabots.message.MessageCatalogDocs;
import io.lotabots.message.MessageCodec;
import io.lotabots.message.MessageType;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lotabots message}: check message files and list the catalogue.
 */
@Command(name = "message", mixinStandardHelpOptions = true, description = "Check message files and list types.",
        subcommands = {MessageCommand.Validate.class, MessageCommand.Types.class})
final class MessageCommand {
    private MessageCommand() {
    }

    /**
     * {@code lotabots message validate FILE...}.
     */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check that every message in the files is valid: the envelope, and the payload against"
                    + " its type. A file holds one message (JSON object), a list of messages (JSON array), or"
                    + " one message per line (.jsonl or .ndjson, as the journal).",
                    "Exit code 0 if every message is valid, 2 otherwise, with the file, type and field of each"
                            + " problem."})
    static final class Validate implements Callable<Integer> {
        /** The largest JSON or JSON array file read at once; JSON Lines files are streamed. */
        static final long MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Message files.")
        private List<Path> files = new ArrayList<>();

        @Option(names = "--strict", description = "Reject every type that is not in the catalogue. Without it, a"
                + " type that looks like a mistyped one (close to a known type, or in an area of the catalogue such as"
                + " test.) is rejected, and a custom type of an area of its own (acme.release_signed) is accepted.")
        private boolean strict;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> problems = new ArrayList<>();
            int valid = 0;
            for (Path file : files) {
                valid += validate(file, problems);
            }
            problems.forEach(err::println);
            if (problems.isEmpty()) {
                out.printf("%d message%s valid in %d file%s%n", valid, valid == 1 ? "" : "s", files.size(),
                        files.size() == 1 ? "" : "s");
                return ExitCode.SUCCESS;
            }
            err.printf("%d problem%s found, %d message%s valid%n", problems.size(),
                    problems.size() == 1 ? "" : "s", valid, valid == 1 ? "" : "s");
            return ExitCode.BAD_INPUT;
        }

        private int validate(final Path file, final List<String> problems) {
            if (!Files.isRegularFile(file)) {
                problems.add(file + ": " + (Files.exists(file) ? "is not a regular file" : "no such file"));
                return 0;
            }
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return validateLines(file, problems);
            }
            try {
                long size = Files.size(file);
                if (size > MAX_DOCUMENT_BYTES) {
                    problems.add(file + ": is " + size + " bytes, more than " + MAX_DOCUMENT_BYTES
                            + " bytes; write large message sets as JSON Lines (.jsonl), which are streamed");
                    return 0;
                }
                return validateDocument(file, Files.readAllBytes(file), problems);
            }
            catch (NoSuchFileException e) {
                problems.add(file + ": no such file");
                return 0;
            }
            catch (IOException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
                return 0;
            }
        }

        private int validateDocument(final Path file, final byte[] content, final List<String> problems) {
            ObjectMapper mapper = documentMapper();
            JsonNode document;
            try {
                document = mapper.readTree(content);
            }
            catch (JsonProcessingException e) {
                int line = JsonErrors.line(e);
                String words = JsonErrors.describe(e);
                problems.add(file + (line > 0 ? ":" + line : "") + ": "
                        + (words.startsWith("the JSON") ? words : "is not valid JSON: " + words));
                return 0;
            }
            catch (IOException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
                return 0;
            }
            if (document == null || document.isMissingNode()) {
                problems.add(file + ": is empty; a message file holds a JSON object or a list of them");
                return 0;
            }
            if (!document.isArray()) {
                return check(file.toString(), document, mapper, problems);
            }
            int valid = 0;
            for (int i = 0; i < document.size(); i++) {
                valid += check(file + "[" + i + "]", document.get(i), mapper, problems);
            }
            return valid;
        }

        /**
         * A mapper with the codec's limits, except that a whole file may hold many messages, one level deeper.
         */
        private static ObjectMapper documentMapper() {
            ObjectMapper mapper = MessageCodec.get().copyMapper();
            mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MessageCodec.MAX_NESTING_DEPTH + 1)
                    .maxStringLength(MessageCodec.MAX_MESSAGE_BYTES)
                    .maxNumberLength(64)
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .build());
            return mapper;
        }

        /** Every problem of one message: its envelope, its type and each field of its payload. */
        private int check(final String origin, final JsonNode node, final ObjectMapper mapper,
                final List<String> problems) {
            List<String> found = new ArrayList<>();
            try {
                byte[] bytes = mapper.writeValueAsBytes(node);
                Message message = MessageCodec.get().readDraft(bytes, 0, bytes.length, origin);
                found.addAll(problemsOf(message, origin));
            }
            catch (InvalidMessageException e) {
                found.add(e.getMessage());
                // the envelope stopped the reading: the payload of a known type is still checked, field by field
                JsonNode type = node.path("type");
                if (type.isTextual()) {
                    MessageCodec.get().problems(type.asText(), node.path("payload"), origin).stream()
                            .map(InvalidMessageException::getMessage).forEach(found::add);
                }
            }
            catch (JsonProcessingException e) {
                found.add(origin + ": cannot be read: " + JsonErrors.describe(e));
            }
            problems.addAll(found);
            return found.isEmpty() ? 1 : 0;
        }

        /**
         * The problems of a message that was read: an unknown type, and every problem of the payload. A type that is
         * not in the catalogue is a problem when it looks like a mistyped one (close to a known type, or in an area
         * of the catalogue such as test.); a custom type of an area of its own passes unless {@code --strict}.
         */
        private List<String> problemsOf(final Message message, final String origin) {
            String type = message.getType();
            if (message.getMessageType().isEmpty()) {
                List<String> known = MessageCatalog.all().stream().map(MessageType::getName).toList();
                List<String> close = Suggestions.closest(type, known);
                String area = type.contains(".") ? type.substring(0, type.indexOf('.') + 1) : type;
                List<String> sameArea = known.stream().filter(name -> name.startsWith(area)).toList();
                if (strict || !close.isEmpty() || !sameArea.isEmpty()) {
                    List<String> hints = close.isEmpty() ? sameArea.stream().limit(5).toList() : close;
                    return List.of(origin + ": message type '" + type + "' is not in the catalogue"
                            + (hints.isEmpty() ? "" : "; did you mean '" + String.join("' or '", hints) + "'?")
                            + (strict ? "" : " A custom type needs an area of its own, such as acme.release_signed.")
                            + " 'lotabots message types' lists the catalogue.");
                }
                return List.of();
            }
            return MessageCodec.get().problems(message, origin).stream().map(InvalidMessageException::getMessage)
                    .toList();
        }

        private int validateLines(final Path file, final List<String> problems) {
            List<Message> messages = new ArrayList<>();
            JournalScan scan;
            try (Journal journal = Journal.at(file)) {
                scan = journal.scan(MessageFilter.ALL, messages::add);
            }
            catch (LotaBotsException e) {
                problems.add(e.getMessage());
                return 0;
            }
            problems.addAll(scan.warnings());
            if (scan.skipped() > scan.warnings().size()) {
                problems.add(file + ": " + (scan.skipped() - scan.warnings().size()) + " more unreadable lines");
            }
            int valid = 0;
            int index = 0;
            for (Message message : messages) {
                index++;
                String origin = file.getFileName() + " (message " + index + ", id " + message.getId() + ")";
                List<String> found = problemsOf(message, origin);
                problems.addAll(found);
                valid += found.isEmpty() ? 1 : 0;
            }
            return valid;
        }
    }

    /**
     * {@code lotabots message types}.
     */
    @Command(name = "types", mixinStandardHelpOptions = true,
            description = "List the message types of the catalogue, or render docs/messages.md.")
    static final class Types implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--format", defaultValue = "table",
                description = "table or markdown (the source of docs/messages.md). Default: ${DEFAULT-VALUE}.")
        private String format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case "markdown" -> out.print(MessageCatalogDocs.render());
                case "table" -> {
                    for (MessageType<?> type : MessageCatalog.all()) {
                        out.printf("%-26s %s%n", type.getName(), type.getDescription());
                    }
                }
                default -> {
                    spec.commandLine().getErr().println("lotabots: --format must be table or markdown, was '"
                            + format + "'");
                    return ExitCode.BAD_INPUT;
                }
            }
            out.flush();
            return ExitCode.SUCCESS;
        }
    }
}
