package io.lotabots.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a reader, or the next run after a crash or a power loss, sees either the old content or
 * the new one, never a mix: the content goes to a temporary file beside it, is forced to disk, and is then moved
 * over the old file in one step.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /**
     * Replaces the content of a file.
     *
     * @param file the file; its folder must exist
     * @param content the new content
     * @throws IOException if the file cannot be written
     */
    public static void replace(final Path file, final byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally {
            Files.deleteIfExists(temp);
        }
    }
}
