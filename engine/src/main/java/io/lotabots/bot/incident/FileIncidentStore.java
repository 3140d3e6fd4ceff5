package io.lotabots.bot.incident;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.lotabots.bot.incident.OpenIncidentIndex.Entry;
import io.lotabots.bot.incident.OpenIncidentIndex.Snapshot;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.DurableFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The embedded store: one JSON document per incident ({@code INC-12.json}) in a folder, written durably (see
 * {@link DurableFiles}), a counter file that holds the last number given, and an index of the open incidents
 * ({@value OpenIncidentIndex#FILE}), so that opening an incident and listing the open ones read only those, however
 * many incidents the folder holds. Every change holds the folder's lock ({@code .lock}, an operating-system file
 * lock, so that several processes can share the folder; and a lock per folder inside this JVM, since the file lock
 * belongs to the whole process). Numbers are never reused: the counter only grows, also when an incident's file is
 * removed.
 *
 * <p>The index is derived from the incident files and never holds the only copy of anything: it is written before
 * an incident becomes open and after it stops being open, so that it lists every open incident even after a crash,
 * and it is rebuilt from the incident files when it is missing, is not an index, is behind the counter (incidents
 * opened without it) or was left unclean by a crash in the middle of a change.</p>
 */
public final class FileIncidentStore implements IncidentStore {
    /** The largest incident document read. */
    static final long MAX_DOCUMENT_BYTES = 16L << 20;

    private static final String SUFFIX = ".json";
    private static final String COUNTER = "counter";
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final ObjectWriter WRITER = IncidentJson.MAPPER.writerWithDefaultPrettyPrinter();

    private final Path folder;

    private FileIncidentStore(final Path folder) {
        this.folder = folder;
    }

    /**
     * Returns the store of a folder, created when the first incident is opened.
     *
     * @param folder the folder, for example {@code .lotabots/incidents} of a workspace
     * @return the store
     */
    public static FileIncidentStore in(final Path folder) {
        return new FileIncidentStore(folder.toAbsolutePath().normalize());
    }

    /**
     * Returns the folder.
     *
     * @return the absolute folder
     */
    public Path getFolder() {
        return folder;
    }

    @Override
    public String location() {
        return "the incident folder '" + folder + "'";
    }

    @Override
    public Opened open(final NewIncident request) {
        return locked(() -> {
            Snapshot index = index();
            for (Entry entry : index.open()) {
                if (!entry.mayHaveKey(request.dedupKey())) {
                    continue;
                }
                Optional<Incident> found = entry.known() ? readIfPresent(entry.number())
                        : readIfReadable(entry.number());
                if (found.isPresent() && found.get().status().isOpen()
                        && found.get().dedupKey().equals(request.dedupKey())) {
                    Incident incident = found.get();
                    List<String> links = new ArrayList<>(incident.links());
                    request.links().stream().filter(link -> !links.contains(link)).forEach(links::add);
                    Incident repeated = new Incident(incident.id(), incident.title(), incident.severity(),
                            incident.status(), incident.service(), incident.environment(), incident.dedupKey(),
                            incident.commander(), incident.openedAt(), incident.updatedAt(), links,
                            incident.events()).with(new IncidentEvent(request.time(), "repeated", request.actor(),
                                    request.title()));
                    write(repeated);
                    return new Opened(repeated, false);
                }
            }
            long number = Math.max(readCounter(), index.counter()) + 1;
            writeCounter(number);
            Incident created = new Incident(IncidentIds.idOf(number), request.title(), request.severity(),
                    IncidentStatus.TRIGGERED, request.service(), request.environment(), request.dedupKey(), null,
                    request.time(), request.time(), request.links(),
                    List.of(new IncidentEvent(request.time(), "opened", request.actor(), request.title())));
            // the index first: after a crash it lists a number without a file, which readers skip
            writeIndex(index.with(Entry.of(created), number, true));
            write(created);
            return new Opened(created, true);
        });
    }

    @Override
    public Optional<Incident> find(final String id) {
        long number = IncidentIds.numberOf(id);
        return locked(() -> readIfPresent(number));
    }

    @Override
    public Incident update(final String id, final UnaryOperator<Incident> change) {
        long number = IncidentIds.numberOf(id);
        return locked(() -> {
            Incident current = readIfPresent(number).orElseThrow(() -> LotaBotsException.of(
                    IncidentErrorCode.NOT_FOUND, "There is no incident " + id + " in '" + folder + "'; 'lotabots"
                            + " incident list' shows the incidents there."));
            Incident changed = change.apply(current);
            if (!changed.id().equals(id)) {
                throw new IllegalArgumentException("A change may not alter the id " + id);
            }
            Entry before = current.status().isOpen() ? Entry.of(current) : null;
            Entry after = changed.status().isOpen() ? Entry.of(changed) : null;
            if (java.util.Objects.equals(before, after)) {
                write(changed);
                return changed;
            }
            Snapshot index = index();
            if (after == null) {
                // no longer open: the file first, so that the index never misses an open incident
                write(changed);
                writeIndex(index.without(number));
            }
            else {
                if (before == null || !before.dedupKey().equals(after.dedupKey())) {
                    refuseSecondOpen(index, changed);
                }
                // open before and after with other fields: unclean until the file is written
                boolean stillOpen = before != null;
                writeIndex(index.with(after, number, !stillOpen));
                write(changed);
                if (stillOpen) {
                    writeIndex(index.with(after, number, true));
                }
            }
            return changed;
        });
    }

    @Override
    public List<Incident> list() {
        return list(IncidentQuery.all());
    }

    @Override
    public void forEach(final IncidentQuery query, final Consumer<? super Incident> action) {
        int delivered = 0;
        if (query.onlyOpen()) {
            Comparator<Long> order = query.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
            List<Long> numbers = locked(() -> index().open().stream().filter(entry -> entry.mayMatch(query))
                    .map(Entry::number).sorted(order).toList());
            for (long number : numbers) {
                Optional<Incident> incident = readIfPresent(number);
                if (incident.isPresent() && query.matches(incident.get())) {
                    action.accept(incident.get());
                    if (++delivered == query.limit()) {
                        return;
                    }
                }
            }
            return;
        }
        // every status: by number, one file at a time, without holding the lock while the action runs
        long highest = locked(() -> Math.max(readCounter(), highestFileNumber()));
        for (long i = 1; i <= highest; i++) {
            long number = query.descending() ? highest + 1 - i : i;
            Optional<Incident> incident = readIfPresent(number);
            if (incident.isPresent() && query.matches(incident.get())) {
                action.accept(incident.get());
                if (++delivered == query.limit()) {
                    return;
                }
            }
        }
    }

    /**
     * Returns the index of the open incidents, rebuilt or brought up to date first if needed. Call under the lock.
     */
    private Snapshot index() {
        long counter = readCounter();
        Optional<Snapshot> stored = OpenIncidentIndex.read(folder);
        if (stored.isEmpty()) {
            return rebuild(counter);
        }
        Snapshot index = stored.get();
        if (index.clean() && index.counter() >= counter) {
            return index;
        }
        TreeMap<Long, Entry> open = new TreeMap<>();
        for (Entry entry : index.open()) {
            if (index.clean()) {
                open.put(entry.number(), entry);
            }
            else {
                entryOf(entry.number()).ifPresent(fresh -> open.put(fresh.number(), fresh));
            }
        }
        for (long number = index.counter() + 1; number <= counter; number++) {
            entryOf(number).ifPresent(fresh -> open.put(fresh.number(), fresh));
        }
        Snapshot repaired = Snapshot.of(Math.max(counter, index.counter()), open.values());
        writeIndex(repaired);
        return repaired;
    }

    private Snapshot rebuild(final long counter) {
        TreeMap<Long, Entry> open = new TreeMap<>();
        long highest = counter;
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
                for (Path file : files) {
                    long number = numberOfFile(file);
                    if (number > 0) {
                        highest = Math.max(highest, number);
                        entryOf(number).ifPresent(entry -> open.put(entry.number(), entry));
                    }
                }
            }
            catch (IOException e) {
                throw failure("Cannot list the incidents in '" + folder + "'", e);
            }
        }
        Snapshot rebuilt = Snapshot.of(highest, open.values());
        writeIndex(rebuilt);
        return rebuilt;
    }

    /** The index entry of an incident if it is open; an unknown entry if its file cannot be read. */
    private Optional<Entry> entryOf(final long number) {
        try {
            return readIfPresent(number).filter(incident -> incident.status().isOpen()).map(Entry::of);
        }
        catch (LotaBotsException e) {
            if (e.getCode() == IncidentErrorCode.STORE_UNREADABLE) {
                return Optional.of(Entry.unknown(number));
            }
            throw e;
        }
    }

    private void refuseSecondOpen(final Snapshot index, final Incident changed) {
        for (Entry entry : index.open()) {
            if (entry.number() != changed.number() && entry.mayHaveKey(changed.dedupKey())) {
                Optional<Incident> other = entry.known() ? readIfPresent(entry.number())
                        : readIfReadable(entry.number());
                if (other.isPresent() && other.get().status().isOpen()
                        && other.get().dedupKey().equals(changed.dedupKey())) {
                    throw secondOpen(changed, other.get().id());
                }
            }
        }
    }

    static LotaBotsException secondOpen(final Incident changed, final String other) {
        return LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, changed.id() + " cannot be open with the"
                + " dedup key '" + changed.dedupKey() + "': " + other + " is open with it, and alerts with that key"
                + " update " + other + ". Resolve " + other + " first, or note on it instead.");
    }

    private Optional<Incident> readIfPresent(final long number) {
        Path file = folder.resolve(IncidentIds.idOf(number) + SUFFIX);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(file));
        }
        catch (LotaBotsException e) {
            if (e.getCode() == IncidentErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Reads an incident for a check whose answer does not depend on it alone; unreadable counts as absent. */
    private Optional<Incident> readIfReadable(final long number) {
        try {
            return readIfPresent(number);
        }
        catch (LotaBotsException e) {
            if (e.getCode() == IncidentErrorCode.STORE_UNREADABLE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Incident read(final Path file) {
        if (Files.isSymbolicLink(file)) {
            throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident file '" + file
                    + "' is a symbolic link; the store reads only its own files. Remove the link.");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident file '" + file
                    + "' is not a regular file; the store reads only its own files. Move it away.");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident file '" + file
                        + "' is larger than " + (MAX_DOCUMENT_BYTES >> 20) + " MiB; it was not written by LotaBots."
                        + " Move it away; the other incidents are not affected.");
            }
            Incident incident = IncidentJson.MAPPER.readValue(bytes, Incident.class);
            String name = String.valueOf(file.getFileName());
            if (incident == null || !(incident.id() + SUFFIX).equals(name)) {
                throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident file '" + file
                        + "' holds " + (incident == null ? "no incident" : "the incident " + incident.id())
                        + ". Fix the file or move it away; the other incidents are not affected.");
            }
            return incident;
        }
        catch (NoSuchFileException e) {
            throw LotaBotsException.of(IncidentErrorCode.NOT_FOUND, "The incident file '" + file + "' is gone.", e);
        }
        catch (IOException | IllegalArgumentException e) {
            throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident file '" + file
                    + "' cannot be read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + ". Fix the file or move it away; the other incidents are not affected.", e);
        }
    }

    private void write(final Incident incident) {
        try {
            DurableFiles.replace(folder.resolve(incident.id() + SUFFIX), WRITER.writeValueAsBytes(incident));
        }
        catch (IOException e) {
            throw failure("Cannot write the incident " + incident.id() + " to '" + folder + "'", e);
        }
    }

    private void writeIndex(final Snapshot index) {
        try {
            OpenIncidentIndex.write(folder, index);
        }
        catch (IOException e) {
            throw failure("Cannot write the index of open incidents '" + folder.resolve(OpenIncidentIndex.FILE)
                    + "'", e);
        }
    }

    /** The number of an incident file's name, or 0 for any other file. */
    private static long numberOfFile(final Path file) {
        String name = String.valueOf(file.getFileName());
        if (!name.endsWith(SUFFIX)) {
            return 0;
        }
        String id = name.substring(0, name.length() - SUFFIX.length());
        return IncidentIds.isId(id) ? IncidentIds.numberOf(id) : 0;
    }

    /** The highest number of the incident files, read from their names only. */
    private long highestFileNumber() {
        long highest = 0;
        if (!Files.isDirectory(folder)) {
            return highest;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                highest = Math.max(highest, numberOfFile(file));
            }
        }
        catch (IOException e) {
            throw failure("Cannot list the incidents in '" + folder + "'", e);
        }
        return highest;
    }

    private long readCounter() {
        Path file = folder.resolve(COUNTER);
        try {
            if (!Files.exists(file)) {
                // a store whose counter was lost starts after its highest incident, never reusing a number
                return highestFileNumber();
            }
            String text = readSmall(file).trim();
            if (!text.matches("[0-9]{1,18}")) {
                throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The counter '" + file + "' holds '"
                        + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "' instead of the last incident"
                        + " number. Put the highest number of the INC-<number>.json files there.");
            }
            return Long.parseLong(text);
        }
        catch (IOException e) {
            throw failure("Cannot read the counter '" + file + "'", e);
        }
    }

    private static String readSmall(final Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The counter '" + file + "' is "
                    + (Files.isSymbolicLink(file) ? "a symbolic link" : "not a regular file") + "; put the highest"
                    + " number of the INC-<number>.json files in a file of that name instead.");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(64), StandardCharsets.US_ASCII);
        }
    }

    private void writeCounter(final long number) {
        try {
            DurableFiles.replace(folder.resolve(COUNTER), (number + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        catch (IOException e) {
            throw failure("Cannot write the counter of '" + folder + "'", e);
        }
    }

    private <T> T locked(final Supplier<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(folder, any -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                    FileLock lock = channel.lock()) {
                return action.get();
            }
        }
        catch (IOException e) {
            throw failure("Cannot lock the incident store '" + folder + "'", e);
        }
        finally {
            jvmLock.unlock();
        }
    }

    private static LotaBotsException failure(final String what, final IOException e) {
        return LotaBotsException.of(IncidentErrorCode.STORE_FAILURE, what + ": " + e.getMessage()
                + ". Check that the folder exists and can be written.", e);
    }
}
