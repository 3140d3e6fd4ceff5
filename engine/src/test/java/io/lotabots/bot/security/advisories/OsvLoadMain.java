package io.lotabots.bot.security.advisories;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;

import java.nio.file.Path;

/**
 * Loads an advisory database in a child JVM of {@link OsvDatabaseBombTest} and prints the outcome: "loaded N" or
 * "refused CODE: message". Arguments: the path, then optionally the compression ratio and the kept bytes limits.
 */
final class OsvLoadMain {
    private OsvLoadMain() {
    }

    public static void main(final String[] args) {
        OsvLimits limits = args.length < 3 ? OsvLimits.defaults() : new OsvLimits(OsvLimits.DEFAULT_MAX_FILE_BYTES,
                OsvLimits.DEFAULT_MAX_ARCHIVE_BYTES, OsvLimits.DEFAULT_MAX_ARCHIVE_ENTRIES,
                Integer.parseInt(args[1]), Long.parseLong(args[2]));
        try {
            OsvDatabase database = OsvDatabase.load(Path.of(args[0]), LogSink.NONE, limits);
            System.out.println("loaded " + database.size());
        }
        catch (LotaBotsException exception) {
            System.out.println("refused " + exception.getCode() + ": " + exception.getMessage());
        }
    }
}
