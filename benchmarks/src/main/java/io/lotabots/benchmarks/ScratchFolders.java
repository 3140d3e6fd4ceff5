package io.lotabots.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deleting the scratch folders the benchmarks write their data into.
 */
final class ScratchFolders {
    private ScratchFolders() {
    }

    /**
     * Deletes a folder and everything in it; a folder that does not exist is left alone.
     *
     * @param folder the folder
     * @throws IOException if a file cannot be deleted
     */
    static void delete(final Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
