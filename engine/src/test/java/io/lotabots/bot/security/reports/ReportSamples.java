package io.lotabots.bot.security.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies the real-world-shaped sample reports of this package into a workspace, with {@code ${WORKSPACE}} (where
 * the scanner wrote absolute paths) replaced by the workspace's path.
 */
public final class ReportSamples {
    private ReportSamples() {
    }

    /**
     * Returns the text of a sample.
     *
     * @param name the file name, for example {@code trivy-fs.json}
     * @return the text
     */
    public static String text(final String name) {
        try (InputStream in = ReportSamples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample report " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a sample into the workspace.
     *
     * @param workspace the workspace
     * @param name the sample's file name
     * @param target the path in the workspace
     * @return the path written
     */
    public static Path copy(final Path workspace, final String name, final String target) {
        try {
            Path file = workspace.resolve(target);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text(name).replace("${WORKSPACE}", workspace.toAbsolutePath().toString()
                    .replace('\\', '/')));
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
