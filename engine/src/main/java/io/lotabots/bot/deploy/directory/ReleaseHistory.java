package io.lotabots.bot.deploy.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.DurableFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state file of one environment, {@code state.json}: every release still on disk with its status, slot, port
 * and times, and the process that runs in each slot. Loaded and saved whole; saving replaces the file atomically.
 */
final class ReleaseHistory {
    /** The format written into the file. */
    static final int FORMAT = 1;
    /** The largest state file read; a real one holds a few releases and is a few kilobytes. */
    static final long MAX_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Where a release stands. */
    enum Status {
        /** Created and started, not switched to yet. */
        STARTING,
        /** What {@code current} points at. */
        SERVING,
        /** Served before and was replaced; a rollback target. */
        RETIRED,
        /** Did not become healthy or did not pass the checks before the switch. */
        FAILED,
        /** Served and was rolled back; never a rollback target again. */
        ROLLED_BACK
    }

    /**
     * The commands a release was deployed with, so that restarting, stopping and rolling back to it run them and
     * not the settings of a later run. Only the commands are kept: the variables a service gets ({@code PORT},
     * {@code RELEASE_DIR}, {@code ARTIFACT}, {@code VERSION}, ...) follow from the release and are derived again,
     * and the rest of its environment is that of the process running LotaBots, which holds secrets and is never
     * written down.
     *
     * @param start the start command, its placeholders not expanded
     * @param stop the stop command, or empty to end the process tree
     * @param masked whether a registered secret was replaced by {@value io.lotabots.util.SecretMasker#MASK} in
     *         them: secret values never reach the state file, so such commands are only used again when the
     *         commands of a later run mask to the same words
     */
    record Commands(List<String> start, List<String> stop, boolean masked) {
        Commands {
            start = start == null ? List.of() : List.copyOf(start);
            stop = stop == null ? List.of() : List.copyOf(stop);
        }

        /**
         * Returns the commands as they are written into the state file: every registered secret masked.
         *
         * @param start the start command
         * @param stop the stop command
         * @param masker the masker of the run
         * @return the commands to record
         */
        static Commands recorded(final List<String> start, final List<String> stop,
                final io.lotabots.util.SecretMasker masker) {
            List<String> maskedStart = start.stream().map(masker::mask).toList();
            List<String> maskedStop = stop.stream().map(masker::mask).toList();
            return new Commands(maskedStart, maskedStop, !maskedStart.equals(start) || !maskedStop.equals(stop));
        }
    }

    /**
     * One release folder.
     *
     * @param name the folder name under {@code releases/}
     * @param version the version
     * @param artifact the artifact's name inside the folder
     * @param slot the slot it last ran in
     * @param port the port it last ran on
     * @param status where it stands
     * @param createdAt when the folder was made
     * @param servedAt when {@code current} last pointed at it, or {@code null}
     * @param retiredAt when it stopped serving or failed, or {@code null}
     * @param commands the commands it was deployed with, or {@code null} in a state file of an earlier LotaBots
     *         that did not record them
     */
    record Release(String name, String version, String artifact, String slot, int port, Status status,
            Instant createdAt, @CheckForNull Instant servedAt, @CheckForNull Instant retiredAt,
            @CheckForNull Commands commands) {
        Release withStatus(final Status value, final Instant at) {
            return switch (value) {
                case SERVING -> new Release(name, version, artifact, slot, port, value, createdAt, at, null, commands);
                case RETIRED, FAILED, ROLLED_BACK -> new Release(name, version, artifact, slot, port, value,
                        createdAt, servedAt, at, commands);
                case STARTING -> new Release(name, version, artifact, slot, port, value, createdAt, servedAt,
                        retiredAt, commands);
            };
        }

        Release inSlot(final String value, final int valuePort) {
            return new Release(name, version, artifact, value, valuePort, status, createdAt, servedAt, retiredAt,
                    commands);
        }

        /** When it stopped serving, or failed, or, if neither, when it was made. */
        Instant endedAt() {
            return retiredAt == null ? createdAt : retiredAt;
        }
    }

    /**
     * The process a slot runs.
     *
     * @param release the release it runs
     * @param pid its process id
     * @param processStart the start time the system reports for the process, to tell it from a later process that
     *         got the same id; {@code null} when the system reports none
     */
    record SlotProcess(String release, long pid, @CheckForNull Instant processStart) {
    }

