package io.lotabots.bot.security.advisories;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.ChildJvm;
import io.lotabots.util.LogSink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The zip bombs of issue 14: a 324 KB archive (whose entries cost 2.4 GB of heap before, each listing the same
 * version a million times) and a 1.9 GB one (that hung the JVM at its maximum heap). The archives are generated in
 * the test; the memory bound is shown by loading them in a child JVM with a 128 MB heap, which exits on an
 * {@link OutOfMemoryError} instead of printing the outcome.
 */
class OsvDatabaseBombTest {
    /** Just below the 4 MiB limit of one advisory, so that each entry is read rather than refused by its size. */
    private static final int ENTRY_BYTES = 4_000_000;
    private static final String HEAP = "128m";

    @Test
    void shouldRefuseA324KilobyteZipBombNamingTheArchiveTheEntryAndTheRatio(@TempDir final Path directory)
            throws IOException {
        Path zip = directory.resolve("osv.zip");
        ZipBombs.write(zip, ZipBombs.advisory(ENTRY_BYTES), 80);
        assertThat(Files.size(zip)).isBetween(300_000L, 350_000L);

        assertThatThrownBy(() -> OsvDatabase.load(zip, LogSink.NONE))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(AdvisoryErrorCode.ARCHIVE_TOO_LARGE))
                .hasMessageContaining(zip + "!/osv/BOMB-0.json")
                .hasMessageContaining("the limit is 100 times")
                .hasMessageContaining("zip bomb");
    }

    @Test
    void shouldRefuseA1Point9GigabyteZipBombWithin128MegabytesOfHeap(@TempDir final Path directory)
            throws IOException, InterruptedException {
        Path zip = directory.resolve("osv.zip");
        long expanded = ZipBombs.write(zip, ZipBombs.advisory(ENTRY_BYTES), 475);
        assertThat(expanded).isGreaterThan(1_850_000_000L).isLessThan(OsvLimits.DEFAULT_MAX_ARCHIVE_BYTES);

        ChildJvm.Result result = ChildJvm.run(HEAP, OsvLoadMain.class, zip.toString());

        assertThat(result.output()).doesNotContain("OutOfMemoryError")
                .contains("refused ARCHIVE_TOO_LARGE").contains("osv.zip!/osv/BOMB-0.json")
                .contains("the limit is 100 times");
        assertThat(result.exitCode()).isZero();
    }

    /**
     * Without the ratio check, ten entries of the bomb are read and parsed (40 MB of JSON, ten million versions):
     * before, each advisory kept its million versions (about 400 MB for the ten); now a version is kept once.
     */
    @Test
    void shouldKeepRepeatedVersionsOnceSoThatTheBombLoadsWithin128MegabytesWithoutTheRatioCheck(
            @TempDir final Path directory) throws IOException, InterruptedException {
        Path zip = directory.resolve("osv.zip");
        ZipBombs.write(zip, ZipBombs.advisory(ENTRY_BYTES), 10);

        ChildJvm.Result result = ChildJvm.run(HEAP, OsvLoadMain.class, zip.toString(),
                String.valueOf(Integer.MAX_VALUE), String.valueOf(OsvLimits.DEFAULT_MAX_KEPT_BYTES));

        assertThat(result.output()).doesNotContain("OutOfMemoryError").contains("loaded 10");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void shouldRefuseADatabaseWhoseKeptAdvisoriesExceedTheLimit(@TempDir final Path directory) throws IOException {
        for (int i = 0; i < 20; i++) {
            StringBuilder versions = new StringBuilder();
            for (int v = 0; v < 1000; v++) {
                versions.append(v == 0 ? "" : ",").append('"').append(i).append('.').append(v).append('"');
            }
            Files.writeString(directory.resolve("GEN-" + i + ".json"), String.format(Locale.ROOT,
                    "{\"id\":\"GEN-%d\",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"p%d\"},"
                            + "\"versions\":[%s]}]}", i, i, versions), StandardCharsets.UTF_8);
        }
        OsvLimits limits = new OsvLimits(OsvLimits.DEFAULT_MAX_FILE_BYTES, OsvLimits.DEFAULT_MAX_ARCHIVE_BYTES,
                OsvLimits.DEFAULT_MAX_ARCHIVE_ENTRIES, OsvLimits.DEFAULT_MAX_COMPRESSION_RATIO, 1_000_000);

        assertThat(OsvDatabase.load(directory, LogSink.NONE).size()).isEqualTo(20);
        assertThatThrownBy(() -> OsvDatabase.load(directory, LogSink.NONE, limits))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(AdvisoryErrorCode.DATABASE_TOO_LARGE))
                .hasMessageContaining(directory.toString())
                .hasMessageContaining("more than 1000000 bytes of memory (the limit)");
    }
}
