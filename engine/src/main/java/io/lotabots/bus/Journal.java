package io.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.InvalidMessageException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An append-only file of messages, one JSON object per line (JSON Lines). It is the audit trail of a run.
 *
 * <p>Appends from many threads never lose or interleave lines: each append writes whole lines in one write in
 * append mode, under a lock shared by the threads of this JVM. With {@link Sharing#PROCESSES} (the default) each
 * append also holds the operating system's file lock, so that several processes can share one journal. If the
 * file ends in a torn line (a writer stopped mid-line, for example in a crash), the next append starts on a new
 * line, so the torn fragment stays one unreadable line that readers report and skip.</p>
 *
 * <p>Reading streams the file with a bounded line buffer: a journal of any size is read and filtered in memory
 * that does not grow with it, and the payload of a message the filter rejects is skipped unread.</p>
 */
public final class Journal implements Closeable {
    /** Where the command line keeps its journal, relative to the working directory. */
    public static final String DEFAULT_PATH = ".lotabots/messages.jsonl";

    /** The longest line a reader accepts: the largest message plus room for the line break. */
    static final int MAX_LINE_BYTES = MessageCodec.MAX_MESSAGE_BYTES + 2;

    /**
     * The locks that serialise appends inside this JVM, striped by file: a fixed set, so that a controller that
     * writes the journals of many thousands of builds keeps no lock per file it ever wrote.
     */
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }
    private static final int READ_BUFFER = 64 * 1024;
    private static final byte NEWLINE = '\n';
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final byte[] ID_PREFIX = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPEC_VERSION_PREFIX = "\",\"specversion\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME_PREFIX = "\",\"time\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE_PREFIX = "\",\"type\":\"".getBytes(StandardCharsets.UTF_8);

    private final Path file;
    private final Sharing sharing;
    @CheckForNull
    private FileChannel channel;
    @CheckForNull
    private FileChannel tailReader;
    @CheckForNull
    private ReentrantLock lock;
    private boolean tailChecked;
    private long knownSize = -1;

    /**
     * Who writes a journal, which decides how appends are coordinated.
     */
    public enum Sharing {
        /**
         * Only this JVM writes the file, as Jenkins does with a build's journal: appends are serialized by a lock
         * per file inside the JVM and written in append mode, one write each. The fastest mode.
         */
        THIS_PROCESS,
        /**
         * Several processes may write the file at once, as two command-line runs in one folder may: each append
         * also holds the operating system's file lock and checks the end of the file, so that a line torn by a
         * process that died mid-write is closed before the next line starts.
         */
        PROCESSES
    }

    private Journal(final Path file, final Sharing sharing) {
        this.file = file.toAbsolutePath().normalize();
        this.sharing = sharing;
    }

    /**
     * Returns the journal in the given file, safe for writers in several processes. The file and its folder are
     * created on the first append.
     *
     * @param file the file
     * @return the journal
     */
    public static Journal at(final Path file) {
        return new Journal(file, Sharing.PROCESSES);
    }

    /**
     * Returns the journal in the given file.
     *
     * @param file the file
     * @param sharing who writes it
     * @return the journal
     */
    public static Journal at(final Path file, final Sharing sharing) {
        return new Journal(file, sharing);
    }

    /**
     * Returns the file of this journal.
     *
     * @return the absolute path
     */
    public Path getFile() {
        return file;
    }

    /**
     * Appends one message as one line.
     *
     * @param message the message
     * @throws InvalidMessageException if the message is larger than {@link MessageCodec#MAX_MESSAGE_BYTES}
     * @throws LotaBotsException if the file cannot be written
     */
    public void append(final Message message) {
        appendLines(List.of(MessageCodec.get().write(message)));
    }

    /**
     * Appends messages in one write, in order. Either every message is valid and all are appended, or none is.
     *
     * @param messages the messages
     * @throws InvalidMessageException if a message is larger than {@link MessageCodec#MAX_MESSAGE_BYTES}
     * @throws LotaBotsException if the file cannot be written
     */
    public void appendAll(final Collection<Message> messages) {
        List<byte[]> lines = new ArrayList<>(messages.size());
        for (Message message : messages) {
            lines.add(MessageCodec.get().write(message));
        }
        appendLines(lines);
    }

    /**
     * Appends lines that {@link MessageCodec#write(Message)} produced, without their line breaks, in one write.
     *
     * @param lines the JSON lines
     */
    void appendLines(final List<byte[]> lines) {
        if (lines.isEmpty()) {
            return;
        }
        int total = 1;
        for (byte[] line : lines) {
            total += line.length + 1;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        buffer.put(NEWLINE);
        for (byte[] line : lines) {
            buffer.put(line).put(NEWLINE);
        }
        FileChannel out;
        ReentrantLock fileLock;
        synchronized (this) {
            try {
                out = channel();
            }
            catch (IOException e) {
                throw failure("open", e);
            }
            fileLock = Objects.requireNonNull(lock);
        }
        fileLock.lock();
        try {
            if (sharing == Sharing.PROCESSES) {
                try (FileLock ignored = out.lock()) {
                    long size = out.size();
                    boolean torn = size > 0 && size != knownSize && !endsWithNewline(size);
                    knownSize = size + write(out, buffer, torn);
                }
            }
            else {
                boolean torn = false;
                if (!tailChecked) {
                    long size = out.size();
                    torn = size > 0 && !endsWithNewline(size);
                    tailChecked = true;
                }
                write(out, buffer, torn);
            }
        }
        catch (IOException e) {
            throw failure("write", e);
        }
        finally {
            fileLock.unlock();
        }
    }

    /**
     * Writes the buffer, whose first byte is a line break that is written only to close a torn last line.
     */
    private static int write(final FileChannel out, final ByteBuffer buffer, final boolean closeTornLine)
            throws IOException {
        buffer.flip();
        if (!closeTornLine) {
            buffer.position(1);
        }
        int written = buffer.remaining();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        return written;
    }

    /**
     * Opens the file in append mode if needed, and finds the lock shared by every journal of this JVM that writes
     * the same file, whatever path (a symbolic or hard link) it was reached by.
     */
    private FileChannel channel() throws IOException {
        FileChannel open = channel;
        if (open == null || !open.isOpen()) {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.isDirectory(file)) {
                throw notAFile();
            }
            open = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            Object key = fileKey == null ? file.toRealPath() : fileKey;
            lock = LOCKS[Math.floorMod(key.hashCode(), LOCKS.length)];
            channel = open;
            tailChecked = false;
            knownSize = -1;
        }
        return open;
    }

    private boolean endsWithNewline(final long size) throws IOException {
        FileChannel in = tailReader;
        if (in == null || !in.isOpen()) {
            in = FileChannel.open(file, StandardOpenOption.READ);
            tailReader = in;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        return in.read(last, size - 1) == 1 && last.get(0) == NEWLINE;
    }

    /**
     * Forces what was appended to the disk and closes the file handles of this journal, if open. The journal can
     * still be used; it opens the file again.
     */
    @Override
    public synchronized void close() {
        FileChannel open = channel;
        ReentrantLock fileLock = lock;
        if (open == null || fileLock == null) {
            return;
        }
        fileLock.lock();
        try {
            channel = null;
            // Appends reach the operating system as they are written; closing forces them to the disk, so that a
            // power loss after a bot run (every front-end closes its journal then) loses nothing it recorded.
            open.force(false);
            open.close();
            FileChannel reader = tailReader;
            tailReader = null;
            if (reader != null) {
                reader.close();
            }
        }
        catch (IOException e) {
            throw failure("close", e);
        }
        finally {
            fileLock.unlock();
        }
    }

    /**
     * Reads the journal and passes each message the filter keeps to the consumer, in file order. Unreadable lines
     * are skipped and reported in the result. A journal that does not exist yet is empty.
     *
     * @param filter which messages to keep
     * @param consumer receives the kept messages
     * @return what was read and skipped
     * @throws LotaBotsException if the file cannot be read
     */
    public JournalScan scan(final MessageFilter filter, final Consumer<Message> consumer) {
        if (Files.isDirectory(file)) {
            throw notAFile();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new LineScanner(String.valueOf(file.getFileName()), filter, consumer).scan(in);
        }
        catch (NoSuchFileException e) {
            return new JournalScan(0, 0, 0, List.of());
        }
        catch (IOException e) {
            throw failure("read", e);
        }
    }

    /**
     * Reads every message the filter keeps into a list. Use {@link #scan} for journals of unknown size.
     *
     * @param filter which messages to keep
     * @return the messages, in file order
     */
    public List<Message> read(final MessageFilter filter) {
        List<Message> messages = new ArrayList<>();
        scan(filter, messages::add);
        return messages;
    }

    private LotaBotsException notAFile() {
        return LotaBotsException.of(JournalErrorCode.NOT_A_FILE,
                "Cannot use journal '" + file + "': it is a directory. Give the path of a file.");
    }

    private LotaBotsException failure(final String action, final IOException e) {
        return LotaBotsException.of(JournalErrorCode.IO_FAILURE,
                "Cannot " + action + " journal '" + file + "': " + e + ". Check that the folder exists, is writable"
                        + " and has free space.", e);
    }

    /**
     * Splits a stream into lines with a bounded buffer and parses each.
     */
    static final class LineScanner {
        private final String fileName;
        private final MessageFilter filter;
        private final Consumer<Message> consumer;
        private final List<String> warnings = new ArrayList<>();
        private final List<byte[]> wantedTypes;
        private byte[] pending = new byte[8 * 1024];
        private int pendingLength;
        private boolean overflow;
        private long lineNumber;
        private long lines;
        private long matched;
        private long skipped;
        private boolean completeOnly;
        private long consumed;

        LineScanner(final String fileName, final MessageFilter filter, final Consumer<Message> consumer) {
            this.fileName = fileName;
            this.filter = filter;
            this.consumer = consumer;
            this.wantedTypes = filter.types().stream().map(type -> type.getBytes(StandardCharsets.UTF_8)).toList();
        }

        /**
         * Decides from the raw bytes, without a parser, that a line written by {@link MessageCodec#write} has a type
         * the filter does not want. The writer's layout starts {@code {"id":"…","specversion":"…","time":"…",
         * "type":"…"}; a line in any other layout, or with an escape in those values, is left to the parser.
         */
        private boolean isUnwantedType(final byte[] buffer, final int offset, final int length) {
            int end = offset + length;
            int position = expect(buffer, offset, end, ID_PREFIX);
            position = expect(buffer, skipValue(buffer, position, end), end, SPEC_VERSION_PREFIX);
            position = expect(buffer, skipValue(buffer, position, end), end, TIME_PREFIX);
            position = expect(buffer, skipValue(buffer, position, end), end, TYPE_PREFIX);
            int typeEnd = skipValue(buffer, position, end);
            if (typeEnd < 0) {
                return false;
            }
            for (byte[] wanted : wantedTypes) {
                if (Arrays.equals(buffer, position, typeEnd, wanted, 0, wanted.length)) {
                    return false;
                }
            }
            return true;
        }

        private static int expect(final byte[] buffer, final int position, final int end, final byte[] expected) {
            if (position < 0 || end - position < expected.length
                    || !Arrays.equals(buffer, position, position + expected.length, expected, 0, expected.length)) {
                return -1;
            }
            return position + expected.length;
        }

        /**
         * Returns the index of the quote that closes a string value starting at the position, or -1 if the value
         * has an escape or does not close.
         */
        private static int skipValue(final byte[] buffer, final int position, final int end) {
            if (position < 0) {
                return -1;
            }
            for (int i = position; i < end; i++) {
                byte b = buffer[i];
                if (b == '"') {
                    return i;
                }
                if (b == '\\') {
                    return -1;
                }
            }
            return -1;
        }

        /**
         * Reads only complete lines, for a reader that follows the file: a last line without its line break is
         * left for the next read, and {@link #consumed()} says where that read starts.
         *
         * @param firstLine the number of the line before the first one read
         * @return this
         */
        LineScanner completeLinesOnly(final long firstLine) {
            this.completeOnly = true;
            this.lineNumber = firstLine;
            return this;
        }

        /**
         * Returns how many bytes the complete lines read took, line breaks included.
         */
        long consumed() {
            return consumed;
        }

        /**
         * Returns the number of the last complete line read.
         */
        long lineNumber() {
            return lineNumber;
        }

        JournalScan scan(final InputStream in) throws IOException {
            byte[] buffer = new byte[READ_BUFFER];
            int read;
            long offset = 0;
            while ((read = in.read(buffer)) > 0) {
                int start = 0;
                int i;
                while ((i = indexOfNewline(buffer, start, read)) >= 0) {
                    if (pendingLength == 0 && !overflow) {
                        line(buffer, start, i - start, false);
                    }
                    else {
                        keep(buffer, start, i - start);
                        line(pending, 0, pendingLength, false);
                        pendingLength = 0;
                        overflow = false;
                    }
                    start = i + 1;
                    consumed = offset + start;
                }
                keep(buffer, start, read - start);
                offset += read;
            }
            if (!completeOnly && (pendingLength > 0 || overflow)) {
                line(pending, 0, pendingLength, true);
            }
            return new JournalScan(lines, matched, skipped, warnings);
        }

        /**
         * Finds the next line break eight bytes at a time: a byte of the word XOR {@code 0x0A} is zero exactly where
         * the word has a line break, and the lowest flagged byte of the classic zero-byte test is always exact.
         */
        private static int indexOfNewline(final byte[] buffer, final int from, final int to) {
            int i = from;
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                long word = (long) LONGS.get(buffer, i) ^ NEWLINES;
                long found = (word - ONES) & ~word & HIGH_BITS;
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
            for (; i < to; i++) {
                if (buffer[i] == NEWLINE) {
                    return i;
                }
            }
            return -1;
        }

        private void keep(final byte[] buffer, final int offset, final int length) {
            if (overflow || length == 0) {
                return;
            }
            if (pendingLength + length > MAX_LINE_BYTES) {
                overflow = true;
                pendingLength = 0;
                return;
            }
            if (pendingLength + length > pending.length) {
                byte[] larger = new byte[Math.min(MAX_LINE_BYTES, Math.max(pending.length * 2,
                        pendingLength + length))];
                System.arraycopy(pending, 0, larger, 0, pendingLength);
                pending = larger;
            }
            System.arraycopy(buffer, offset, pending, pendingLength, length);
            pendingLength += length;
        }

        private void line(final byte[] buffer, final int offset, final int rawLength, final boolean last) {
            lineNumber++;
            int length = rawLength;
            if (length > 0 && buffer[offset + length - 1] == '\r') {
                length--;
            }
            if (overflow) {
                lines++;
                skip("is longer than " + MAX_LINE_BYTES + " bytes, the largest message a journal holds; skipped");
                return;
            }
            if (isBlank(buffer, offset, length)) {
                return;
            }
            lines++;
            if (!wantedTypes.isEmpty() && isUnwantedType(buffer, offset, length)) {
                return;
            }
            try {
                Message message = MessageCodec.get().readIf(buffer, offset, length, null, filter);
                if (message != null) {
                    matched++;
                    consumer.accept(message);
                }
            }
            catch (InvalidMessageException e) {
                skip(last ? "is a torn last line (the writer stopped mid-line, for example in a crash); skipped: "
                        + e.getMessage() : "is not a valid message; skipped: " + e.getMessage());
            }
        }

        private void skip(final String reason) {
            skipped++;
            if (warnings.size() < JournalScan.MAX_WARNINGS) {
                warnings.add(fileName + ":" + lineNumber + ": line " + reason);
            }
        }

        private static boolean isBlank(final byte[] buffer, final int offset, final int length) {
            for (int i = offset; i < offset + length; i++) {
                byte b = buffer[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