    /**
     * The deployment or rollback under way, written before its first change (write-ahead) and removed when it ends,
     * so that the next run knows a run died in the middle and what it was doing.
     *
     * @param operation {@code deploy} or {@code rollback}
     * @param release the release it deploys or rolls back to
     * @param step the last step it began
     * @param pid the process id of the run (the JVM)
     * @param since when it began
     */
    record Pending(String operation, String release, String step, long pid, Instant since) {
        Pending at(final String value) {
            return new Pending(operation, release, value, pid, since);
        }
    }

    /**
     * The file's content.
     *
     * @param format the format version
     * @param environment the environment
     * @param releases the releases, oldest first
     * @param slots the process of each slot that runs one
     * @param pending the deployment or rollback under way, or {@code null}
     * @param stoppedAt when {@code lotabots deploy stop} stopped the environment's services, or {@code null}; the
     *         serving release is then not restarted until a deployment or rollback starts one again
     */
    record Snapshot(int format, @CheckForNull String environment, @CheckForNull List<Release> releases,
            @CheckForNull Map<String, SlotProcess> slots, @CheckForNull Pending pending,
            @CheckForNull Instant stoppedAt) {
    }

    private final String environment;
    private final List<Release> releases;
    private final Map<String, SlotProcess> slots;
    @CheckForNull
    private Pending pending;
    @CheckForNull
    private Instant stoppedAt;

    private ReleaseHistory(final String environment, final List<Release> releases,
            final Map<String, SlotProcess> slots, @CheckForNull final Pending pending,
            @CheckForNull final Instant stoppedAt) {
        this.environment = environment;
        this.releases = new ArrayList<>(releases);
        this.slots = new TreeMap<>(slots);
        this.pending = pending;
        this.stoppedAt = stoppedAt;
    }

