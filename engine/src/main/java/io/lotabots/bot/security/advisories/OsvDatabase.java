package io.lotabots.bot.security.advisories;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.security.advisories.OsvAdvisory.Affected;
import io.lotabots.bot.security.advisories.OsvAdvisory.Event;
import io.lotabots.bot.security.advisories.OsvAdvisory.Range;
import io.lotabots.bot.security.advisories.OsvAdvisory.RangeType;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.MessageCodec;
import io.lotabots.util.LogSink;

import java.io.FilterInputStream;
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
    /** The estimated memory of one reference in a list, set or map, with its share of the table. */
    private static final long REFERENCE_BYTES = 16;
    /** The estimated memory of one small object (a record, a list, a map entry), or of a string besides its text. */
    private static final long OBJECT_BYTES = 64;
    /** The estimated memory of one version parsed by its ecosystem's scheme. */
    private static final long PARSED_VERSION_BYTES = 256;

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
        /** The texts kept, each once, so that equal versions and names of many advisories share one string. */
        private final Map<String, String> texts = new HashMap<>();
        private String source = "the given advisories";
        @CheckForNull
        private Path archive;
        private long archiveBytes;
        private long keptBytes;
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
            source = directory.toString();
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
                    try (InputStream in = new EntryStream(Files.newInputStream(file), origin, -1)) {
                        add(in, origin);
                    }
                }
                catch (EntryTooLargeException exception) {
                    tooLarge(origin, exception.read);
                }
                catch (IOException exception) {
                    skip(String.format(Locale.ROOT, "Cannot read advisory '%s': %s. The file is skipped.",
                            origin, exception.getMessage()));
                }
            }
            log.info("Read %d advisories from %d files of '%s' (%d skipped, %d affected packages of other "
                    + "ecosystems ignored)", advisories, files.size(), directory, skipped, otherEcosystems);
        }

        /**
         * Reads the {@code *.json} entries of a zip archive one by one, each streamed into the JSON parser: no entry
         * is held in memory as bytes. An entry larger than the file limit is skipped (by its declared size, or once
         * it has expanded beyond the limit); an archive with too many entries, too many uncompressed bytes or an
         * entry that expands more than the compression ratio allows is refused as a whole, since it is no OSV
         * export but a zip bomb.
         */
        void readZip(final Path archive) {
            source = archive.toString();
            try (ZipFile zip = new ZipFile(archive.toFile())) {
                if (zip.size() > limits.maxArchiveEntries()) {
                    throw archiveTooLarge(archive, String.format(Locale.ROOT, "it has %d entries, the limit is %d",
                            zip.size(), limits.maxArchiveEntries()));
                }
                this.archive = archive;
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
                    try (InputStream in = new EntryStream(zip.getInputStream(entry), origin,
                            entry.getCompressedSize())) {
                        add(in, origin);
                    }
                    catch (EntryTooLargeException exception) {
                        tooLarge(origin, exception.read);
                    }
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

        private void tooLarge(final String origin, final long size) {
            skip(String.format(Locale.ROOT, "Refusing advisory '%s': it has %s%d bytes, the limit is %d. "
                    + "The file is skipped.", origin, size > limits.maxFileBytes() + 1 ? "" : "more than ",
                    size > limits.maxFileBytes() + 1 ? size : limits.maxFileBytes(), limits.maxFileBytes()));
        }

        private void skip(final String line) {
            skipped++;
            log.error(line);
        }

        OsvAdvisory parse(final byte[] content) throws IOException {
            return parse(mapper.readTree(content));
        }

        OsvAdvisory parse(final InputStream content) throws IOException {
            return parse(mapper.readTree(content));
        }

        private static OsvAdvisory parse(@CheckForNull final JsonNode root) {
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

        private void add(final InputStream content, final String origin) throws EntryTooLargeException {
            OsvAdvisory advisory;
            try {
                advisory = parse(content);
            }
            catch (EntryTooLargeException exception) {
                throw exception;
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

        void index(final OsvAdvisory read, final String origin) {
            advisories++;
            for (Affected affected : read.affected()) {
                if (Ecosystem.fromOsvName(affected.ecosystem()).isEmpty()) {
                    otherEcosystems++;
                    continue;
                }
                for (Range range : affected.ranges()) {
                    if (range.type() == RangeType.GIT && gitRanges++ == 0) {
                        log.info("GIT ranges are ignored, the first in '%s'; only package versions are matched",
                                origin);
                    }
                }
            }
            OsvAdvisory advisory = keep(read, origin);
            charge(REFERENCE_BYTES, origin);
            byId.computeIfAbsent(advisory.id().strip().toUpperCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(0, advisory);
            for (String alias : advisory.aliases()) {
                List<OsvAdvisory> known = byId.computeIfAbsent(alias.strip().toUpperCase(Locale.ROOT),
                        k -> new ArrayList<>(1));
                if (!known.contains(advisory)) {
                    charge(OBJECT_BYTES, origin);
                    known.add(advisory);
                }
            }
            for (int i = 0; i < advisory.affected().size(); i++) {
                Affected affected = advisory.affected().get(i);
                Ecosystem ecosystem = Ecosystem.fromOsvName(affected.ecosystem()).orElseThrow();
                String path = "affected[" + i + "]";
                charge(OBJECT_BYTES + affected.versions().size() * REFERENCE_BYTES, origin);
                AffectedPackage compiled = AffectedPackage.compile(advisory, ecosystem, affected, path,
                        problem -> log.error(String.format(Locale.ROOT, "Advisory '%s': %s", origin, problem)));
                index.computeIfAbsent(ecosystem, e -> new HashMap<>())
                        .computeIfAbsent(keep(ecosystem.normalizeName(affected.packageName()), origin),
                                n -> new ArrayList<>(1))
                        .add(compiled);
            }
        }

        /**
         * Returns the part of an advisory that matching and reporting need, charged to the memory budget: the
         * affected packages of the supported ecosystems only, each listed version once, and every text shared with
         * the equal texts of the advisories read before (versions and package names repeat across advisories).
         */
        private OsvAdvisory keep(final OsvAdvisory advisory, final String origin) {
            charge(OBJECT_BYTES, origin);
            List<String> aliases = new ArrayList<>();
            for (String alias : new LinkedHashSet<>(advisory.aliases())) {
                aliases.add(keep(alias, origin));
            }
            List<Affected> affected = new ArrayList<>();
            for (Affected entry : advisory.affected()) {
                if (Ecosystem.fromOsvName(entry.ecosystem()).isEmpty()) {
                    continue;
                }
                List<Range> ranges = new ArrayList<>();
                for (Range range : entry.ranges()) {
                    if (range.type() == RangeType.GIT) {
                        continue;
                    }
                    List<Event> events = new ArrayList<>();
                    for (Event event : range.events()) {
                        // the event, and the version parsed from it when the range is compiled
                        charge(OBJECT_BYTES + PARSED_VERSION_BYTES, origin);
                        events.add(new Event(event.kind(), keep(event.version(), origin)));
                    }
                    charge(OBJECT_BYTES, origin);
                    ranges.add(new Range(range.type(), events));
                }
                List<String> versions = new ArrayList<>();
                for (String version : new LinkedHashSet<>(entry.versions())) {
                    versions.add(keep(version, origin));
                }
                charge(OBJECT_BYTES, origin);
                affected.add(new Affected(keep(entry.ecosystem(), origin), keep(entry.packageName(), origin), ranges,
                        versions));
            }
            return new OsvAdvisory(keep(advisory.id(), origin), aliases, keep(advisory.summary(), origin),
                    advisory.severity(), advisory.baseScore(), affected);
        }

        /** Returns the text equal to this one that is kept already, else keeps this one; charges the memory. */
        private String keep(final String text, final String origin) {
            String known = texts.putIfAbsent(text, text);
            if (known != null) {
                charge(REFERENCE_BYTES, origin);
                return known;
            }
            charge(OBJECT_BYTES + REFERENCE_BYTES + 2L * text.length(), origin);
            return text;
        }

        /** Adds to the estimated memory kept and refuses the database once it exceeds the limit. */
        private void charge(final long bytes, final String origin) {
            keptBytes += bytes;
            if (keptBytes > limits.maxKeptBytes()) {
                throw LotaBotsException.of(AdvisoryErrorCode.DATABASE_TOO_LARGE, String.format(Locale.ROOT,
                        "Refusing the advisory database '%s': the advisories kept for matching would take more "
                                + "than %d bytes of memory (the limit), reached at '%s' after %d advisories. Use the "
                                + "OSV export of the ecosystems you scan (Maven, npm, PyPI), or raise the limit.",
                        source, limits.maxKeptBytes(), origin, advisories));
            }
        }

        OsvDatabase build() {
            Map<Ecosystem, Map<String, List<AffectedPackage>>> frozen = new EnumMap<>(Ecosystem.class);
            index.forEach((ecosystem, packages) -> frozen.put(ecosystem, Map.copyOf(packages)));
            Map<String, List<OsvAdvisory>> ids = new HashMap<>();
            byId.forEach((id, list) -> ids.put(id, List.copyOf(list)));
            return new OsvDatabase(frozen, Map.copyOf(ids), advisories);
        }

        /**
         * Counts the bytes of one advisory as they are read: past the file limit the advisory is skipped, past the
         * archive limit or the compression ratio the archive is refused. Nothing is buffered here.
         */
        private final class EntryStream extends FilterInputStream {
            private final String origin;
            private final long compressed;
            private long read;

            EntryStream(final InputStream in, final String origin, final long compressed) {
                super(in);
                this.origin = origin;
                this.compressed = compressed;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(final byte[] buffer, final int offset, final int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public long skip(final long n) throws IOException {
                long skipped = super.skip(n);
                if (skipped > 0) {
                    count(skipped);
                }
                return skipped;
            }

            private void count(final long n) throws EntryTooLargeException {
                read += n;
                Path zip = archive;
                if (zip != null) {
                    archiveBytes += n;
                    if (archiveBytes > limits.maxArchiveBytes()) {
                        throw archiveTooLarge(zip, String.format(Locale.ROOT,
                                "it expands to more than %d bytes, the limit", limits.maxArchiveBytes()));
                    }
                    if (compressed > 0 && read >= OsvLimits.RATIO_CHECKED_FROM
                            && read / compressed > limits.maxCompressionRatio()) {
                        throw archiveTooLarge(zip, String.format(Locale.ROOT, "its entry '%s' expands %d times "
                                        + "(%d compressed bytes to more than %d), the limit is %d times",
                                origin, read / compressed, compressed, read, limits.maxCompressionRatio()));
                    }
                }
                if (read > limits.maxFileBytes()) {
                    throw new EntryTooLargeException(read);
                }
            }
        }
    }

    /** Thrown by an {@link Loader.EntryStream} when an advisory grows beyond the file limit. */
    private static final class EntryTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long read;

        EntryTooLargeException(final long read) {
            super("the advisory is larger than the limit");
            this.read = read;
        }
    }
}
