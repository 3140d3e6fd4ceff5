package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bus.Journal;
import io.lotabots.util.OutputPaths;

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
     * Returns whether the user named the journal with {@code --journal}.
     *
     * @return {@code true} if named
     */
    boolean isNamed() {
        return journal != null;
    }

    /**
     * Returns the journal file.
     *
     * @param workdir the working directory the default is relative to
     * @return the path
     */
    Path resolve(final Path workdir) {
        return journal != null ? journal : workdir.resolve(Journal.DEFAULT_PATH);
    }

    /**
     * Returns the journal file a run writes, checked before the run starts: a journal named with {@code --journal}
     * may be anywhere but must be writable; the default one must stay inside the working directory after links
     * are resolved.
     *
     * @param outputs the rule of the working directory
     * @return the rule, with the named journal allowed
     */
    OutputPaths forWriting(final OutputPaths outputs) {
        if (journal == null) {
            outputs.resolve(Journal.DEFAULT_PATH, "the journal");
            return outputs;
        }
        OutputPaths.checkWritable(journal, "--journal");
        return outputs.allowing(journal.toAbsolutePath());
    }

    /**
     * Returns the journal file a run writes.
     *
     * @param outputs the rule returned by {@link #forWriting(OutputPaths)}
     * @return the absolute path
     */
    Path file(final OutputPaths outputs) {
        return outputs.resolve(journal == null ? Path.of(Journal.DEFAULT_PATH) : journal.toAbsolutePath(),
                "the journal");
    }
}