    /**
     * Reads the state file, or starts an empty history when there is none.
     *
     * @param file the file
     * @param environment the environment it must describe
     * @return the history
     */
    static ReleaseHistory load(final Path file, final String environment) {
        byte[] content;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw LotaBotsException.of(DirectoryErrorCode.STATE_UNREADABLE, "The state file '" + file
                        + "' is larger than " + MAX_BYTES + " bytes; it is not one this target wrote. Move it away"
                        + " (the releases next to it stay) and deploy again.");
            }
            content = Files.readAllBytes(file);
        }
        catch (NoSuchFileException e) {
            return new ReleaseHistory(environment, List.of(), Map.of(), null, null);
        }
        catch (IOException e) {
            throw LotaBotsException.of(DirectoryErrorCode.IO_FAILURE,
                    "Cannot read the state file '" + file + "': " + e.getMessage(), e);
        }
        Snapshot snapshot;
        try {
            snapshot = MAPPER.readValue(content, Snapshot.class);
        }
        catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            String where = e instanceof JsonProcessingException json && json.getLocation() != null
                    ? " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
                    : "";
            throw unreadable(file, "it is not valid JSON" + where + ": " + reason, e);
        }
        if (snapshot == null) {
            throw unreadable(file, "it is empty", null);
        }
        return check(file, environment, snapshot);
    }

    private static ReleaseHistory check(final Path file, final String environment, final Snapshot snapshot) {
        if (snapshot.format() != FORMAT) {
            throw unreadable(file, "its format " + snapshot.format() + " is not " + FORMAT, null);
        }
        if (!environment.equals(snapshot.environment())) {
            throw unreadable(file, "it describes the environment '" + snapshot.environment() + "', not '"
                    + environment + "'", null);
        }
        List<Release> listed = snapshot.releases();
        List<Release> releases = listed == null ? List.of() : listed;
        int serving = 0;
        for (Release release : releases) {
            if (release == null || release.name() == null || !DirectorySettings.NAME.matcher(release.name()).matches()) {
                throw unreadable(file, "a release has no name or one that is not a plain folder name", null);
            }
            if (release.version() == null || release.artifact() == null || !isPlainName(release.artifact())
                    || release.slot() == null || release.status() == null || release.createdAt() == null) {
                throw unreadable(file, "the release '" + release.name()
                        + "' lacks its version, artifact, slot, status or creation time, or names an artifact"
                        + " outside its folder", null);
            }
            checkSlot(file, release.slot());
            Commands commands = release.commands();
            if (commands != null && (commands.start().isEmpty() || commands.start().get(0).isBlank())) {
                throw unreadable(file, "the release '" + release.name() + "' records its commands without a start"
                        + " command", null);
            }
            if (release.status() == Status.SERVING) {
                serving++;
            }
        }
        if (serving > 1) {
            throw unreadable(file, serving + " releases are marked SERVING; at most one can be", null);
        }
        Map<String, SlotProcess> recorded = snapshot.slots();
        Map<String, SlotProcess> slots = recorded == null ? Map.of() : recorded;
        for (Map.Entry<String, SlotProcess> entry : slots.entrySet()) {
            checkSlot(file, entry.getKey());
            if (entry.getValue() == null || entry.getValue().release() == null || entry.getValue().pid() <= 0) {
                throw unreadable(file, "the slot '" + entry.getKey() + "' has no release or process id", null);
            }
        }
        Pending pending = snapshot.pending();
        if (pending != null && (pending.operation() == null || pending.release() == null || pending.step() == null
                || pending.since() == null)) {
            throw unreadable(file, "the pending operation lacks its operation, release, step or start time", null);
        }
        return new ReleaseHistory(environment, releases, slots, pending, snapshot.stoppedAt());
    }

    private static void checkSlot(final Path file, final String slot) {
        if (!Slot.BLUE.id().equals(slot) && !Slot.GREEN.id().equals(slot)) {
            throw unreadable(file, "it names the slot '" + slot + "'; only blue and green exist", null);
        }
    }

    static boolean isPlainName(final String name) {
        return !name.isEmpty() && !".".equals(name) && !"..".equals(name) && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    private static LotaBotsException unreadable(final Path file, final String reason,
            @CheckForNull final Throwable cause) {
        String message = "The state file '" + file + "' cannot be used: " + reason + ". Nothing was changed; fix"
                + " the file or move it away (the releases next to it stay, but their history is lost).";
        return cause == null ? LotaBotsException.of(DirectoryErrorCode.STATE_UNREADABLE, message)
                : LotaBotsException.of(DirectoryErrorCode.STATE_UNREADABLE, message, cause);
    }

    /**
     * Writes the state file: to a temporary file first, then moved over the old one.
     *
     * @param file the file
     */
    void save(final Path file) {
        try {
            // on disk before it replaces the old file: the state is the commit point of every step
            DurableFiles.replace(file, MAPPER.writeValueAsBytes(snapshot()));
        }
        catch (IOException e) {
            throw LotaBotsException.of(DirectoryErrorCode.IO_FAILURE,
                    "Cannot write the state file '" + file + "': " + e.getMessage(), e);
        }
    }

    /**
     * Returns the content as it is saved.
     *
     * @return the snapshot
     */
    Snapshot snapshot() {
        return new Snapshot(FORMAT, environment, List.copyOf(releases), new TreeMap<>(slots), pending, stoppedAt);
    }

    /**
     * Returns the content as JSON, for backups.
     *
     * @return the JSON tree
     */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    List<Release> releases() {
        return List.copyOf(releases);
    }

    Optional<Release> current() {
        return releases.stream().filter(r -> r.status() == Status.SERVING).findFirst();
    }

    /** The release that served before the current one: the rollback target. */
    Optional<Release> previous() {
        return releases.stream().filter(r -> r.status() == Status.RETIRED && r.servedAt() != null)
                .max(Comparator.comparing(Release::servedAt));
    }

    Optional<Release> find(final String name) {
        return releases.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    void add(final Release release) {
        releases.add(release);
    }

    void update(final Release release) {
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).name().equals(release.name())) {
                releases.set(i, release);
                return;
            }
        }
        releases.add(release);
    }

    void remove(final String name) {
        releases.removeIf(r -> r.name().equals(name));
    }

    Optional<Pending> pending() {
        return Optional.ofNullable(pending);
    }

    void setPending(@CheckForNull final Pending value) {
        pending = value;
    }

    /** When {@code lotabots deploy stop} stopped the environment, until a deployment or rollback starts again. */
    Optional<Instant> stoppedAt() {
        return Optional.ofNullable(stoppedAt);
    }

    void setStoppedAt(@CheckForNull final Instant value) {
        stoppedAt = value;
    }

    Optional<SlotProcess> slot(final Slot slot) {
        return Optional.ofNullable(slots.get(slot.id()));
    }

    void setSlot(final Slot slot, final SlotProcess process) {
        slots.put(slot.id(), process);
    }

    void clearSlot(final Slot slot) {
        slots.remove(slot.id());
    }
}
