package io.lotabots.report.coverage;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;

import java.nio.file.Path;

/**
 * Reads a coverage report in a child JVM of {@link CoverageReaderMemoryTest} and prints the outcome: "read SUMMARY"
 * or "refused CODE: message". Arguments: the report and the limit of the memory kept, in bytes.
 */
final class CoverageReadMain {
    private CoverageReadMain() {
    }

    public static void main(final String[] args) {
        try {
            CoverageSummary summary = CoverageReader.create(false, Long.parseLong(args[1]))
                    .read(Path.of(args[0]), LogSink.NONE);
            System.out.println("read " + summary);
        }
        catch (LotaBotsException exception) {
            System.out.println("refused " + exception.getCode() + ": " + exception.getMessage());
        }
    }
}
