package io.lotabots.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An environment variable that marks every process a run started, the way Jenkins' process tree killer marks a
 * build's processes with {@code JENKINS_NODE_COOKIE}. A child process inherits its parent's environment, so the
 * mark survives forks, double forks, {@code setsid} and re-parenting to init, which a snapshot of the children of a
 * process does not see. Finding the processes that carry a cookie reads {@code /proc/<pid>/environ} on Linux; where
 * there is no {@code /proc}, none are found, and callers fall back to the descendants of the processes they started.
 *
 * <p>The value of the variable is a space-separated list of cookies, so that a run started from inside another run
 * (a {@code lotabots} command in a build command) keeps the outer run's cookie and is stopped with it. A process that
 * replaces its environment (for example with {@code env -i}) or resets the variable is no longer found: that is how
 * a command deliberately starts something that must outlive the run.</p>
 */
public final class ProcessCookie {
    /** The variable that marks every process of a run. */
    public static final String RUN_VARIABLE = "LOTABOTS_RUN_COOKIE";
    /** The variable that marks the processes of one command, so that a timeout stops only that command. */
    public static final String COMMAND_VARIABLE = "LOTABOTS_COMMAND_COOKIE";

    private static final Path PROC = Path.of("/proc");
    private static final Pattern PID = Pattern.compile("[0-9]+");
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int KILL_ROUNDS = 20;

    private final String variable;
    private final String value;

    private ProcessCookie(final String variable, final String value) {
        this.variable = variable;
        this.value = value;
    }

    /**
     * Creates a cookie with a new random value.
     *
     * @param variable the environment variable that carries it, {@link #RUN_VARIABLE} or {@link #COMMAND_VARIABLE}
     * @return the cookie
     */
    public static ProcessCookie random(final String variable) {
        return new ProcessCookie(variable, UUID.randomUUID().toString());
    }

    /**
     * Returns the cookie with a known value, for example one read from a process's environment, to find or stop the
     * processes that carry it.
     *
     * @param variable the environment variable that carries it
     * @param value the value, without spaces
     * @return the cookie
     */
    public static ProcessCookie of(final String variable, final String value) {
        if (value.isBlank() || value.contains(" ")) {
            throw new IllegalArgumentException("A cookie is one word, was '" + value + "'");
        }
        return new ProcessCookie(variable, value);
    }

    /**
     * Returns the environment variable that carries this cookie.
     *
     * @return the variable's name
     */
    public String getVariable() {
        return variable;
    }

    /**
     * Returns the value of this cookie.
     *
     * @return the value, without spaces
     */
    public String getValue() {
        return value;
    }

    /**
     * Returns the value the variable gets in a new process: this cookie after those its parent already carries.
     *
     * @param inherited the environment the new process inherits
     * @return the value to set
     */
    public String valueFor(final Map<String, String> inherited) {
        String outer = inherited.getOrDefault(variable, "").trim();
        if (outer.isEmpty()) {
            return value;
        }
        return Arrays.asList(outer.split(" +")).contains(value) ? outer : outer + " " + value;
    }

    /**
     * Returns whether an environment, as {@code /proc/<pid>/environ} holds it (entries separated by NUL bytes),
     * carries this cookie.
     *
     * @param environ the raw environment
     * @return {@code true} if the variable is set and one of its cookies is this one
     */
    boolean isCarriedBy(final byte[] environ) {
        String prefix = variable + "=";
        for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
            if (entry.startsWith(prefix)
                    && Arrays.asList(entry.substring(prefix.length()).trim().split(" +")).contains(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the live processes that carry this cookie, this JVM excluded. Processes of other users, whose
     * environment cannot be read, and zombies, whose environment is empty, are not found.
     *
     * @return the processes; empty where there is no {@code /proc}
     */
    public List<ProcessHandle> findProcesses() {
        List<ProcessHandle> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC,
                entry -> PID.matcher(String.valueOf(entry.getFileName())).matches())) {
            for (Path entry : entries) {
                long pid = Long.parseLong(String.valueOf(entry.getFileName()));
                if (pid != self && isCarriedBy(environOf(entry))) {
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(found::add);
                }
            }
        }
        catch (IOException e) {
            return found;  // /proc could not be listed: nothing is found, callers use their own handles
        }
        return found;
    }

    private static byte[] environOf(final Path entry) {
        try {
            return Files.readAllBytes(entry.resolve("environ"));
        }
        catch (IOException | SecurityException e) {
            return new byte[0];  // gone meanwhile, or another user's process
        }
    }

    /**
     * Stops every process that carries this cookie, and the given ones: asks them to stop (SIGTERM), waits up to the
     * grace period for them to end, then kills (SIGKILL) what is left, again until none is found, since a process
     * may fork while it is being stopped. An interrupt while waiting skips the rest of the grace period; the
     * thread's interrupt status is kept.
     *
     * @param grace how long the processes get to end by themselves
     * @param also processes to stop even if they do not carry the cookie (on systems without {@code /proc}, the
     *        process started and its descendants)
     * @return how many processes were asked to stop or killed
     */
    public int stop(final Duration grace, final List<ProcessHandle> also) {
        List<ProcessHandle> stopped = new ArrayList<>(also);
        for (ProcessHandle handle : findProcesses()) {
            if (!stopped.contains(handle)) {
                stopped.add(handle);
            }
        }
        stopped.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        while (System.nanoTime() < deadline && stopped.stream().anyMatch(ProcessCookie::isRunning)) {
            try {
                Thread.sleep(POLL.toMillis());
            }
            catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<ProcessHandle> left = new ArrayList<>(stopped.stream().filter(ProcessCookie::isRunning).toList());
            for (ProcessHandle handle : findProcesses()) {
                if (!left.contains(handle)) {
                    left.add(handle);
                    stopped.add(handle);
                }
            }
            if (left.isEmpty()) {
                break;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            awaitEnd(left);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return (int) stopped.stream().map(ProcessHandle::pid).distinct().count();
    }

    /**
     * Returns whether a process runs: a zombie, which has ended and waits for its parent to reap it, does not.
     *
     * @param handle the process
     * @return {@code true} if it is alive and not a zombie
     */
    static boolean isRunning(final ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(String.valueOf(handle.pid())).resolve("stat"),
                    StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        }
        catch (IOException e) {
            return handle.isAlive();  // no /proc, or it ended meanwhile
        }
    }

    /** Waits up to a second for killed processes to end; a zombie that waits to be reaped counts as ended. */
    private static void awaitEnd(final List<ProcessHandle> killed) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline && killed.stream().anyMatch(ProcessCookie::isRunning)) {
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return variable + "=" + value;
    }
}
