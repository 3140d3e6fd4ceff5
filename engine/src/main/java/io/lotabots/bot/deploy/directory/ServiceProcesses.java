package io.lotabots.bot.deploy.directory;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.directory.ReleaseHistory.SlotProcess;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpCheck;
import io.lotabots.http.HttpCheckResult;
import io.lotabots.http.HttpChecker;
import io.lotabots.process.ProcessOutcome;
import io.lotabots.process.ProcessSpec;
import io.lotabots.util.Durations;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Starts services detached, finds them again by process id, waits for their health path, and stops them with the
 * stop command or by terminating their process tree.
 */
final class ServiceProcesses {
    /** How long a service may take to exit after it was asked to. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** How long the stop command may run. */
    static final Duration STOP_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** The pause between two health polls. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** The longest a single health poll waits for an answer. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);
    /** The log lines quoted when a service dies. */
    static final int TAIL_LINES = 20;
    /** The most bytes read from the end of a log for its tail. */
    static final int TAIL_BYTES = 8192;

    private static final String LOOPBACK = "127.0.0.1";
    /**
     * The variable every started service gets: its release folder. It marks the processes this target started, so
     * that one a run started but did not live to record is found and stopped by the next run.
     */
    static final String RELEASE_MARK = "LOTABOTS_RELEASE_DIR";

    private final DirectorySettings settings;
    private final BotContext context;
    private final HttpChecker.Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final HttpChecker checker;
    @CheckForNull
    private final String setsid;
    private final PortListeners listeners;

    ServiceProcesses(final DirectorySettings settings, final BotContext context, final HttpChecker.Sleeper sleeper,
            final LongSupplier nanoTime) {
        this(settings, context, sleeper, nanoTime, PortListeners.system());
    }

    ServiceProcesses(final DirectorySettings settings, final BotContext context, final HttpChecker.Sleeper sleeper,
            final LongSupplier nanoTime, final PortListeners listeners) {
        this.listeners = listeners;
        this.settings = settings;
        this.context = context;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.checker = new HttpChecker(context.getHttp(), context.getClock(), sleeper);
        this.setsid = findSetsid();
    }

    @CheckForNull
    private static String findSetsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A service this target started or found running.
     *
     * @param handle the process
     * @param process the process when this JVM started it, to read its exit code
     */
    record Running(ProcessHandle handle, Optional<Process> process) {
        SlotProcess record(final String release) {
            return new SlotProcess(release, handle.pid(), handle.info().startInstant().orElse(null));
        }
    }

    /**
     * Returns the base URL of a port.
     *
     * @param port the port
     * @return {@code http://127.0.0.1:<port>/}
     */
    static URI baseUrl(final int port) {
        return URI.create("http://" + LOOPBACK + ":" + port + "/");
    }

    URI healthUrl(final int port) {
        return URI.create("http://" + LOOPBACK + ":" + port + settings.healthPath());
    }

    /**
     * Returns the values of the placeholders for a release.
     *
     * @param port the port
     * @param releaseDir the release's folder
     * @param artifact the artifact inside it
     * @param version the version
     * @return the values, by placeholder name
     */
    static Map<String, String> variables(final int port, final Path releaseDir, final Path artifact,
            final String version) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PORT", Integer.toString(port));
        values.put("RELEASE_DIR", releaseDir.toString());
        values.put("ARTIFACT", artifact.toString());
        values.put("VERSION", version);
        return values;
    }

    /**
     * Replaces {@code ${NAME}} in every word of a command.
     *
     * @param command the command
     * @param values the values
     * @return the expanded command
     */
    static List<String> expand(final List<String> command, final Map<String, String> values) {
        List<String> words = new ArrayList<>(command.size());
        for (String word : command) {
            String expanded = word;
            for (Map.Entry<String, String> value : values.entrySet()) {
                expanded = expanded.replace("${" + value.getKey() + "}", value.getValue());
            }
            words.add(expanded);
        }
        return words;
    }

    private String shown(final List<String> command) {
        return context.getMasker().mask(String.join(" ", command));
    }

    /**
     * Starts the service of a release detached: in its own session where {@code setsid} exists, with its output
     * appended to the log and no input, so that it keeps running after this process ends.
     *
     * @param version the version, for messages
     * @param startCommand the start command of the release, placeholders not expanded
     * @param releaseDir the release's folder, the working directory
     * @param variables the placeholder values, also passed as environment variables
     * @param log the log file
     * @return the started process
     */
    Running start(final String version, final List<String> startCommand, final Path releaseDir,
            final Map<String, String> variables, final Path log) {
        List<String> command = expand(startCommand, variables);
        List<String> launched = new ArrayList<>();
        if (setsid != null) {
            launched.add(setsid);
        }
        launched.addAll(command);
        context.getLog().info("Starting " + version + ": " + shown(command));
        try {
            Path folder = log.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            ProcessBuilder builder = new ProcessBuilder(launched).directory(releaseDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
            Map<String, String> environment = builder.environment();
            environment.putAll(variables);
            environment.put("APP_VERSION", variables.get("VERSION"));
            // Spring Boot reads its port from SERVER_PORT; others from PORT, which the variables carry.
            environment.put("SERVER_PORT", variables.get("PORT"));
            // Jenkins ends the processes of a build that carry its cookie; a deployed service must outlive the build.
            environment.put("JENKINS_NODE_COOKIE", "dontKillMe");
            environment.put("BUILD_ID", "dontKillMe");
            environment.put(RELEASE_MARK, releaseDir.toAbsolutePath().normalize().toString());
            Process process = builder.start();
            return new Running(process.toHandle(), Optional.of(process));
        }
        catch (IOException e) {
            throw LotaBotsException.of(DirectoryErrorCode.START_FAILED, "Cannot run the start command '"
                    + shown(command) + "' of " + version + ": " + context.getMasker().mask(String.valueOf(e.getMessage()))
                    + ". Check that the program exists and can be executed.", e);
        }
    }

    private static boolean isWindows() {
        return File.separatorChar == '\\';
    }

    /**
     * Finds a recorded process if it still runs and is the one recorded (not a later process with the same id).
     *
     * @param process the record
     * @return the running process
     */
    Optional<Running> find(final SlotProcess process) {
        return ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive)
                .filter(handle -> sameStart(handle, process.processStart()))
                .map(handle -> new Running(handle, Optional.empty()));
    }

    private static boolean sameStart(final ProcessHandle handle, @CheckForNull final Instant recorded) {
        if (recorded == null) {
            return true;
        }
        return handle.info().startInstant()
                .map(actual -> Duration.between(actual, recorded).abs().compareTo(Duration.ofSeconds(1)) < 0)
                .orElse(true);
    }

    /**
     * Polls the health path until it answers 200, the start timeout passes, or the process ends.
     *
     * @param version the version, for messages
     * @param running the process
     * @param port its port
     * @param log its log file, quoted when it dies
     * @return the passing result
     * @throws LotaBotsException {@link DirectoryErrorCode#START_FAILED} when the process ends first,
     *         {@link DirectoryErrorCode#NOT_HEALTHY} when the time is up
     */
    HttpCheckResult awaitHealthy(final String version, final Running running, final int port, final Path log) {
        Duration pollTimeout = settings.startTimeout().compareTo(POLL_TIMEOUT) < 0 ? settings.startTimeout()
                : POLL_TIMEOUT;
        HttpCheck check = new HttpCheck(healthUrl(port), 200, null, pollTimeout, 0, POLL_INTERVAL);
        long started = nanoTime.getAsLong();
        long deadline = started + settings.startTimeout().toNanos();
        try {
            while (true) {
                context.getLog().progress("Waiting for " + version + " to answer " + check.url() + ": "
                        + Durations.format(Duration.ofSeconds(Duration.ofNanos(nanoTime.getAsLong() - started)
                                .toSeconds())) + " of at most " + Durations.format(settings.startTimeout()));
                if (!running.handle().isAlive()) {
                    throw died(version, running, port, log);
                }
                HttpCheckResult result = checker.run(check);
                if (result.passed()) {
                    return result;
                }
                if (nanoTime.getAsLong() - deadline >= 0) {
                    if (!running.handle().isAlive()) {
                        throw died(version, running, port, log);
                    }
                    throw LotaBotsException.of(DirectoryErrorCode.NOT_HEALTHY, version + " did not become healthy"
                            + " at " + check.url() + " within " + Durations.format(settings.startTimeout())
                            + " (last answer: " + result.problem() + ")." + tail(log));
                }
                sleeper.sleep(POLL_INTERVAL);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LotaBotsException.of(DirectoryErrorCode.INTERRUPTED,
                    "Interrupted while waiting for " + version + " to become healthy", e);
        }
    }

    /**
     * Waits until a started service is healthy, then checks that it is the process answering: the one listening on
     * the port is the service or one of its descendants. A health answer from another program on the port does not
     * count.
     *
     * @param version the version, for messages
     * @param running the process
     * @param port its port
     * @param log its log file
     * @throws LotaBotsException as {@link #awaitHealthy} does, and {@link DirectoryErrorCode#PORT_IN_USE} when
     *         another program listens on the port
     */
    void awaitServing(final String version, final Running running, final int port, final Path log) {
        awaitHealthy(version, running, port, log);
        PortListeners.Answer answer = listeners.holderOf(port, running.handle());
        switch (answer.holder()) {
            case EXPECTED -> {
                // proven: the service answers
            }
            case UNPROVEN -> context.getLog().info("This system cannot prove which process listens on port " + port
                    + " (no /proc); process " + running.handle().pid() + " of " + version + " runs and the port"
                    + " answers, so it is taken to be " + version);
            case NOBODY, OTHER -> throw LotaBotsException.of(DirectoryErrorCode.PORT_IN_USE, "Port " + port
                    + " answered the health check, but it is held by " + answer.describe() + ", not by process "
                    + running.handle().pid() + " of " + version + " (" + (running.handle().isAlive()
                    ? "it runs without listening there" : "it has ended") + "). Stop the program that holds the"
                    + " port, or choose another port." + tail(log));
        }
    }

    /**
     * Who holds a port: the recorded service, another program, or nobody.
     *
     * @param port the port
     * @param expected the service that should hold it, or {@code null}
     * @return the answer
     */
    PortListeners.Answer holderOf(final int port, @CheckForNull final SlotProcess expected) {
        ProcessHandle handle = expected == null ? null : find(expected).map(Running::handle).orElse(null);
        return listeners.holderOf(port, handle);
    }

    /**
     * Holds a port with the given process, for {@link #awaitServing}.
     *
     * @param port the port
     * @param handle the process
     * @return the answer
     */
    PortListeners.Answer holderOf(final int port, final ProcessHandle handle) {
        return listeners.holderOf(port, handle);
    }

    /**
     * Returns the running processes that this target started from a folder under the given one: those whose
     * environment carries {@link #RELEASE_MARK} with such a folder. Empty where the system does not show other
     * processes' environments.
     *
     * @param releases the releases folder
     * @return the processes, outermost first
     */
    List<ProcessHandle> startedFrom(final Path releases) {
        String prefix = releases.toAbsolutePath().normalize() + File.separator;
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach(process -> {
            if (releaseMarkOf(process).filter(mark -> mark.startsWith(prefix)).isPresent()) {
                found.add(process);
            }
        });
        // a parent before its children: terminating it takes the children along
        found.removeIf(p -> p.parent().filter(found::contains).isPresent());
        return found;
    }

    /**
     * A service whose release folder is gone.
     *
     * @param handle the process, the outermost of its tree that carries the mark
     * @param releaseDir the release folder its {@link #RELEASE_MARK} names
     */
    record Orphan(ProcessHandle handle, Path releaseDir) {
    }

    /**
     * Returns the running processes this target started from release folders that no longer exist, under a
     * folder: services that outlived a deleted checkout. Empty where the system does not show environments.
     *
     * @param under only release folders under this one count
     * @return the processes, outermost first
     */
    static List<Orphan> orphans(final Path under) {
        Path root = under.toAbsolutePath().normalize();
        long self = ProcessHandle.current().pid();
        List<Orphan> found = new ArrayList<>();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> p.pid() != self).forEach(process ->
                releaseMarkOf(process).flatMap(ServiceProcesses::pathOf).filter(Path::isAbsolute).map(Path::normalize)
                        .filter(dir -> dir.startsWith(root) && !Files.exists(dir))
                        .ifPresent(dir -> found.add(new Orphan(process, dir))));
        List<ProcessHandle> handles = found.stream().map(Orphan::handle).toList();
        found.removeIf(o -> o.handle().parent().filter(handles::contains).isPresent());
        return found;
    }

    private static Optional<Path> pathOf(final String text) {
        try {
            return Optional.of(Path.of(text));
        }
        catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The value of {@link #RELEASE_MARK} in a process's environment, read from {@code /proc/<pid>/environ}. */
    private static Optional<String> releaseMarkOf(final ProcessHandle process) {
        Path environ = Path.of("/proc", Long.toString(process.pid()), "environ");
        String prefix = RELEASE_MARK + "=";
        try {
            if (Files.isReadable(environ)) {
                byte[] bytes = Files.readAllBytes(environ);
                for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
                    if (entry.startsWith(prefix)) {
                        return Optional.of(entry.substring(prefix.length()));
                    }
                }
            }
        }
        catch (IOException | SecurityException e) {
            // not ours to read, so not ours
        }
        return Optional.empty();
    }

    private LotaBotsException died(final String version, final Running running, final int port, final Path log) {
        String code = running.process().map(p -> {
            try {
                return " with code " + p.waitFor();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }).orElse("");
        return LotaBotsException.of(DirectoryErrorCode.START_FAILED, version + " exited" + code
                + " before it became healthy on port " + port + "; check the start command and the service's log."
                + tail(log));
    }

    /**
     * Returns the last lines of a log, masked, as a sentence to append to a message.
     *
     * @param log the log
     * @return the lines, or an empty text when the log is empty or missing
     */
    String tail(final Path log) {
        List<String> lines = tailLines(log);
        if (lines.isEmpty()) {
            return " The log " + log + " is empty.";
        }
        return " Last lines of " + log + ":\n" + lines.stream().map(line -> "  " + line)
                .collect(Collectors.joining("\n"));
    }

    private List<String> tailLines(final Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
            if (size < length && !lines.isEmpty()) {
                lines.remove(0);
            }
            lines.removeIf(String::isBlank);
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return last.stream().map(context.getMasker()::mask).collect(Collectors.toList());
        }
        catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Stops a service that still runs: runs the stop command if there is one, waits for the process to end, and
     * terminates the process and its descendants, gracefully and then forcibly, if it still runs.
     *
     * @param version the version, for messages
     * @param stopCommand the stop command of the release, placeholders not expanded, or empty
     * @param process the recorded process
     * @param releaseDir the release's folder
     * @param variables the placeholder values
     */
    void stop(final String version, final List<String> stopCommand, final SlotProcess process, final Path releaseDir,
            final Map<String, String> variables) {
        Optional<Running> running = find(process);
        if (running.isEmpty()) {
            return;
        }
        if (!stopCommand.isEmpty()) {
            List<String> command = expand(stopCommand, variables);
            context.getLog().info("Stopping " + version + ": " + shown(command));
            Path directory = Files.isDirectory(releaseDir) ? releaseDir : context.getWorkspace();
            ProcessOutcome outcome = context.getProcesses().run(
                    new ProcessSpec(command, directory, variables, STOP_COMMAND_TIMEOUT), context.getLog());
            if (!outcome.isSuccess()) {
                context.getLog().error("The stop command of " + version + (outcome.timedOut() ? " timed out"
                        : " ended with code " + outcome.exitCode()) + "; terminating its processes instead");
            }
            if (waitForExit(List.of(running.get().handle()), STOP_GRACE)) {
                return;
            }
        }
        terminate(version, running.get().handle());
    }

    void terminate(final String version, final ProcessHandle handle) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(handle);
        handle.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        if (waitForExit(tree, STOP_GRACE)) {
            return;
        }
        context.getLog().error(version + " did not end within " + Durations.format(STOP_GRACE)
                + " of being asked to; killing process " + handle.pid());
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (!waitForExit(tree, STOP_GRACE)) {
            throw LotaBotsException.of(DirectoryErrorCode.IO_FAILURE, "Cannot stop process " + handle.pid() + " of "
                    + version + "; end it by hand.");
        }
    }

    private boolean waitForExit(final List<ProcessHandle> processes, final Duration grace) {
        long deadline = nanoTime.getAsLong() + grace.toNanos();
        for (ProcessHandle process : processes) {
            long left = deadline - nanoTime.getAsLong();
            try {
                process.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException e) {
                return false;
            }
            catch (ExecutionException e) {
                return !process.isAlive();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LotaBotsException.of(DirectoryErrorCode.INTERRUPTED,
                        "Interrupted while waiting for process " + process.pid() + " to end", e);
            }
        }
        return processes.stream().noneMatch(ProcessHandle::isAlive);
    }

    /**
     * Checks that the program of a command can be found: an absolute path must be an executable file, a bare name
     * must be on the {@code PATH}. Programs given relative to the release folder or through a placeholder are
     * checked when they start.
     *
     * @param field the setting, for the message
     * @param command the command
     * @throws LotaBotsException with {@link DirectoryErrorCode#INVALID_SETTINGS} when the program cannot be found
     */
    void checkProgram(final String field, final List<String> command) {
        if (command.isEmpty() || command.get(0).contains("${")) {
            return;
        }
        String program = command.get(0);
        Path path;
        try {
            path = Path.of(program);
        }
        catch (java.nio.file.InvalidPathException e) {
            throw LotaBotsException.of(DirectoryErrorCode.INVALID_SETTINGS, "The program '" + shown(List.of(program))
                    + "' of the " + field + " is not a valid path: " + e.getReason(), e);
        }
        if (path.isAbsolute()) {
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw LotaBotsException.of(DirectoryErrorCode.INVALID_SETTINGS, "The program '"
                        + shown(List.of(program)) + "' of the " + field + " does not exist or cannot be executed;"
                        + " correct the path. Nothing was changed.");
            }
            return;
        }
        if (program.indexOf('/') >= 0 || program.indexOf('\\') >= 0) {
            return;
        }
        String searchPath = System.getenv().getOrDefault("PATH", "");
        List<String> suffixes = isWindows() ? List.of("", ".exe", ".bat", ".cmd") : List.of("");
        for (String folder : searchPath.split(File.pathSeparator)) {
            for (String suffix : suffixes) {
                if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program + suffix))
                        && !Files.isDirectory(Path.of(folder, program + suffix))) {
                    return;
                }
            }
        }
        throw LotaBotsException.of(DirectoryErrorCode.INVALID_SETTINGS, "The program '" + shown(List.of(program))
                + "' of the " + field + " is not on the PATH; give its full path or install it. Nothing was changed.");
    }

    /**
     * Returns whether nothing listens on a loopback port.
     *
     * @param port the port
     * @return {@code true} if a server socket can be bound to it
     */
    static boolean isPortFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until a port is free, up to the stop grace.
     *
     * @param port the port
     * @return whether it became free
     */
    boolean awaitPortFree(final int port) {
        long deadline = nanoTime.getAsLong() + STOP_GRACE.toNanos();
        try {
            while (!isPortFree(port)) {
                if (nanoTime.getAsLong() - deadline >= 0) {
                    return false;
                }
                sleeper.sleep(POLL_INTERVAL);
            }
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LotaBotsException.of(DirectoryErrorCode.INTERRUPTED,
                    "Interrupted while waiting for port " + port + " to be free", e);
        }
    }
}
