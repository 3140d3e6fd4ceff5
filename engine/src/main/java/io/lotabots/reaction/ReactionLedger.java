package io.lotabots.reaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The durable record of the reactions a rules file handled, one JSON object per line: which rule started (or
 * throttled) a reaction to which message, when, and how the run ended. It is what makes a reaction happen once per
 * triggering message across restarts, and what throttling counts.
 *
 * <p>A start is recorded, and forced to the disk, <em>before</em> the run starts; its end is recorded after. A crash
 * between the two therefore never repeats a reaction (at most once); the start without an end stays in the record and
 * is reported as unfinished ({@link #unfinished()}) every time the ledger is opened, so that nothing is lost
 * silently. One process at a time holds a ledger: opening holds the operating system's lock on the file until
 * {@link #close()}.</p>
 */
public final class ReactionLedger implements Closeable {
    /** The longest record line read. */
    static final int MAX_LINE = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Set<String> handled = new HashSet<>();
    private final Map<String, Deque<Instant>> starts = new HashMap<>();
    private final Map<String, Entry> open = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * One reaction started and not recorded as finished.
     *
     * @param rule the rule
     * @param messageId the triggering message
     * @param messageType its type
     * @param time when it was started
     */
    public record Entry(String rule, String messageId, String messageType, Instant time) {
    }

    private ReactionLedger(final Path file, final FileChannel channel, final FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens (or creates) a ledger and reads what it records. Unreadable lines (a record torn by a crash) are
     * skipped and reported in {@link #getWarnings()}.
     *
     * @param file the file
     * @return the ledger, holding the file's lock
     * @throws LotaBotsException if another process holds the ledger, or it cannot be read or created
     */
    public static ReactionLedger open(final Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw LotaBotsException.of(ReactionErrorCode.LEDGER_BUSY, "The reaction record " + absolute
                        + " is held by another 'lotabots react' (one process at a time handles a record, so that no"
                        + " reaction starts twice). Stop the other one, or give this one a record of its own with"
                        + " --ledger.");
            }
            ReactionLedger ledger = new ReactionLedger(absolute, channel, lock);
            ledger.read();
            channel = null;
            return ledger;
        }
        catch (IOException e) {
            throw failure(absolute, "open", e);
        }
        finally {
            if (channel != null) {
                try {
                    channel.close();
                }
                catch (IOException e) {
                    // the failure is already being reported
                }
            }
        }
    }

    private void read() throws IOException {
        if (channel.size() > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
                reader.read(last, channel.size() - 1);
            }
            if (last.get(0) != '\n') {
                // a record torn by a crash: the next one starts on a line of its own
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
        }
        try (InputStream in = Files.newInputStream(file);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > MAX_LINE) {
                    warn(number, "is longer than " + MAX_LINE + " characters");
                    continue;
                }
                try {
                    apply(JSON.readTree(line));
                }
                catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
                    warn(number, "is not a reaction record (" + e.getMessage().lines().findFirst().orElse("")
                            + ")");
                }
            }
        }
    }

    private void warn(final long line, final String problem) {
        if (warnings.size() < 100) {
            warnings.add(file.getFileName() + ":" + line + ": line " + problem + "; skipped");
        }
    }

    private void apply(final JsonNode record) {
        String rule = required(record, "rule");
        String messageId = required(record, "message_id");
        String state = required(record, "state");
        Instant time = Instant.parse(required(record, "time"));
        String key = key(rule, messageId);
        switch (state) {
            case "started" -> {
                handled.add(key);
                starts.computeIfAbsent(rule, name -> new ArrayDeque<>()).addLast(time);
                open.put(key, new Entry(rule, messageId, record.path("message_type").asText(""), time));
            }
            case "finished" -> {
                handled.add(key);
                open.remove(key);
            }
            case "throttled" -> handled.add(key);
            default -> throw new IllegalArgumentException("unknown state '" + state + "'");
        }
    }

    private static String required(final JsonNode record, final String field) {
        JsonNode value = record.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("the field " + field + " is missing");
        }
        return value.asText();
    }

    private static String key(final String rule, final String messageId) {
        return rule + '\n' + messageId;
    }

    /**
     * Returns the file.
     *
     * @return the absolute path
     */
    public Path getFile() {
        return file;
    }

    /**
     * Returns the problems met reading the file.
     *
     * @return one line per skipped record, naming file and line
     */
    public List<String> getWarnings() {
        return List.copyOf(warnings);
    }

    /**
     * Returns whether a rule handled a message: started a run for it or throttled it.
     *
     * @param rule the rule
     * @param messageId the message
     * @return whether it did
     */
    public synchronized boolean handled(final String rule, final String messageId) {
        return handled.contains(key(rule, messageId));
    }

    /**
     * Returns how many runs a rule started since a time.
     *
     * @param rule the rule
     * @param since the start of the window
     * @return the number
     */
    public synchronized long startsSince(final String rule, final Instant since) {
        return starts.getOrDefault(rule, new ArrayDeque<>()).stream().filter(time -> !time.isBefore(since)).count();
    }

    /**
     * Returns the reactions started and never recorded as finished: the process that started them stopped (or
     * still runs them).
     *
     * @return the entries, oldest first
     */
    public synchronized List<Entry> unfinished() {
        return List.copyOf(open.values());
    }

    /**
     * Records, durably, that a rule starts a run for a message. Call it before starting the run.
     *
     * @param rule the rule
     * @param trigger the triggering message
     * @param time now
     */
    public synchronized void started(final String rule, final Message trigger, final Instant time) {
        ObjectNode record = record(rule, trigger.getId(), "started", time);
        record.put("message_type", trigger.getType());
        write(record);
        apply(record);
    }

    /**
     * Records, durably, how a started run ended.
     *
     * @param rule the rule
     * @param messageId the triggering message
     * @param status how it ended, for example {@code SUCCESS} or {@code exit 1}
     * @param time now
     */
    public synchronized void finished(final String rule, final String messageId, final String status,
            final Instant time) {
        ObjectNode record = record(rule, messageId, "finished", time);
        record.put("status", status);
        write(record);
        apply(record);
    }

    /**
     * Records, durably, that a rule did not start a run for a message because it was throttled.
     *
     * @param rule the rule
     * @param messageId the triggering message
     * @param reason why, as the decision says it
     * @param time now
     */
    public synchronized void throttled(final String rule, final String messageId, final String reason,
            final Instant time) {
        ObjectNode record = record(rule, messageId, "throttled", time);
        record.put("reason", reason);
        write(record);
        apply(record);
    }

    private static ObjectNode record(final String rule, final String messageId, final String state,
            final Instant time) {
        ObjectNode record = JSON.createObjectNode();
        record.put("rule", rule).put("message_id", messageId).put("state", state).put("time", time.toString());
        return record;
    }

    private void write(final ObjectNode record) {
        try {
            ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(record) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        }
        catch (IOException e) {
            throw failure(file, "write", e);
        }
    }

    private static LotaBotsException failure(final Path file, final String action, final IOException e) {
        return LotaBotsException.of(ReactionErrorCode.LEDGER_FAILURE, "Cannot " + action + " the reaction record "
                + file + ": " + e + ". Check that the folder exists, is writable and has free space.", e);
    }

    /**
     * Releases the lock and closes the file.
     */
    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        }
        catch (IOException e) {
            throw failure(file, "close", e);
        }
    }

    /**
     * Returns the history rules are evaluated against: the recent messages, and this ledger's reactions.
     *
     * @param messages the recent messages
     * @return the history
     */
    public ReactionHistory history(final RecentMessages messages) {
        return new ReactionHistory() {
            @Override
            public List<Message> earlier(final String type, final Instant from, final Instant until) {
                return messages.earlier(type, from, until);
            }

            @Override
            @CheckForNull
            public String causeOf(final String messageId) {
                return messages.causeOf(messageId);
            }

            @Override
            public boolean reacted(final String rule, final String messageId) {
                return handled(rule, messageId);
            }

            @Override
            public long startsSince(final String rule, final Instant since) {
                return ReactionLedger.this.startsSince(rule, since);
            }
        };
    }
}
