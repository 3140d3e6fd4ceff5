package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.DurableFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The index of a {@link FileIncidentStore}'s open incidents, {@value #FILE}: the number of every incident that may be
 * open, with its dedup key, service and environment, and the counter the index has seen. The incident files stay
 * the truth; the index only saves reading them all. It may list more than the open incidents (an incident resolved
 * by a process that died before it rewrote the index), never fewer; {@link FileIncidentStore} keeps it so and
 * rebuilds it from the incident files when it is missing, unreadable, behind the counter or marked unclean.
 */
final class OpenIncidentIndex {
    /** The file's name in the store's folder. */
    static final String FILE = "open-index.json";
    /** The largest index read: about 200,000 open incidents. */
    static final long MAX_BYTES = 64L << 20;
    private static final int FORMAT = 1;

    private OpenIncidentIndex() {
    }

    /**
     * One incident that may be open.
     *
     * @param number its number
     * @param dedupKey its dedup key, or {@code null} if its file could not be read when the index was made
     * @param service its service, or {@code null} likewise
     * @param environment its environment, or {@code null} likewise
     */
    record Entry(long number, @CheckForNull String dedupKey, @CheckForNull String service,
            @CheckForNull String environment) {
        static Entry of(final Incident incident) {
            return new Entry(incident.number(), incident.dedupKey(), incident.service(), incident.environment());
        }

        static Entry unknown(final long number) {
            return new Entry(number, null, null, null);
        }

        boolean known() {
            return dedupKey != null && service != null && environment != null;
        }

        boolean mayHaveKey(final String key) {
            return !known() || key.equals(dedupKey);
        }

        boolean mayMatch(final IncidentQuery query) {
            String wantedService = query.service();
            String wantedEnvironment = query.environment();
            return !known() || (wantedService == null || wantedService.equals(service))
                    && (wantedEnvironment == null || wantedEnvironment.equals(environment));
        }
    }

    /**
     * The content of the index.
     *
     * @param format the format, 1
     * @param counter the highest number the index has seen
     * @param clean {@code false} while a change of an open incident's dedup key, service or environment is under
     *        way: the entries' fields may be stale, the numbers are not
     * @param open the incidents that may be open, by number
     */
    record Snapshot(int format, long counter, boolean clean, List<Entry> open) {
        Snapshot {
            open = List.copyOf(open);
        }

        static Snapshot of(final long counter, final Collection<Entry> open) {
            return new Snapshot(FORMAT, counter, true, List.copyOf(open));
        }

        boolean isValid() {
            return format == FORMAT && counter >= 0
                    && open.stream().allMatch(entry -> entry != null && entry.number() > 0);
        }

        Snapshot with(final Entry entry, final long atLeast, final boolean isClean) {
            List<Entry> more = new ArrayList<>(without(entry.number()).open);
            more.add(entry);
            more.sort((a, b) -> Long.compare(a.number(), b.number()));
            return new Snapshot(FORMAT, Math.max(counter, atLeast), isClean, more);
        }

        Snapshot without(final long number) {
            return new Snapshot(FORMAT, counter, clean, open.stream().filter(entry -> entry.number() != number)
                    .toList());
        }
    }

    /**
     * Reads the index.
     *
     * @param folder the store's folder
     * @return the index, or empty if there is none or its content is not an index (then it is rebuilt)
     * @throws LotaBotsException with {@link IncidentErrorCode#STORE_UNREADABLE} if the index is a link, not a file or
     *         too large: something other than the store made it
     */
    static Optional<Snapshot> read(final Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The index of open incidents '" + file
                    + "' is " + (Files.isSymbolicLink(file) ? "a symbolic link" : "not a regular file")
                    + "; the store reads only its own files. Remove it: the store rebuilds the index from the"
                    + " incident files.");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw LotaBotsException.of(IncidentErrorCode.STORE_UNREADABLE, "The index of open incidents '" + file
                        + "' is larger than " + (MAX_BYTES >> 20) + " MiB; it was not written by LotaBots. Remove"
                        + " it: the store rebuilds the index from the incident files.");
            }
            Snapshot snapshot = IncidentJson.MAPPER.readValue(bytes, Snapshot.class);
            return snapshot != null && snapshot.isValid() ? Optional.of(snapshot) : Optional.empty();
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException | RuntimeException e) {
            if (e instanceof LotaBotsException lotaBots) {
                throw lotaBots;
            }
            // not an index (torn by hand, another format): the incident files hold everything, so it is rebuilt
            return Optional.empty();
        }
    }

    /**
     * Writes the index durably.
     *
     * @param folder the store's folder
     * @param snapshot the content
     * @throws IOException if it cannot be written
     */
    static void write(final Path folder, final Snapshot snapshot) throws IOException {
        DurableFiles.replace(folder.resolve(FILE), IncidentJson.MAPPER.writeValueAsBytes(
                Objects.requireNonNull(snapshot)));
    }
}
