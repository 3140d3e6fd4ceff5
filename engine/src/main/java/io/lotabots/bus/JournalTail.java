package io.lotabots.bus;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a journal the way {@code tail -f} follows a file: each {@link #poll} reads the complete lines appended since
 * the last one, by this process or any other, and leaves a last line that has no line break yet (a writer in the
 * middle of it) for a later poll. A journal that shrank (replaced or truncated) is read again from its start, with a
 * warning. Memory does not grow with the journal.
 */
public final class JournalTail {
    private final Journal journal;
    private long offset;
    private long line;

    /**
     * Follows a journal from its start.
     *
     * @param journal the journal
     */
    public JournalTail(final Journal journal) {
        this.journal = journal;
    }

    /**
     * Reads the complete lines appended since the last poll and passes each message the filter keeps to the
     * consumer, in file order. Unreadable complete lines are skipped and reported in the result, with file and line.
     *
     * @param filter which messages to keep
     * @param consumer receives them
     * @return what was read
     * @throws LotaBotsException if the file cannot be read
     */
    public JournalScan poll(final MessageFilter filter, final Consumer<Message> consumer) {
        List<String> notes = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(journal.getFile(), StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                notes.add(journal.getFile().getFileName() + ": the journal is shorter than the " + offset
                        + " bytes read before (it was replaced or truncated); reading it again from the start");
                offset = 0;
                line = 0;
            }
            if (size == offset) {
                return new JournalScan(0, 0, 0, notes);
            }
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            Journal.LineScanner scanner = new Journal.LineScanner(String.valueOf(journal.getFile().getFileName()),
                    filter, consumer).completeLinesOnly(line);
            JournalScan scan = scanner.scan(in);
            offset += scanner.consumed();
            line = scanner.lineNumber();
            if (notes.isEmpty()) {
                return scan;
            }
            notes.addAll(scan.warnings());
            return new JournalScan(scan.lines(), scan.matched(), scan.skipped(), notes);
        }
        catch (NoSuchFileException e) {
            return new JournalScan(0, 0, 0, notes);
        }
        catch (IOException e) {
            if (Files.isDirectory(journal.getFile())) {
                throw LotaBotsException.of(JournalErrorCode.NOT_A_FILE, "Cannot follow journal '"
                        + journal.getFile() + "': it is a directory. Give the path of a file.");
            }
            throw LotaBotsException.of(JournalErrorCode.IO_FAILURE, "Cannot follow journal '" + journal.getFile()
                    + "': " + e + ". Check that it is readable.", e);
        }
    }

    /**
     * Returns the offset after the last complete line read.
     *
     * @return the offset in bytes
     */
    public long getOffset() {
        return offset;
    }
}
