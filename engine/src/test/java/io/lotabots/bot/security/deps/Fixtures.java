package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.advisories.OsvDatabase;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The sample files of this package, copied into temporary workspaces, and a log that records its lines.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path resource(final String name) {
        URL url = Objects.requireNonNull(Fixtures.class.getResource(name), name);
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException exception) {
            throw new IllegalStateException(exception);
        }
    }

    /** Copies a fixture file or folder to a path relative to the workspace. */
    static Path copy(final String fixture, final Path workspace, final String target) {
        Path source = resource(fixture);
        Path destination = workspace.resolve(target);
        try {
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Path to = destination.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        }
                        else {
                            Files.createDirectories(to.getParent());
                            Files.copy(file, to);
                        }
                    }
                }
            }
            else {
                Files.createDirectories(destination.getParent());
                Files.copy(source, destination);
            }
            return destination;
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    static OsvDatabase database() {
        return OsvDatabase.load(resource("osv"), LogSink.NONE);
    }

    /** A log that keeps its lines. */
    static final class RecordingLog implements LogSink {
        final List<String> infos = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        @Override
        public void info(final String line) {
            infos.add(line);
        }

        @Override
        public void error(final String line) {
            errors.add(line);
        }
    }
}
