package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bus.Journal;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The {@code --journal} option every subcommand that reads or writes messages shares.
 */
final class JournalOption {
    @Option(names = "--journal", paramLabel = "PATH",
            description = "The journal file. Default: " + Journal.DEFAULT_PATH + " under the working directory.")
    @CheckForNull
    private Path journal;

    /**
     * Returns the journal file.
     *
     * @param workdir the working directory the default is relative to
     * @return the path
     */
    Path resolve(final Path workdir) {
        return journal != null ? journal : workdir.resolve(Journal.DEFAULT_PATH);
    }
}
