package io.lotabots.bot.deploy.directory;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tells who listens on a TCP port. On Linux it reads the listening sockets from {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} and finds the processes holding them through the {@code socket:[inode]} links in
 * {@code /proc/<pid>/fd}, which needs no extra tool. Elsewhere it can only tell whether the port is free, and says
 * that it cannot prove who holds it.
 */
final class PortListeners {
    /** The state of a listening socket in {@code /proc/net/tcp}. */
    private static final String LISTEN = "0A";

    private final Path proc;

    /**
     * Creates a reader of the given {@code /proc}.
     *
     * @param proc the proc file system, {@code /proc}
     */
    PortListeners(final Path proc) {
        this.proc = proc;
    }

    /**
     * Reads the system's {@code /proc}.
     *
     * @return the reader
     */
    static PortListeners system() {
        return new PortListeners(Path.of("/proc"));
    }

    /** Who holds a port. */
    enum Holder {
        /** Nothing listens. */
        NOBODY,
        /** The expected process, or one of its descendants, listens. */
        EXPECTED,
        /** Another process listens. */
        OTHER,
        /** Something listens, and this system gives no way to prove which process it is. */
        UNPROVEN
    }

    /**
     * Who holds a port, and which processes when they are known.
     *
     * @param holder who holds it
     * @param pids the listening processes found, possibly empty
     */
    record Answer(Holder holder, List<Long> pids) {
        Answer {
            pids = List.copyOf(pids);
        }

        /** Describes the holder for a message, e.g. {@code process 4242 (java -jar other.jar)}. */
        String describe() {
            if (pids.isEmpty()) {
                return holder == Holder.UNPROVEN ? "a process this system cannot name" : "no process";
            }
            List<String> names = new ArrayList<>();
            for (long pid : pids) {
                names.add("process " + pid + ProcessHandle.of(pid).flatMap(h -> h.info().command())
                        .map(c -> " (" + c + ")").orElse(""));
            }
            return String.join(", ", names);
        }
    }

    /**
     * Returns whether the system lists its sockets, so that ownership can be proven.
     *
     * @return {@code true} on Linux with {@code /proc} mounted
     */
    boolean canProve() {
        return Files.isReadable(proc.resolve("net").resolve("tcp"));
    }

    /**
     * Finds who holds a loopback port.
     *
     * @param port the port
     * @param expected the process that should listen (a service this target started), or {@code null}
     * @return the answer
     */
    Answer holderOf(final int port, @CheckForNull final ProcessHandle expected) {
        if (!canProve()) {
            if (ServiceProcesses.isPortFree(port)) {
                return new Answer(Holder.NOBODY, List.of());
            }
            return new Answer(Holder.UNPROVEN, List.of());
        }
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            // a socket of another network namespace, or one opened between the two reads
            return ServiceProcesses.isPortFree(port) ? new Answer(Holder.NOBODY, List.of())
                    : new Answer(Holder.UNPROVEN, List.of());
        }
        if (expected != null && expected.isAlive()) {
            List<ProcessHandle> tree = new ArrayList<>();
            tree.add(expected);
            expected.descendants().forEach(tree::add);
            for (ProcessHandle process : tree) {
                if (holdsAny(process.pid(), inodes)) {
                    return new Answer(Holder.EXPECTED, List.of(process.pid()));
                }
            }
        }
        List<Long> holders = holders(inodes);
        return new Answer(holders.isEmpty() ? Holder.UNPROVEN : Holder.OTHER, holders);
    }

    /**
     * Returns the processes that listen on a port, as far as they can be seen.
     *
     * @param port the port
     * @return their ids, empty when none is seen or the system lists no sockets
     */
    List<Long> listenersOf(final int port) {
        if (!canProve()) {
            return List.of();
        }
        Set<String> inodes = listeningInodes(port);
        return inodes.isEmpty() ? List.of() : holders(inodes);
    }

    /**
     * Returns the working directory of a process, when the system shows it.
     *
     * @param pid the process
     * @return the directory
     */
    Optional<Path> workingDirectory(final long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("cwd")));
        }
        catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private Set<String> listeningInodes(final int port) {
        Set<String> inodes = new LinkedHashSet<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve("net").resolve(table);
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            }
            catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (fields.length < 10) {
                    continue;
                }
                String local = fields[1];
                int colon = local.lastIndexOf(':');
                if (colon > 0 && local.substring(colon + 1).equalsIgnoreCase(hexPort) && LISTEN.equals(fields[3])
                        && !"0".equals(fields[9])) {
                    inodes.add(fields[9]);
                }
            }
        }
        return inodes;
    }

    private boolean holdsAny(final long pid, final Set<String> inodes) {
        Path fds = proc.resolve(Long.toString(pid)).resolve("fd");
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                String target;
                try {
                    target = Files.readSymbolicLink(link).toString();
                }
                catch (IOException e) {
                    continue;
                }
                if (target.startsWith("socket:[") && target.endsWith("]")
                        && inodes.contains(target.substring("socket:[".length(), target.length() - 1))) {
                    return true;
                }
            }
        }
        catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    private List<Long> holders(final Set<String> inodes) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.map(p -> String.valueOf(p.getFileName()))
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> holdsAny(pid, inodes)).forEach(pids::add);
        }
        catch (IOException e) {
            return List.of();
        }
        return pids;
    }
}
