package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.bot.security.advisories.OsvDatabase;
import io.lotabots.bot.security.deps.Component;
import io.lotabots.bot.security.deps.DependencyInventory;
import io.lotabots.bot.security.deps.DependencyMatcher;
import io.lotabots.bot.security.deps.Inventory;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures SecurityBot's dependency matching: a generated CycloneDX SBOM of 5,000 components (Maven, npm and PyPI in
 * equal parts) against a generated OSV database of 50,000 advisories in one zip archive, as OSV exports it. Each full
 * run is one invocation ({@link Mode#SingleShotTime}).
 *
 * <ul>
 *   <li>{@code readAndMatchSbom}: reads the SBOM with {@link DependencyInventory} (cyclonedx-core-java) and matches
 *   it with {@link DependencyMatcher}: what a scan costs once the database is loaded. The aim: under 2 s.</li>
 *   <li>{@code matchOnly}: the matching alone, on the components read once.</li>
 *   <li>{@code loadDatabase}: {@link OsvDatabase#load} of the 50,000-advisory zip, reported separately.</li>
 * </ul>
 *
 * <p>The generator uses a fixed seed. The 50,000 advisories name 12,000 packages (about four each, with one to three
 * ranges of {@code introduced}/{@code fixed}/{@code last_affected} events and a CVSS vector); half the SBOM's
 * components are packages some advisory names, at versions of which about a third are affected. Every invocation
 * checks that it found findings.</p>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class DependencyMatchBenchmark {
    private static final String[] ECOSYSTEMS = {"Maven", "npm", "PyPI"};
    private static final String[] PURL_TYPES = {"maven", "npm", "pypi"};

    /**
     * Reads the SBOM and matches it.
     *
     * @param data the files and the loaded database
     * @return the findings
     */
    @Benchmark
    public List<SecurityFinding> readAndMatchSbom(final Data data) {
        Inventory inventory = DependencyInventory.builder(data.folder).build().read(List.of("bom.json"));
        List<SecurityFinding> findings = DependencyMatcher.of(data.database).match(inventory.components());
        data.check(inventory.components(), findings);
        return findings;
    }

    /**
     * Matches the components read once.
     *
     * @param data the files and the loaded database
     * @return the findings
     */
    @Benchmark
    public List<SecurityFinding> matchOnly(final Data data) {
        List<SecurityFinding> findings = DependencyMatcher.of(data.database).match(data.read);
        data.check(data.read, findings);
        return findings;
    }

    /**
     * Loads the database.
     *
     * @param data the files
     * @return the database
     */
    @Benchmark
    public OsvDatabase loadDatabase(final Data data) {
        OsvDatabase database = OsvDatabase.load(data.folder.resolve("osv.zip"), LogSink.NONE);
        if (database.size() != data.advisories) {
            throw new IllegalStateException("Loaded " + database.size() + " advisories, wrote " + data.advisories);
        }
        return database;
    }

    /**
     * The generated SBOM and database.
     */
    @State(Scope.Benchmark)
    @SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
            justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
    public static class Data {
        /** The advisories of the database. */
        @Param("50000")
        public int advisories;

        /** The components of the SBOM. */
        @Param("5000")
        public int components;

        /** The distinct packages the advisories name. */
        @Param("12000")
        public int packages;

        private Path folder;
        private OsvDatabase database;
        private List<Component> read;

        /**
         * Writes the SBOM and the database, loads the database and reads the SBOM once.
         *
         * @throws IOException if a file cannot be written
         */
        @Setup(Level.Trial)
        public void write() throws IOException {
            folder = Files.createTempDirectory("lotabots-deps-bench-");
            Random random = new Random(42);
            writeDatabase(folder.resolve("osv.zip"), random);
            writeSbom(folder.resolve("bom.json"), random);
            long start = System.nanoTime();
            database = OsvDatabase.load(folder.resolve("osv.zip"), LogSink.NONE);
            long loaded = System.nanoTime();
            Inventory inventory = DependencyInventory.builder(folder).build().read(List.of("bom.json"));
            this.read = inventory.components();
            System.out.printf(Locale.ROOT, "%nsetup: database of %d advisories loaded in %d ms (zip of %d bytes); "
                    + "SBOM of %d components (%d bytes) read in %d ms%n", database.size(),
                    (loaded - start) / 1_000_000, Files.size(folder.resolve("osv.zip")), read.size(),
                    Files.size(folder.resolve("bom.json")), (System.nanoTime() - loaded) / 1_000_000);
        }

        void check(final List<Component> found, final List<SecurityFinding> findings) {
            if (found.size() != components || findings.isEmpty()) {
                throw new IllegalStateException("Read " + found.size() + " components, found " + findings.size());
            }
        }

        /**
         * Deletes the files.
         *
         * @throws IOException if a file cannot be deleted
         */
        @TearDown(Level.Trial)
        public void delete() throws IOException {
            ScratchFolders.delete(folder);
        }

        private static String packageName(final int ecosystem, final int index) {
            switch (ecosystem) {
                case 0:
                    return "org.example.group" + index % 97 + ":artifact-" + index;
                case 1:
                    return index % 5 == 0 ? "@scope" + index % 13 + "/pkg-" + index : "pkg-" + index;
                default:
                    return "py_pkg-" + index;
            }
        }

        private static String version(final int ecosystem, final int major, final int minor, final int patch) {
            if (ecosystem == 0 && patch % 4 == 3) {
                return major + "." + minor + "." + patch + ".Final";
            }
            return major + "." + minor + "." + patch;
        }

        private void writeDatabase(final Path zip, final Random random) throws IOException {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (int i = 0; i < advisories; i++) {
                    int pkg = random.nextInt(packages);
                    int ecosystem = pkg % 3;
                    StringBuilder ranges = new StringBuilder();
                    int count = 1 + random.nextInt(3);
                    for (int r = 0; r < count; r++) {
                        int major = 1 + r * 2 + random.nextInt(2);
                        String introduced = r == 0 && random.nextBoolean() ? "0" : version(ecosystem, major, 0, 0);
                        String end = version(ecosystem, major, random.nextInt(10), random.nextInt(10));
                        String kind = random.nextInt(5) == 0 ? "last_affected" : "fixed";
                        ranges.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                                "{\"type\": \"%s\", \"events\": [{\"introduced\": \"%s\"}, {\"%s\": \"%s\"}]}",
                                ecosystem == 1 ? "SEMVER" : "ECOSYSTEM", introduced, kind, end));
                    }
                    String id = String.format(Locale.ROOT, "GHSA-%04x-%04x-%04x", i >> 16, i & 0xffff, pkg & 0xffff);
                    String json = String.format(Locale.ROOT, "{%n  \"schema_version\": \"1.6.0\",%n  \"id\": \"%s\","
                            + "%n  \"modified\": \"2024-01-01T00:00:00Z\",%n  \"aliases\": [\"CVE-2024-%05d\"],%n"
                            + "  \"summary\": \"Generated advisory %d\",%n  \"details\": \"%s\",%n"
                            + "  \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/"
                            + "C:%s/I:H/A:N\"}],%n  \"affected\": [{%n    \"package\": {\"ecosystem\": \"%s\", "
                            + "\"name\": \"%s\"},%n    \"ranges\": [%s]%n  }],%n  \"references\": [{\"type\": "
                            + "\"WEB\", \"url\": \"https://example.org/advisories/%d\"}]%n}%n", id, i, i,
                            "Details of the generated advisory. ".repeat(8), random.nextBoolean() ? "H" : "L",
                            ECOSYSTEMS[ecosystem], packageName(ecosystem, pkg), ranges, i);
                    out.putNextEntry(new ZipEntry("advisories/" + ECOSYSTEMS[ecosystem] + "/" + id + ".json"));
                    out.write(json.getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        }

        private void writeSbom(final Path file, final Random random) throws IOException {
            try (OutputStream stream = Files.newOutputStream(file);
                    Writer out = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
                out.write("{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n  \"version\": 1,\n"
                        + "  \"metadata\": {\"component\": {\"type\": \"application\", \"name\": \"bench\", "
                        + "\"version\": \"1.0\", \"bom-ref\": \"root\"}},\n  \"components\": [\n");
                for (int i = 0; i < components; i++) {
                    int ecosystem = i % 3;
                    int pkg = i % 2 == 0 ? random.nextInt(packages / 3) * 3 + ecosystem : packages + i;
                    String name = packageName(ecosystem, pkg);
                    String version = version(ecosystem, 1 + random.nextInt(6), random.nextInt(10),
                            random.nextInt(10));
                    String purlName = ecosystem == 0 ? name.replace(':', '/') : name.replace("@", "%40");
                    out.write(String.format(Locale.ROOT, "%s    {\"type\": \"library\", \"name\": \"%s\", "
                            + "\"version\": \"%s\", \"purl\": \"pkg:%s/%s@%s\", \"bom-ref\": \"c%d\"}",
                            i == 0 ? "" : ",\n", name, version, PURL_TYPES[ecosystem], purlName, version, i));
                }
                out.write("\n  ]\n}\n");
            }
        }
    }
}
