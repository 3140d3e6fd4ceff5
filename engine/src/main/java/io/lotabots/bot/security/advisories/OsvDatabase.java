package io.lotabots.bot.security.advisories;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.bot.security.advisories.OsvAdvisory.Affected;
import io.lotabots.bot.security.advisories.OsvAdvisory.Range;
import io.lotabots.bot.security.advisories.OsvAdvisory.RangeType;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.MessageCodec;
import io.lotabots.util.LogSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An offline advisory database in OSV JSON format, loaded from a directory (every {@code *.json} file below it) or a
 * zip archive (every {@code *.json} entry), and indexed by ecosystem and normalised package name.
 *
 * <p>Loading is lenient: a file that is no valid JSON (named with its line and column), no valid OSV record (named
 * with the JSON path) or larger than {@link OsvLimits#maxFileBytes()} (named with its size) is logged as an error and
 * skipped, and a range whose versions cannot be parsed is logged and skipped; everything else is used. Zip entries
 * with an absolute path or a {@code ..} segment are refused the same way. A zip archive with more entries or more
 * uncompressed bytes than the limits allow throws, since it is no advisory database but a zip bomb. Packages of
 * other ecosystems are ignored, and GIT ranges are ignored with one info line.</p>
 */
public final class OsvDatabase {
    private static final int MAX_NESTING_DEPTH = 64;

    private final Map<Ecosystem, Map<String, List<AffectedPackage>>> index;
    private final Map<String, List<OsvAdvisory>> byId;
    private final int advisoryCount;

    private OsvDatabase(final Map<Ecosystem, Map<String, List<AffectedPackage>>> index,
            final Map<String, List<OsvAdvisory>> byId, final int advisoryCount) {
        this.index = index;
        this.byId = byId;
        this.advisoryCount = advisoryCount;
    }

    /**
     * Builds a database of advisories already read, for example the one advisory of a CVE alert.
     *
     * @param advisories the advisories
     * @param log receives one error line per range whose versions cannot be parsed
     * @return the database
     */
    public static OsvDatabase of(final Collection<OsvAdvisory> advisories, final LogSink log) {
        Loader loader = new Loader(log, OsvLimits.defaults());
        for (OsvAdvisory advisory : advisories) {
            loader.index(advisory, advisory.id());
        }
        return loader.build();
    }

    /**
     * Reads one OSV JSON file, for example a newly published advisory that is not yet in the database.
     *
     * @param file the file
     * @return the advisory
     * @throws LotaBotsException with {@link AdvisoryErrorCode#DATABASE_UNREADABLE} if the file cannot be read,
     *         {@link AdvisoryErrorCode#ADVISORY_TOO_LARGE} if it is larger than
     *         {@link OsvLimits#DEFAULT_MAX_FILE_BYTES}, {@link AdvisoryErrorCode#ADVISORY_MALFORMED} if it is no
     *         valid JSON (named with line and column) or no valid OSV record (named with the JSON path)
     */
    public static OsvAdvisory readAdvisory(final Path file) {
        Loader loader = new Loader(LogSink.NONE, OsvLimits.defaults());
        byte[] content;
        try {
            long size = Files.size(file);
            if (size > OsvLimits.DEFAULT_MAX_FILE_BYTES) {
                throw LotaBotsException.of(AdvisoryErrorCode.ADVISORY_TOO_LARGE, String.format(Locale.ROOT,
                        "Refusing advisory '%s': it has %d bytes, the limit is %d. Give one OSV record.", file,
                        size, OsvLimits.DEFAULT_MAX_FILE_BYTES));
            }
            content = Files.readAllBytes(file);
        }
        catch (IOException exception) {
            throw LotaBotsException.of(AdvisoryErrorCode.DATABASE_UNREADABLE, String.format(Locale.ROOT,
                    "Cannot read advisory '%s': %s. Check the path.", file, exception.getMessage()), exception);
        }
        try {
            return loader.parse(content);
        }
        catch (JsonProcessingException exception) {
            throw LotaBotsException.of(AdvisoryErrorCode.ADVISORY_MALFORMED, String.format(Locale.ROOT,
                    "Cannot parse advisory '%s'%s: %s. Give a file in OSV JSON format.", file,
                    Loader.position(exception), exception.getOriginalMessage()), exception);
        }
        catch (IOException | IllegalArgumentException exception) {
            throw LotaBotsException.of(AdvisoryErrorCode.ADVISORY_MALFORMED, String.format(Locale.ROOT,
                    "Cannot read advisory '%s': %s. Give a file in OSV JSON format.", file,
                    exception.getMessage()), exception);
        }
    }

    /**
     * Finds advisories by id or alias, ignoring case: first the advisory with that id, then those that list it as
     * an alias (a CVE id usually is an alias of a GHSA or PYSEC advisory).
     *
     * @param idOrAlias the id, for example {@code CVE-2021-44228}
     * @return the advisories, each once; empty if none is known
     */
    public List<OsvAdvisory> findByIdOrAlias(final String idOrAlias) {
        return byId.getOrDefault(idOrAlias.strip().toUpperCase(Locale.ROOT), List.of());
    }

    /**
     * Loads a database with the default limits.
     *
     * @param dirOrZip a directory or a zip archive of OSV JSON files
     * @param log receives one summary line and one error line per skipped file or range
     * @return the database
     * @throws LotaBotsException if the path cannot be read or the archive exceeds the limits
     */
    public static OsvDatabase load(final Path dirOrZip, final LogSink log) {
        return load(dirOrZip, log, OsvLimits.defaults());
    }

    /**
     * Loads a database.
     *
     * @param dirOrZip a directory or a zip archive of OSV JSON files
     * @param log receives one summary line and one error line per skipped file or range
     * @param limits the size limits
     * @return the database
     * @throws LotaBotsException if the path cannot be read or the archive exceeds the limits
     */
    public static OsvDatabase load(final Path dirOrZip, final LogSink log, final OsvLimits limits) {
        Loader loader = new Loader(log, limits);
        if (Files.isDirectory(dirOrZip)) {
            loader.readDirectory(dirOrZip);
        }
        else if (Files.isRegularFile(dirOrZip)) {
            loader.readZip(dirOrZip);
        }
        else {
            throw LotaBotsException.of(AdvisoryErrorCode.DATABASE_UNREADABLE, String.format(Locale.ROOT,
                    "Cannot read the advisory database '%s': it is neither a directory nor a zip file. "
                            + "Check the path.", dirOrZip));
        }
        return loader.build();
    }

    /**
     * Returns the number of advisories that were loaded.
     *
     * @return the count
     */
    public int size() {
        return advisoryCount;
    }

    /**
     * Returns the advisories that affect a version of a package.
     *
     * @param ecosystem the package's ecosystem
     * @param name the package name: {@code group:artifact} for Maven; PyPI names are normalised as PEP 503 says
     * @param version the version
     * @return the affecting advisories, sorted by id, each once
     */
    public List<OsvAdvisory> match(final Ecosystem ecosystem, final String name, final String version) {
        List<AffectedPackage> candidates = index.getOrDefault(ecosystem, Map.of())
                .getOrDefault(ecosystem.normalizeName(name), List.of());
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<OsvAdvisory> found = new LinkedHashSet<>();
        ParsedVersion parsed = new ParsedVersion(version);
        for (AffectedPackage candidate : candidates) {
            if (candidate.affects(parsed)) {
                found.add(candidate.advisory());
            }
        }
        List<OsvAdvisory> result = new ArrayList<>(found);
        result.sort(Comparator.comparing(OsvAdvisory::id));
        return Collections.unmodifiableList(result);
    }

    /**
     * Returns the advisories that affect a version of a package, each with the version that fixes it.
     *
     * @param ecosystem the package's ecosystem
     * @param name the package name: {@code group:artifact} for Maven; PyPI names are normalised as PEP 503 says
     * @param version the version
     * @return the matches, sorted by advisory id, each advisory once
     */
    public List<OsvMatch> matchWithFixes(final Ecosystem ecosystem, final String name, final String version) {
        List<AffectedPackage> candidates = index.getOrDefault(ecosystem, Map.of())
                .getOrDefault(ecosystem.normalizeName(name), List.of());
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<OsvAdvisory, String> found = new LinkedHashMap<>();
        ParsedVersion parsed = new ParsedVersion(version);
        for (AffectedPackage candidate : candidates) {
            if (candidate.affects(parsed)) {
                String fixed = candidate.firstFixed(parsed);
                String known = found.get(candidate.advisory());
                if (!found.containsKey(candidate.advisory()) || known == null
                        || fixed != null && ecosystem.scheme().isValid(fixed) && ecosystem.scheme().isValid(known)
                                && ecosystem.scheme().compare(fixed, known) < 0) {
                    found.put(candidate.advisory(), fixed == null ? known : fixed);
                }
            }
        }
        List<OsvMatch> result = new ArrayList<>();
        found.forEach((advisory, fixed) -> result.add(new OsvMatch(advisory, fixed)));
        result.sort(Comparator.comparing(match -> match.advisory().id()));
        return Collections.unmodifiableList(result);
    }

    /**
     * Returns whether an advisory of the database names a package, at any version.
     *
     * @param ecosystem the package's ecosystem
     * @param name the package name
     * @return {@code true} if some advisory names it
     */
    public boolean names(final Ecosystem ecosystem, final String name) {
        return index.getOrDefault(ecosystem, Map.of()).containsKey(ecosystem.normalizeName(name));
    }

    /** Reads the files, counts what was read and skipped, and builds the index. */
    private static final class Loader {
        private final LogSink log;
        private final OsvLimits limits;
        private final ObjectMapper mapper;
        private final Map<Ecosystem, Map<String, List<AffectedPackage>>> index = new EnumMap<>(Ecosystem.class);
        private final Map<String, List<OsvAdvisory>> byId = new HashMap<>();
        private int advisories;
        private int skipped;
        private int gitRanges;
        private int otherEcosystems;

        Loader(final LogSink log, final OsvLimits limits) {
            this.log = log;
            this.limits = limits;
            this.mapper = MessageCodec.get().copyMapper();
            int maxLength = (int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes());
            mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(maxLength)
                    .maxDocumentLength(limits.maxFileBytes())
                    .maxNumberLength(64)
                    .maxNameLength(1024)
                    .build());
        }

        void readDirectory(final Path directory) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(directory)) {
                files = walk.filter(p -> p.getFileName() != null
                                && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                                && Files.isRegularFile(p))
                        .sorted()
                        .collect(Collectors.toList());
            }
            catch (IOException | java.io.UncheckedIOException exception) {
                throw LotaBotsException.of(AdvisoryErrorCode.DATABASE_UNREADABLE, String.format(Locale.ROOT,
                        "Cannot list the advisory database '%s': %s. Check the path and its permissions.",
                        directory, exception.getMessage()), exception);
            }
            for (Path file : files) {
                String origin = file.toString();
                try {
                    long size = Files.size(file);
                    if (size > limits.maxFileBytes()) {
                        tooLarge(origin, size);
                        continue;
                    }
                    add(Files.readAllBytes(file), origin);
                }
                catch (IOException exception) {
                    skip(String.format(Locale.ROOT, "Cannot read advisory '%s': %s. The file is skipped.",
                            origin, exception.getMessage()));
                }
            }
            log.info("Read %d advisories from %d files of '%s' (%d skipped, %d affected packages of other "
                    + "ecosystems ignored)", advisories, files.size(), directory, skipped, otherEcosystems);
        }

        void readZip(final Path archive) {
            try (ZipFile zip = new ZipFile(archive.toFile())) {
                if (zip.size() > limits.maxArchiveEntries()) {
                    throw archiveTooLarge(archive, String.format(Locale.ROOT, "it has %d entries, the limit is %d",
                            zip.size(), limits.maxArchiveEntries()));
                }
                long total = 0;
                int files = 0;
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    String origin = archive + "!/" + name;
                    if (isUnsafe(name)) {
                        skip(String.format(Locale.ROOT, "Refusing zip entry '%s': its path is absolute or contains "
                                + "'..' (zip slip). The entry is skipped; rebuild the archive from the OSV export.",
                                origin));
                        continue;
                    }
                    if (entry.isDirectory() || !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                        continue;
                    }
                    files++;
                    if (entry.getSize() > limits.maxFileBytes()) {
                        tooLarge(origin, entry.getSize());
                        continue;
                    }
                    byte[] content;
                    try (InputStream in = zip.getInputStream(entry)) {
                        content = readBounded(in, limits.maxFileBytes() + 1);
                    }
                    total += content.length;
                    if (total > limits.maxArchiveBytes()) {
                        throw archiveTooLarge(archive, String.format(Locale.ROOT,
                                "it expands to more than %d bytes", limits.maxArchiveBytes()));
                    }
                    if (content.length > limits.maxFileBytes()) {
                        tooLarge(origin, content.length);
                        continue;
                    }
                    add(content, origin);
                }
                log.info("Read %d advisories from %d entries of '%s' (%d skipped, %d affected packages of other "
                        + "ecosystems ignored)", advisories, files, archive, skipped, otherEcosystems);
            }
            catch (ZipException exception) {
                throw LotaBotsException.of(AdvisoryErrorCode.DATABASE_UNREADABLE, String.format(Locale.ROOT,
                        "Cannot read the advisory database '%s': it is no valid zip file (%s). "
                                + "Download the archive again.", archive, exception.getMessage()), exception);
            }
            catch (IOException exception) {
                throw LotaBotsException.of(AdvisoryErrorCode.DATABASE_UNREADABLE, String.format(Locale.ROOT,
                        "Cannot read the advisory database '%s': %s. Check the file and its permissions.",
                        archive, exception.getMessage()), exception);
            }
        }

        private static LotaBotsException archiveTooLarge(final Path archive, final String reason) {
            return LotaBotsException.of(AdvisoryErrorCode.ARCHIVE_TOO_LARGE, String.format(Locale.ROOT,
                    "Refusing the advisory archive '%s': %s. Is it a zip bomb? Use an archive exported by OSV, "
                            + "or raise the limits.", archive, reason));
        }

        static boolean isUnsafe(final String name) {
            String path = name.replace('\\', '/');
            if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
                return true;
            }
            for (String segment : path.split("/", -1)) {
                if ("..".equals(segment)) {
                    return true;
                }
            }
            return false;
        }

        private static byte[] readBounded(final InputStream in, final long max) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            int n;
            while (read < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - read))) > 0) {
                out.write(buffer, 0, n);
                read += n;
            }
            return out.toByteArray();
        }

        private void tooLarge(final String origin, final long size) {
            skip(String.format(Locale.ROOT, "Refusing advisory '%s': it has %d bytes, the limit is %d. "
                    + "The file is skipped.", origin, size, limits.maxFileBytes()));
        }

        private void skip(final String line) {
            skipped++;
            log.error(line);
        }

        OsvAdvisory parse(final byte[] content) throws IOException {
            JsonNode root = mapper.readTree(content);
            if (root == null) {
                throw new IllegalArgumentException("the file is empty");
            }
            return OsvParser.parse(root);
        }

        static String position(final JsonProcessingException exception) {
            JsonLocation location = exception.getLocation();
            return location == null ? "" : String.format(Locale.ROOT, " at line %d, column %d",
                    location.getLineNr(), location.getColumnNr());
        }

        private void add(final byte[] content, final String origin) {
            OsvAdvisory advisory;
            try {
                advisory = parse(content);
            }
            catch (JsonProcessingException exception) {
                skip(String.format(Locale.ROOT, "Cannot parse advisory '%s'%s: %s. The file is skipped.",
                        origin, position(exception), exception.getOriginalMessage()));
                return;
            }
            catch (IOException | IllegalArgumentException exception) {
                skip(String.format(Locale.ROOT, "Cannot read advisory '%s': %s. The file is skipped.",
                        origin, exception.getMessage()));
                return;
            }
            index(advisory, origin);
        }

        void index(final OsvAdvisory advisory, final String origin) {
            advisories++;
            byId.computeIfAbsent(advisory.id().strip().toUpperCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(0, advisory);
            for (String alias : advisory.aliases()) {
                List<OsvAdvisory> known = byId.computeIfAbsent(alias.strip().toUpperCase(Locale.ROOT),
                        k -> new ArrayList<>(1));
                if (!known.contains(advisory)) {
                    known.add(advisory);
                }
            }
            for (int i = 0; i < advisory.affected().size(); i++) {
                Affected affected = advisory.affected().get(i);
                Optional<Ecosystem> ecosystem = Ecosystem.fromOsvName(affected.ecosystem());
                if (ecosystem.isEmpty()) {
                    otherEcosystems++;
                    continue;
                }
                for (Range range : affected.ranges()) {
                    if (range.type() == RangeType.GIT && gitRanges++ == 0) {
                        log.info("GIT ranges are ignored, the first in '%s'; only package versions are matched",
                                origin);
                    }
                }
                String path = "affected[" + i + "]";
                AffectedPackage compiled = AffectedPackage.compile(advisory, ecosystem.get(), affected, path,
                        problem -> log.error(String.format(Locale.ROOT, "Advisory '%s': %s", origin, problem)));
                index.computeIfAbsent(ecosystem.get(), e -> new HashMap<>())
                        .computeIfAbsent(ecosystem.get().normalizeName(affected.packageName()), n -> new ArrayList<>(1))
                        .add(compiled);
            }
        }

        OsvDatabase build() {
            Map<Ecosystem, Map<String, List<AffectedPackage>>> frozen = new EnumMap<>(Ecosystem.class);
            index.forEach((ecosystem, packages) -> frozen.put(ecosystem, Map.copyOf(packages)));
            Map<String, List<OsvAdvisory>> ids = new HashMap<>();
            byId.forEach((id, list) -> ids.put(id, List.copyOf(list)));
            return new OsvDatabase(frozen, Map.copyOf(ids), advisories);
        }
    }
}
