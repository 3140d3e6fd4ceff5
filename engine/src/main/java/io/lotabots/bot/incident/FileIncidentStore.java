package io.lotabots.bot.incident;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The embedded store: one JSON document per incident ({@code INC-12.json}) in a folder, written durably (see
 * {@link DurableFiles}), and a counter file that holds the last number given. Every operation holds the folder's
 * lock ({@code .lock}, an operating-system file lock, so that several processes can share the folder; and a lock
 * per folder inside this JVM, since the file lock belongs to the whole process). Numbers are never reused: the
 * counter only grows, also when an incident's file is removed.
 */
public final class FileIncidentStore implements IncidentStore {
    /** The largest incident document read. */
    static final long MAX_DOCUMENT_BYTES = 16L << 20;

    private static final Pattern ID = Pattern.compile(Incident.ID_PREFIX + "([1-9][0-9]{0,17})");
    private static final String SUFFIX = ".json";
    private static final String COUNTER = "counter";
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

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
    public Opened open(final NewIncident request) {
        return locked(() -> {
            for (Incident incident : readAll()) {
                if (incident.status().isOpen() && incident.dedupKey().equals(request.dedupKey())) {
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
            long number = readCounter() + 1;
            writeCounter(number);
            Incident created = new Incident(Incident.ID_PREFIX + number, request.title(), request.severity(),
                    IncidentStatus.TRIGGERED, request.service(), request.environment(), request.dedupKey(), null,
                    request.time(), request.time(), request.links(),
                    List.of(new IncidentEvent(request.time(), "opened", request.actor(), request.title())));
            write(created);
            return new Opened(created, true);
        });
    }

    @Override
    public Optional<Incident> find(final String id) {
        Path file = fileOf(id);
        return locked(() -> Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(read(file))
                : Optional.empty());
    }

    @Override
    public Incident update(final String id, final UnaryOperator<Incident> change) {
        Path file = fileOf(id);
        return locked(() -> {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw LotaBotsException.of(IncidentErrorCode.NOT_FOUND, "There is no incident " + id + " in '"
                        + folder + "'; 'lotabots incident list' shows the incidents there.");
            }
            Incident changed = change.apply(read(file));
            if (!changed.id().equals(id)) {
                throw new IllegalArgumentException("A change may not alter the id " + id);
            }
            write(changed);
            return changed;
        });
    }

    @Override
    public List<Incident> list() {
        return locked(this::readAll);
    }

    private Path fileOf(final String id) {
        if (!ID.matcher(id).matches()) {
            throw LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, "'" + id + "' is not an incident id; an id"
                    + " reads " + Incident.ID_PREFIX + "<number>, for example " + Incident.ID_PREFIX + "12.");
        }
        return folder.resolve(id + SUFFIX);
    }

    private List<Incident> readAll() {
        List<Incident> incidents = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return incidents;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = String.valueOf(file.getFileName());
                if (ID.matcher(name.substring(0, name.length() - SUFFIX.length())).matches()) {
                    incidents.add(read(file));
                }
            }
        }
        catch (IOException e) {
            throw failure("Cannot list the incidents in '" + folder + "'", e);
        }
        incidents.sort(Comparator.comparingLong(Incident::number));
        return incidents;
    }

    private Incident read(final Path file) {
        if (Files.isSymbolicLink(file)) {
            throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident file '" + file
                    + "' is a symbolic link; the store reads only its own files. Remove the link.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident file '" + file
                        + "' is larger than " + (MAX_DOCUMENT_BYTES >> 20) + " MiB; it was not written by LotaBots.");
            }
            return MAPPER.readValue(bytes, Incident.class);
        }
        catch (NoSuchFileException e) {
            throw LotaBotsException.of(IncidentErrorCode.NOT_FOUND, "The incident file '" + file + "' is gone.", e);
        }
        catch (IOException e) {
            throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The incident file '" + file
                    + "' cannot be read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + ". Fix the file or move it away; the other incidents are not affected.", e);
        }
    }

    private void write(final Incident incident) {
        try {
            DurableFiles.replace(folder.resolve(incident.id() + SUFFIX), MAPPER.writeValueAsBytes(incident));
        }
        catch (IOException e) {
            throw failure("Cannot write the incident " + incident.id() + " to '" + folder + "'", e);
        }
    }

    private long readCounter() {
        Path file = folder.resolve(COUNTER);
        try {
            if (!Files.exists(file)) {
                // a store whose counter was lost starts after its highest incident, never reusing a number
                return readAll().stream().mapToLong(Incident::number).max().orElse(0);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
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
                    StandardOpenOption.WRITE);
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
