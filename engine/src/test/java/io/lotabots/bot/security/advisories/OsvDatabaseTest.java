package io.lotabots.bot.security.advisories;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OsvDatabaseTest {
    private static final String LOG4J = "org.apache.logging.log4j:log4j-core";
    private static final String LOG4J_ID = "GHSA-jfh8-c2jp-5v3q";
    private static final String LODASH_ID = "GHSA-35jh-r3h4-6jhm";
    private static final String BARD_ID = "PYSEC-2099-0001";

    private final RecordingLog log = new RecordingLog();

    private OsvDatabase fixtures() {
        return OsvDatabase.load(resource("db"), log);
    }

    @ParameterizedTest(name = "log4j-core {0} affected: {1}")
    @CsvSource({
            "2.0-beta8, false",
            "2.0-beta9, true",
            "2.0, true",
            "2.3, true",
            "2.3.1, false",
            "2.3.2, false",
            "2.4, true",
            "2.12.1, true",
            "2.12.2, false",
            "2.12.4, false",
            "2.13.0, true",
            "2.14.1, true",
            "2.15.0-rc1, true",
            "2.15.0, false",
            "2.17.1, false"
    })
    void shouldMatchLog4jAtTheBoundariesOfEveryRange(final String version, final boolean affected) {
        List<OsvAdvisory> found = fixtures().match(Ecosystem.MAVEN, LOG4J, version);

        if (affected) {
            assertThat(found).extracting(OsvAdvisory::id).containsExactly(LOG4J_ID);
        }
        else {
            assertThat(found).isEmpty();
        }
    }

    @Test
    void shouldReadTheFieldsAndSeverityOfLog4j() {
        OsvAdvisory advisory = fixtures().match(Ecosystem.MAVEN, LOG4J, "2.14.1").get(0);

        assertThat(advisory.aliases()).containsExactly("CVE-2021-44228");
        assertThat(advisory.summary()).isEqualTo("Remote code injection in Log4j");
        assertThat(advisory.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(advisory.baseScore()).hasValue(10.0);
        assertThat(advisory.affected()).hasSize(4);
        assertThat(advisory.affected().get(0).ranges().get(0).events())
                .containsExactly(new OsvAdvisory.Event(OsvAdvisory.EventKind.INTRODUCED, "2.13.0"),
                        new OsvAdvisory.Event(OsvAdvisory.EventKind.FIXED, "2.15.0"));
    }

    @ParameterizedTest(name = "pax-logging-log4j2 {0} affected: {1}")
    @CsvSource({"1.0.0, true", "1.10.7, true", "1.10.8, false", "1.11.0, true", "1.11.9, true", "1.11.10, false"})
    void shouldMatchFromTheBeginningWhenIntroducedIsZero(final String version, final boolean affected) {
        assertThat(fixtures().match(Ecosystem.MAVEN, "org.ops4j.pax.logging:pax-logging-log4j2", version))
                .hasSize(affected ? 1 : 0);
    }

    @ParameterizedTest(name = "{0} {1} affected: {2}")
    @CsvSource({
            "lodash, 0.0.1, true",
            "lodash, 4.17.20, true",
            "lodash, v4.17.20, true",
            "lodash, 4.17.21-beta.1, true",
            "lodash, 4.17.21, false",
            "lodash, 5.0.0, false",
            "lodash-es, 3.10.1, false",
            "lodash-es, 4.0.0, true",
            "lodash-es, 4.17.20, true",
            "lodash-es, 4.17.21, false",
            "lodash-es, not-a-version, false"
    })
    void shouldMatchNpmWithSemverRangesAndInclusiveLastAffected(final String name, final String version,
            final boolean affected) {
        List<OsvAdvisory> found = fixtures().match(Ecosystem.NPM, name, version);

        assertThat(found).extracting(OsvAdvisory::id).containsExactlyElementsOf(affected ? List.of(LODASH_ID)
                : List.of());
    }

    @Test
    void shouldRateLodashFromItsCvssVector() {
        OsvAdvisory advisory = fixtures().match(Ecosystem.NPM, "lodash", "4.17.20").get(0);

        assertThat(advisory.baseScore()).hasValue(7.2);
        assertThat(advisory.severity()).isEqualTo(Severity.HIGH);
    }

    @ParameterizedTest(name = "Friendly-Bard {0} affected: {1}")
    @CsvSource({
            "1.0.dev2, false",
            "1.0.dev3, true",
            "1.0a1, true",
            "1.0, true",
            "1.4, true",
            "1.4.post1, true",
            "1.4.0.post1, true",
            "1.4.post2, false",
            "1.5, false",
            "2.0b1, false",
            "2.0rc1, true",
            "2.0, true",
            "2.0.1, true",
            "2.1, false",
            "1!0.4, false",
            "1!0.5, true",
            "1!0.5.9, true",
            "1!0.6, false",
            "0.9.9, true",
            "0.9.9.0, true",
            "0.9.8, false"
    })
    void shouldMatchPypiWithEcosystemRangesLastAffectedAndListedVersions(final String version,
            final boolean affected) {
        assertThat(fixtures().match(Ecosystem.PYPI, "Friendly-Bard", version)).extracting(OsvAdvisory::id)
                .containsExactlyElementsOf(affected ? List.of(BARD_ID) : List.of());
    }

    @Test
    void shouldNormalisePypiNamesAndUseTheDatabaseSeverity() {
        OsvDatabase database = fixtures();

        assertThat(database.match(Ecosystem.PYPI, "friendly.bard", "1.2")).hasSize(1);
        assertThat(database.match(Ecosystem.PYPI, "FRIENDLY__BARD", "1.2")).hasSize(1);
        OsvAdvisory advisory = database.match(Ecosystem.PYPI, "friendly-bard", "1.2").get(0);
        assertThat(advisory.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(advisory.baseScore()).isEmpty();
        assertThat(database.match(Ecosystem.NPM, "friendly-bard", "1.2")).isEmpty();
    }

    @Test
    void shouldIgnoreOtherEcosystemsAndGitRanges() {
        OsvDatabase database = fixtures();

        assertThat(database.size()).isEqualTo(5);
        assertThat(database.match(Ecosystem.MAVEN, "apache-log4j2", "2.14.0")).isEmpty();
        assertThat(database.match(Ecosystem.NPM, "github.com/example/log4go", "0.1.0")).isEmpty();
        assertThat(log.infos).anySatisfy(line -> assertThat(line).contains("2 affected packages of other ecosystems"));
        assertThat(log.infos).filteredOn(line -> line.contains("GIT ranges are ignored")).singleElement()
                .asString().contains(LODASH_ID);
    }

    @Test
    void shouldNameMalformedFilesWithTheirPositionAndUseTheOthers() {
        OsvDatabase database = fixtures();

        assertThat(log.errors).anySatisfy(line -> assertThat(line)
                .contains("GHSA-bad1-json-0001.json' at line 4, column").contains("The file is skipped"));
        assertThat(log.errors).anySatisfy(line -> assertThat(line)
                .contains("GHSA-bad2-noid-0002.json").contains("'id' must be a non-empty string"));
        assertThat(log.errors).anySatisfy(line -> assertThat(line)
                .contains("GHSA-bad3-event-0003.json").contains("'affected[0].ranges[0].events[0]' must be an object"));
        assertThat(log.errors).anySatisfy(line -> assertThat(line)
                .contains("GHSA-bad4-version-0004.json").contains("'affected[0].ranges[0]' is skipped")
                .contains("'not a version'"));
        assertThat(log.errors).hasSize(4);
        assertThat(database.match(Ecosystem.PYPI, "half_broken", "3.1")).extracting(OsvAdvisory::id)
                .containsExactly("GHSA-bad4-version-0004");
        assertThat(database.match(Ecosystem.PYPI, "half_broken", "1.0")).isEmpty();
        assertThat(database.match(Ecosystem.MAVEN, LOG4J, "2.14.1")).hasSize(1);
    }

    @Test
    void shouldRefuseAnOversizedFileWithItsSize(@TempDir final Path directory) throws IOException {
        Files.copy(resource("db/maven/GHSA-jfh8-c2jp-5v3q.json"), directory.resolve("log4j.json"));
        Files.writeString(directory.resolve("huge.json"), "{\"id\": \"" + "x".repeat(9000) + "\"}");

        OsvDatabase database = OsvDatabase.load(directory, log, new OsvLimits(8000, 1_000_000, 100));

        assertThat(log.errors).singleElement().asString().contains("huge.json").contains("has 9010 bytes")
                .contains("the limit is 8000");
        assertThat(database.match(Ecosystem.MAVEN, LOG4J, "2.14.1")).hasSize(1);
    }

    @Test
    void shouldReadAZipAndRefuseEntriesOutsideIt(@TempDir final Path directory) throws IOException {
        byte[] log4j = Files.readAllBytes(resource("db/maven/GHSA-jfh8-c2jp-5v3q.json"));
        byte[] lodash = Files.readAllBytes(resource("db/npm/GHSA-35jh-r3h4-6jhm.json"));
        Path zip = directory.resolve("osv.zip");
        writeZip(zip, List.of("maven/", "maven/GHSA-jfh8-c2jp-5v3q.json", "../../evil.json", "/etc/evil.json",
                        "a\\..\\..\\evil.json", "notes.txt", "GHSA-35jh-r3h4-6jhm.json"),
                List.of(new byte[0], log4j, lodash, lodash, lodash, new byte[3], lodash));

        OsvDatabase database = OsvDatabase.load(zip, log);

        assertThat(database.size()).isEqualTo(2);
        assertThat(database.match(Ecosystem.MAVEN, LOG4J, "2.14.1")).hasSize(1);
        assertThat(database.match(Ecosystem.NPM, "lodash", "4.17.20")).hasSize(1);
        assertThat(log.errors).hasSize(3).allSatisfy(line -> assertThat(line).contains("zip slip"));
        assertThat(log.errors.get(0)).contains("osv.zip!/../../evil.json");
    }

    @Test
    void shouldRefuseAZipWithTooManyEntries(@TempDir final Path directory) throws IOException {
        Path zip = directory.resolve("bomb.zip");
        writeZip(zip, List.of("a.json", "b.json", "c.json"), List.of(new byte[1], new byte[1], new byte[1]));

        assertThatThrownBy(() -> OsvDatabase.load(zip, log, new OsvLimits(1000, 1000, 2)))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(AdvisoryErrorCode.ARCHIVE_TOO_LARGE))
                .hasMessageContaining("bomb.zip").hasMessageContaining("3 entries, the limit is 2");
    }

    @Test
    void shouldBoundTheUncompressedBytesOfAZip(@TempDir final Path directory) throws IOException {
        Path zip = directory.resolve("bomb.zip");
        byte[] spaces = " ".repeat(600_000).getBytes(StandardCharsets.US_ASCII); // JSON whitespace: read to its end
        writeZip(zip, List.of("a.json", "b.json"), List.of(spaces, spaces));
        assertThat(Files.size(zip)).isLessThan(10_000);

        assertThatThrownBy(() -> OsvDatabase.load(zip, log, new OsvLimits(1_000_000, 1_000_000, 10,
                Integer.MAX_VALUE, OsvLimits.DEFAULT_MAX_KEPT_BYTES)))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(AdvisoryErrorCode.ARCHIVE_TOO_LARGE))
                .hasMessageContaining("more than 1000000 bytes");
    }

    @Test
    void shouldRefuseAZipEntryLargerThanTheFileLimit(@TempDir final Path directory) throws IOException {
        Path zip = directory.resolve("osv.zip");
        writeZip(zip, List.of("big.json"), List.of(new byte[50_000]));

        OsvDatabase database = OsvDatabase.load(zip, log, new OsvLimits(10_000, 1_000_000, 10));

        assertThat(database.size()).isZero();
        assertThat(log.errors).singleElement().asString().contains("big.json").contains("has 50000 bytes");
    }

    @Test
    void shouldFailForAMissingOrBrokenDatabase(@TempDir final Path directory) throws IOException {
        assertThatThrownBy(() -> OsvDatabase.load(directory.resolve("missing"), log))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(AdvisoryErrorCode.DATABASE_UNREADABLE))
                .hasMessageContaining("missing");
        Path notZip = Files.writeString(directory.resolve("osv.zip"), "no zip");
        assertThatThrownBy(() -> OsvDatabase.load(notZip, log))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(AdvisoryErrorCode.DATABASE_UNREADABLE))
                .hasMessageContaining("no valid zip file");
    }

    @Test
    void shouldLoad50000AdvisoriesAndMatch5000Components(@TempDir final Path directory) throws IOException {
        int packages = 5000;
        for (int i = 0; i < 50_000; i++) {
            Path folder = directory.resolve("d" + i / 1000);
            if (i % 1000 == 0) {
                Files.createDirectories(folder);
            }
            Files.writeString(folder.resolve("GEN-" + i + ".json"), String.format(Locale.ROOT,
                    "{\"id\":\"GEN-%d\",\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":"
                            + "\"com.example:lib-%d\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
                            + "[{\"introduced\":\"1.0\"},{\"fixed\":\"2.%d\"}]}]}]}",
                    i, i % packages, i / packages), StandardCharsets.UTF_8);
        }

        OsvDatabase database = OsvDatabase.load(directory, log);

        assertThat(database.size()).isEqualTo(50_000);
        assertThat(log.errors).isEmpty();
        int matches = 0;
        for (int p = 0; p < packages; p++) {
            List<OsvAdvisory> found = database.match(Ecosystem.MAVEN, "com.example:lib-" + p, "2.4.1");
            assertThat(found).hasSize(5);
            matches += found.size();
        }
        assertThat(matches).isEqualTo(25_000);
        assertThat(database.match(Ecosystem.MAVEN, "com.example:lib-7", "2.4.1")).extracting(OsvAdvisory::id)
                .containsExactly("GEN-25007", "GEN-30007", "GEN-35007", "GEN-40007", "GEN-45007");
        assertThat(database.match(Ecosystem.MAVEN, "com.example:lib-7", "0.9")).isEmpty();
    }

    private static void writeZip(final Path zip, final List<String> names, final List<byte[]> contents)
            throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (int i = 0; i < names.size(); i++) {
                out.putNextEntry(new ZipEntry(names.get(i)));
                out.write(contents.get(i));
                out.closeEntry();
            }
        }
    }

    private Path resource(final String name) {
        URL url = Objects.requireNonNull(OsvDatabaseTest.class.getResource(name), name);
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException exception) {
            throw new IllegalStateException(exception);
        }
    }

    private static final class RecordingLog implements LogSink {
        private final List<String> infos = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();

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
