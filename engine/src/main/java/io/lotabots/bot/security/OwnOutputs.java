package io.lotabots.bot.security;

import io.lotabots.bot.BotContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What LotaBots itself writes into a workspace, which a scan must never read back as input: the {@code .lotabots}
 * folder at any depth (journal, run reports, SARIF, notifications, releases, backups), the SARIF report of this
 * scan wherever {@code sarifOut} puts it, and every output the user named explicitly on the command line
 * ({@code --journal}, {@code --sarif-out}). Reading them would make a scan's findings depend on the scan before
 * it: its own SARIF counted as a scanner report, or its masked secrets found again.
 */
final class OwnOutputs {
    /** The folder LotaBots writes to by default. */
    static final String FOLDER = ".lotabots";

    private final Path workspace;
    private final Set<Path> files;

    private OwnOutputs(final Path workspace, final Set<Path> files) {
        this.workspace = workspace;
        this.files = Set.copyOf(files);
    }

    /**
     * Collects the outputs of a run.
     *
     * @param context the context, whose output rule knows the explicit outputs
     * @param sarif the SARIF report this scan writes
     * @return the outputs
     */
    static OwnOutputs of(final BotContext context, final Path sarif) {
        Path workspace = context.getWorkspace().toAbsolutePath().normalize();
        Set<Path> files = new LinkedHashSet<>();
        files.add(workspace.resolve(sarif).normalize());
        context.getOutputs().getExplicit().forEach(file -> files.add(workspace.resolve(file).normalize()));
        return new OwnOutputs(workspace, files);
    }

    /**
     * Returns whether LotaBots writes this file.
     *
     * @param relative the path relative to the workspace, with {@code /} or the platform's separator
     * @return {@code true} inside a {@code .lotabots} folder, or for an output of this run
     */
    boolean contains(final String relative) {
        Path file = workspace.resolve(relative).normalize();
        if (files.contains(file)) {
            return true;
        }
        if (!file.startsWith(workspace)) {
            return false;
        }
        for (Path name : workspace.relativize(file)) {
            if (FOLDER.equals(name.toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns patterns that leave the outputs out of a search of a folder, relative to it.
     *
     * @param folder the folder searched
     * @return {@code **}{@code /.lotabots/**} and the outputs below the folder whose names hold no wildcard
     */
    List<String> excludesBelow(final Path folder) {
        Path base = workspace.resolve(folder).normalize();
        List<String> patterns = new ArrayList<>();
        patterns.add("**/" + FOLDER + "/**");
        for (Path file : files) {
            String relative = base.relativize(file).toString().replace('\\', '/');
            if (file.startsWith(base) && !relative.isEmpty() && relative.chars().noneMatch(c -> "*?[]{}!".indexOf(c)
                    >= 0)) {
                patterns.add(relative);
            }
        }
        return patterns;
    }

    /**
     * Names why a file is left out, for the log.
     *
     * @param relative the path relative to the workspace
     * @return for example {@code LotaBots writes it (the .lotabots folder, or the SARIF report of this scan)}
     */
    static String reason(final String relative) {
        return "'" + relative + "' is left out: LotaBots writes it (the " + FOLDER + " folder, the SARIF report of"
                + " this scan, or an output named on the command line); a scan never reads its own output";
    }
}
