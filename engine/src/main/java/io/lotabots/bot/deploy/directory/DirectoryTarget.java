package io.lotabots.bot.deploy.directory;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.DeployStrategy;
import io.lotabots.bot.deploy.directory.PortListeners.Holder;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Commands;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Pending;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Release;
import io.lotabots.bot.deploy.directory.ReleaseHistory.SlotProcess;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Status;
import io.lotabots.bot.deploy.directory.ServiceProcesses.Running;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpChecker;
import io.lotabots.util.Durations;
import io.lotabots.util.LogSink;
import io.lotabots.util.WorkspaceConfinement;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Deploys releases into folders on this machine, in the manner of Capistrano's release directories, with two
 * slots for blue-green deployments.
 *
 * <p>Layout under {@code releasesDir/<environment>/}:</p>
 * <ul>
 *     <li>{@code releases/<version>-<yyyyMMddHHmmss>/}: one folder per deployment holding a copy of the artifact
 *     (a file or a folder) and {@code logs/service.log}, the output of the service started from it;</li>
 *     <li>{@code current}: a relative link to the release that serves, replaced atomically (a new link moved over
 *     the old one);</li>
 *     <li>{@code state.json}: every release with its status, slot, port and times, and the process id of each
 *     slot's service;</li>
 *     <li>{@code backups/}: the files {@link #backup()} writes; {@code .lock}: held while a deployment or a
 *     rollback runs.</li>
 * </ul>
 *
 * <p>Strategies: {@code blueGreen} starts the new release in the idle slot (the other port), waits until its health
 * path answers 200, asks the checks before the switch, switches {@code current} and keeps the old release running
 * for the rollback window. {@code rolling} stops the serving release, starts the new one on the same port and, if
 * it does not become healthy or the checks say no, starts the old one again. {@code canary} starts the new release
 * in the idle slot as {@code blueGreen} does, runs the checks before the switch, then watches it for the canary
 * window (the canary check given to {@link #deploy(Path, String, DeployStrategy, Predicate, Predicate)}) while the
 * serving release keeps serving, and only then switches {@code current}; a canary that fails either is stopped and
 * the serving release was never touched. A directory host has no load balancer, so the canary gets the checks'
 * traffic, not a share of the users'. The first deployment of an environment has nothing to compare with and is
 * not watched. A deployment that fails half-way always ends with the previous release serving; every step done and
 * undone is logged and returned.</p>
 *
 * <p>A later deployment removes releases that ended longer than the rollback window ago, always keeping the serving
 * and the previous one, and stops the previous one's service once its window has passed.</p>
 */
public final class DirectoryTarget {
    static final String STATE_FILE = "state.json";
    static final String CURRENT = "current";
    static final String RELEASES = "releases";
    static final String BACKUPS = "backups";
    static final String LOCK_FILE = ".lock";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final DirectorySettings settings;
    private final BotContext context;
    private final ServiceProcesses services;
    private final LongSupplier nanoTime;
    private final Path environmentDir;
    private final Consumer<String> stepHook;

    /**
     * Creates a target.
     *
     * @param settings where and how to deploy
     * @param context the workspace, log, clock, HTTP client, process runner and masker to use
     */
    public DirectoryTarget(final DirectorySettings settings, final BotContext context) {
        this(settings, context, HttpChecker.Sleeper.THREAD, System::nanoTime);
    }

    /** The variable that makes a deployment or rollback stop at a named step, for the tests that kill it there. */
    static final String PAUSE_AT = "LOTABOTS_DEPLOY_PAUSE_AT";
    /** The line printed when a run stops at a step, followed by the step's name. */
    static final String PAUSED = "LOTABOTS_DEPLOY_PAUSED ";

    DirectoryTarget(final DirectorySettings settings, final BotContext context, final HttpChecker.Sleeper sleeper,
            final LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.context = Objects.requireNonNull(context, "context");
        this.nanoTime = nanoTime;
        this.services = new ServiceProcesses(settings, context, sleeper, nanoTime);
        this.stepHook = pauseAt(context.getEnvironment().get(PAUSE_AT), context.getLog());
        Path root = settings.releasesDir().isAbsolute() ? settings.releasesDir()
                : context.getWorkspace().resolve(settings.releasesDir());
        this.environmentDir = root.toAbsolutePath().normalize().resolve(settings.environment());
    }

    /**
     * Returns the hook run at every step of a deployment or rollback: nothing, or, when {@value #PAUSE_AT} names the
     * step, a log line {@value #PAUSED}{@code <step>} and a wait that only ends with the process. The tests kill the
     * run there (SIGKILL, SIGINT) to prove that the next run finds one consistent serving release.
     */
    private static Consumer<String> pauseAt(@CheckForNull final String step, final LogSink log) {
        if (step == null || step.isBlank()) {
            return name -> { };
        }
        return name -> {
            if (!step.equals(name)) {
                return;
            }
            log.info(PAUSED + name);
            try {
                while (true) {
                    Thread.sleep(60_000);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LotaBotsException.of(DirectoryErrorCode.INTERRUPTED, "Interrupted at the step " + name, e);
            }
        };
    }

    /**
     * Returns a target that reads, checks and stops an environment that earlier deployments made, for
     * {@code lotabots deploy status|stop}: it never starts a service (its start command is a placeholder), stops
     * services with the stop command each release was deployed with (then ends their process tree if it still
     * runs), and takes ports and slots from the state file.
     *
     * @param releasesDir the folder that holds one folder per environment; a relative path is taken from the
     *         workspace
     * @param environment the environment
     * @param context the workspace, log and clock to use
     * @return the target
     */
    public static DirectoryTarget existing(final Path releasesDir, final String environment,
            final BotContext context) {
        return new DirectoryTarget(new DirectorySettings(releasesDir, environment, List.of("${START_COMMAND}"),
                List.of(), DirectorySettings.DEFAULT_HEALTH_PATH, DirectorySettings.DEFAULT_BLUE_PORT,
                DirectorySettings.DEFAULT_GREEN_PORT, DirectorySettings.DEFAULT_START_TIMEOUT,
                DirectorySettings.DEFAULT_ROLLBACK_WINDOW), context);
    }

    /**
     * Returns the environments deployed under a releases folder: its sub-folders that hold a {@code state.json}.
     *
     * @param releasesDir the releases folder, absolute
     * @return the environment names, sorted; empty when the folder does not exist
     */
    public static List<String> environmentsUnder(final Path releasesDir) {
        if (!Files.isDirectory(releasesDir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> folders = Files.list(releasesDir)) {
            return folders.filter(folder -> Files.isRegularFile(folder.resolve(STATE_FILE)))
                    .map(folder -> String.valueOf(folder.getFileName()))
                    .filter(name -> DirectorySettings.NAME.matcher(name).matches()).sorted().toList();
        }
        catch (IOException e) {
            throw LotaBotsException.of(DirectoryErrorCode.IO_FAILURE, "Cannot list the environments in '"
                    + releasesDir + "': " + e.getMessage(), e);
        }
    }

    /**
     * Says what the environment runs, read-only: the serving and the previous release from the state file, whether
     * the serving release's process really runs and listens on its port, and a deployment that began and did not
     * finish. Unlike {@link #reconcile()} it takes no lock and repairs nothing.
     *
     * @return the status
     * @throws LotaBotsException with {@link DirectoryErrorCode#STATE_UNREADABLE} when the state file is damaged
     */
    public DirectoryStatus status() {
        ReleaseHistory history = load();
        String interrupted = history.pending().map(p -> "a " + p.operation() + " of " + p.release() + " began at "
                + p.since() + " (process " + p.pid() + ") and stopped at the step " + p.step()
                + (ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive).isPresent()
                        ? "; that process still runs" : "; that process has ended, the next deployment repairs it"))
                .orElse(null);
        return new DirectoryStatus(settings.environment(), environmentDir,
                history.current().map(r -> statusOf(history, r)).orElse(null),
                history.previous().map(r -> statusOf(history, r)).orElse(null),
                history.stoppedAt().orElse(null), interrupted);
    }

    private DirectoryStatus.Release statusOf(final ReleaseHistory history, final Release release) {
        Optional<SlotProcess> process = java.util.Arrays.stream(Slot.values()).map(history::slot)
                .flatMap(Optional::stream).filter(p -> p.release().equals(release.name())).findFirst();
        boolean alive = process.flatMap(services::find).isPresent();
        PortListeners.Answer answer = services.holderOf(release.port(), alive ? process.get() : null);
        boolean listening = alive && (answer.holder() == Holder.EXPECTED || answer.holder() == Holder.UNPROVEN);
        String listener = answer.holder() == Holder.EXPECTED ? "process " + answer.pids().get(0) + " of "
                + release.version() : answer.describe();
        return new DirectoryStatus.Release(release.version(), release.name(), release.slot(), release.port(),
                ServiceProcesses.baseUrl(release.port()), process.map(SlotProcess::pid).orElse(null), alive,
                listening, listener, release.servedAt());
    }

    /**
     * Says who holds a port, when it is neither free nor held by a service of this environment: one its state
     * records as running, or one started from its release folders that a run did not live to record (a deployment
     * stops or keeps these itself). Read-only, for the checks before a run starts.
     *
     * @param port the port
     * @return the holder, e.g. {@code process 4242 (/usr/bin/python3)}, or empty when the port can be used
     */
    public Optional<String> foreignHolder(final int port) {
        ReleaseHistory history = load();
        for (Slot slot : Slot.values()) {
            Optional<SlotProcess> process = history.slot(slot).filter(p -> services.find(p).isPresent());
            if (process.isEmpty()) {
                continue;
            }
            Holder holder = services.holderOf(port, process.get()).holder();
            if (holder == Holder.EXPECTED || holder == Holder.UNPROVEN
                    && history.find(process.get().release()).filter(r -> r.port() == port).isPresent()) {
                return Optional.empty();
            }
        }
        PortListeners.Answer answer = services.holderOf(port, (SlotProcess) null);
        if (answer.holder() == Holder.NOBODY) {
            return Optional.empty();
        }
        // a service of this environment that a run started but did not live to record: its reconciliation stops it
        List<Long> ours = new ArrayList<>();
        for (ProcessHandle process : services.startedFrom(environmentDir.resolve(RELEASES))) {
            ours.add(process.pid());
            process.descendants().forEach(child -> ours.add(child.pid()));
        }
        if (answer.holder() == Holder.OTHER && ours.containsAll(answer.pids())) {
            return Optional.empty();
        }
        return Optional.of(answer.describe());
    }

    /**
     * Stops the services that the directory target started from release folders that no longer exist, for
     * example those of a deleted checkout: every process of this user whose environment carries
     * {@code LOTABOTS_RELEASE_DIR} naming a missing folder under the given one, with its children. Needs
     * {@code /proc}; elsewhere it finds nothing.
     *
     * @param under only release folders under this one count, e.g. {@code /} for all
     * @param context the log to use
     * @return what was stopped, one line per service
     */
    public static List<String> stopOrphans(final Path under, final BotContext context) {
        ServiceProcesses services = new ServiceProcesses(existing(Path.of("orphans"), "orphans", context).settings,
                context, HttpChecker.Sleeper.THREAD, System::nanoTime);
        List<String> stopped = new ArrayList<>();
        for (ServiceProcesses.Orphan orphan : ServiceProcesses.orphans(under)) {
            String command = orphan.handle().info().commandLine().or(() -> orphan.handle().info().command())
                    .map(context.getMasker()::mask).orElse("?");
            services.terminate("process " + orphan.handle().pid(), orphan.handle());
            String line = "Stopped process " + orphan.handle().pid() + " (" + command + "), started from the"
                    + " release folder " + orphan.releaseDir() + ", which no longer exists";
            context.getLog().info(line);
            stopped.add(line);
        }
        return stopped;
    }

    /**
     * Returns the folder of the environment, {@code releasesDir/<environment>}.
     *
     * @return the folder, absolute
     */
    public Path getEnvironmentDir() {
        return environmentDir;
    }

    /**
     * Checks a path about to be written under a releases folder given relative to the workspace: with links
     * followed it must stay in the workspace (see {@link io.lotabots.util.OutputPaths}); a committed link such as
     * {@code .lotabots -> /elsewhere} is refused before anything is written. An absolute releasesDir is a place the
     * user chose, written as given.
     */
    private Path confined(final Path path, final String what) {
        return settings.releasesDir().isAbsolute() ? path : context.getOutputs().resolve(path, what);
    }

    /**
     * Checks a deployment before anything changes: the version can name a folder, the artifact exists inside the
     * workspace, and the releases folder can be written (it is created if missing).
     *
     * @param artifact the artifact, a file (e.g. a jar) or a folder; relative paths are taken from the workspace
     * @param version the version
     * @throws LotaBotsException when any of these does not hold
     */
    public void validate(final Path artifact, final String version) {
        checkVersion(version);
        resolveArtifact(artifact);
        checkCommands();
        prepareEnvironmentDir();
    }

    /**
     * Checks a deployment as {@link #validate(Path, String)} does and also that the port the strategy would use is
     * free or held by this target's own service.
     *
     * @param artifact the artifact
     * @param version the version
     * @param strategy the strategy
     * @throws LotaBotsException when any of these does not hold
     */
    public void validate(final Path artifact, final String version, final DeployStrategy strategy) {
        validate(artifact, version);
        plan(new Run(load()), strategy);
    }

    /**
     * Records what serves now in {@code backups/state-<time>.json}: the serving and the previous release with
     * their slots, ports and processes, and the whole state file.
     *
     * @return the file written, or empty when nothing is deployed
     */
    public Optional<Path> backup() {
        ReleaseHistory history = load();
        Optional<Release> serving = history.current();
        if (serving.isEmpty()) {
            return Optional.empty();
        }
        Instant now = context.getClock().instant();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("environment", settings.environment());
        content.put("taken_at", now.toString());
        content.put("current", describe(history, serving.get()));
        history.previous().ifPresent(previous -> content.put("previous", describe(history, previous)));
        content.put("state", history.snapshot());
        try {
            Path folder = Files.createDirectories(confined(environmentDir.resolve(BACKUPS), "the state backups"));
            String base = "state-" + STAMP.format(now);
            Path file = folder.resolve(base + ".json");
            for (int i = 1; Files.exists(file, LinkOption.NOFOLLOW_LINKS); i++) {
                file = folder.resolve(base + "-" + i + ".json");
            }
            ReleaseHistory.mapper().writeValue(file.toFile(), content);
            context.getLog().info("Recorded the state of " + settings.environment() + " (" + serving.get().version()
                    + " serving) in " + file);
            return Optional.of(file);
        }
        catch (IOException e) {
            throw LotaBotsException.of(DirectoryErrorCode.RELEASES_DIR_UNWRITABLE, "Cannot write the backup of "
                    + settings.environment() + " under '" + environmentDir + "': " + e.getMessage(), e);
        }
    }

    private Map<String, Object> describe(final ReleaseHistory history, final Release release) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("version", release.version());
        values.put("release", release.name());
        values.put("release_dir", releaseDir(release).toString());
        values.put("slot", release.slot());
        values.put("port", release.port());
        values.put("url", ServiceProcesses.baseUrl(release.port()).toString());
        Optional<SlotProcess> process = history.slot(Slot.of(release.slot()))
                .filter(p -> p.release().equals(release.name()));
        values.put("running", process.flatMap(services::find).isPresent());
        process.ifPresent(p -> values.put("pid", p.pid()));
        return values;
    }

    /**
     * Deploys a version.
     *
     * @param artifact the artifact, a file (e.g. a jar) or a folder inside the workspace
     * @param version the version
     * @param strategy how the new release replaces the serving one
     * @param beforeSwitch the checks (smoke tests) run against the new release's base URL once it is healthy;
     *         {@code false} stops the new release and leaves the previous one serving
     * @return what was done; {@link DirectoryDeployment#switched()} is {@code false} when the checks said no
     * @throws LotaBotsException before any change for bad input (see {@link #validate(Path, String, DeployStrategy)}),
     *         and after undoing every change when the service cannot start, exits, is not healthy within the
     *         start timeout or the checks throw; the message then says what was undone and what serves
     */
    public DirectoryDeployment deploy(final Path artifact, final String version, final DeployStrategy strategy,
            final Predicate<URI> beforeSwitch) {
        return deploy(artifact, version, strategy, beforeSwitch, url -> true);
    }

    /**
     * Deploys a version; a {@code canary} is watched with the canary check before the switch.
     *
     * @param artifact the artifact, a file (e.g. a jar) or a folder inside the workspace
     * @param version the version
     * @param strategy how the new release replaces the serving one
     * @param beforeSwitch the checks (smoke tests) run against the new release's base URL once it is healthy;
     *         {@code false} stops the new release and leaves the previous one serving
     * @param canaryCheck for {@link DeployStrategy#CANARY} while a release serves: watches the new release's base
     *         URL for the canary window after the checks passed; {@code false} stops it and leaves the previous one
     *         serving. Not asked for other strategies
     * @return what was done; {@link DirectoryDeployment#switched()} is {@code false} when the checks or the canary
     *         check said no
     * @throws LotaBotsException as {@link #deploy(Path, String, DeployStrategy, Predicate)} does, also when the
     *         canary check throws
     */
    public DirectoryDeployment deploy(final Path artifact, final String version, final DeployStrategy strategy,
            final Predicate<URI> beforeSwitch, final Predicate<URI> canaryCheck) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(beforeSwitch, "beforeSwitch");
        Objects.requireNonNull(canaryCheck, "canaryCheck");
        checkVersion(version);
        Path source = resolveArtifact(artifact);
        checkCommands();
        prepareEnvironmentDir();
        try (EnvironmentLock lock = lock()) {
            return new Deployment(load(), source, version, strategy, beforeSwitch, canaryCheck).run();
        }
    }

    /**
     * Switches {@code current} back to the previous release, starting it first if it does not run, and stops the
     * release rolled back from. A second rollback goes one release further back.
     *
     * @return what was done
     * @throws LotaBotsException with {@link DirectoryErrorCode#NOTHING_TO_ROLL_BACK} when nothing, or only one
     *         release, was deployed; after undoing its changes when the previous release does not become healthy
     */
    public DirectoryRollback rollback() {
        checkCommands();
        prepareEnvironmentDir();
        try (EnvironmentLock lock = lock()) {
            return new Rollback(load()).run();
        }
    }

    /**
     * Brings the state file in line with what really runs, as every deployment and rollback does first, and says
     * what differed and what was repaired.
     *
     * @return the differences found and what was done about them; empty when the state was true
     */
    public List<String> reconcile() {
        if (!Files.isDirectory(environmentDir)) {
            return List.of();
        }
        checkCommands();
        try (EnvironmentLock lock = lock()) {
            Run run = new Run(load());
            run.reconcile();
            return List.copyOf(run.actions);
        }
    }

    /**
     * Returns the release that serves now, as the state file records it.
     *
     * @return the release, or empty when nothing is deployed
     */
    public Optional<DirectoryState> current() {
        return load().current().map(release -> new DirectoryState(release.version(), releaseDir(release),
                release.slot(), release.port(), ServiceProcesses.baseUrl(release.port())));
    }

    /**
     * Stops the service of every slot, for an environment that is taken down, and records the time in the state
     * file: {@link #status()} reports it, and the next deployment does not start the stopped release again. The
     * releases and {@code current} stay; a later rollback or deployment starts services again.
     *
     * @return what was done
     */
    public List<String> stopAll() {
        if (!Files.isDirectory(environmentDir)) {
            return List.of();
        }
        try (EnvironmentLock lock = lock()) {
            Run run = new Run(load());
            for (Slot slot : Slot.values()) {
                Optional<SlotProcess> process = run.history.slot(slot);
                if (process.isPresent()) {
                    run.stopSlot(slot, process.get(), "the environment is stopped");
                }
            }
            if (run.history.current().isPresent()) {
                // status and the next deployment say it was stopped on purpose, and do not start it again
                run.history.setStoppedAt(run.now());
                run.save();
            }
            return List.copyOf(run.actions);
        }
    }

    private ReleaseHistory load() {
        return ReleaseHistory.load(environmentDir.resolve(STATE_FILE), settings.environment());
    }

    private Path releaseDir(final Release release) {
        return environmentDir.resolve(RELEASES).resolve(release.name());
    }

    private static Path logOf(final Path releaseDir) {
        return releaseDir.resolve("logs").resolve("service.log");
    }

    private Map<String, String> variables(final Release release, final int port) {
        Path dir = releaseDir(release);
        return ServiceProcesses.variables(port, dir, dir.resolve(release.artifact()), release.version());
    }

    private Slot targetSlot(final ReleaseHistory history, final DeployStrategy strategy) {
        return history.current().map(r -> besideServing(strategy) ? Slot.of(r.slot()).other()
                : Slot.of(r.slot())).orElse(Slot.BLUE);
    }

    /** Whether the strategy starts the new release in the idle slot while the serving one keeps serving. */
    private static boolean besideServing(final DeployStrategy strategy) {
        return strategy == DeployStrategy.BLUE_GREEN || strategy == DeployStrategy.CANARY;
    }

    private void checkCommands() {
        services.checkProgram("start command", settings.startCommand());
        services.checkProgram("stop command", settings.stopCommand());
    }

    private static void checkVersion(final String version) {
        if (version == null || !DirectorySettings.NAME.matcher(version).matches()) {
            throw LotaBotsException.of(DirectoryErrorCode.INVALID_VERSION, "The version '" + version
                    + "' cannot be part of a release folder name: use letters, digits, '.', '_', '+' or '-',"
                    + " starting with a letter or digit, at most 128 characters (e.g. 1.4.2 or 1.4.2-rc.1)");
        }
    }

    private Path resolveArtifact(final Path artifact) {
        Objects.requireNonNull(artifact, "artifact");
        Path workspace = context.getWorkspace();
        Path path = (artifact.isAbsolute() ? artifact : workspace.resolve(artifact)).normalize();
        if (!Files.exists(path)) {
            throw LotaBotsException.of(DirectoryErrorCode.ARTIFACT_MISSING, "The artifact '" + artifact
                    + "' does not exist in the workspace '" + workspace + "'; build it first (e.g. mvn package) or"
                    + " correct its path.");
        }
        try {
            WorkspaceConfinement.Location location = WorkspaceConfinement.locate(workspace, path);
            Path real = location.real();
            if (!location.isReallyInside()) {
                throw LotaBotsException.of(DirectoryErrorCode.ARTIFACT_OUTSIDE_WORKSPACE, "The artifact '" + artifact
                        + "' lies outside the workspace '" + workspace + "'" + (real.equals(path) ? ""
                        : " (it resolves to '" + real + "')") + "; only artifacts built in the workspace are deployed.");
            }
            if (!Files.isRegularFile(real) && !Files.isDirectory(real)) {
                throw LotaBotsException.of(DirectoryErrorCode.ARTIFACT_MISSING, "The artifact '" + artifact
                        + "' is neither a file nor a folder; give a jar, an archive or a folder.");
            }
            return real;
        }
        catch (IOException e) {
            throw LotaBotsException.of(DirectoryErrorCode.ARTIFACT_MISSING,
                    "Cannot read the artifact '" + artifact + "': " + e.getMessage(), e);
        }
    }

    private void prepareEnvironmentDir() {
        confined(environmentDir.resolve(STATE_FILE), "the deployment state (releasesDir)");
        try {
            Files.createDirectories(confined(environmentDir.resolve(RELEASES), "the release folders (releasesDir)"));
            Path probe = Files.createTempFile(environmentDir, ".write-check", ".tmp");
            Files.delete(probe);
        }
        catch (IOException | SecurityException e) {
            throw LotaBotsException.of(DirectoryErrorCode.RELEASES_DIR_UNWRITABLE, "Cannot write the releases"
                    + " folder '" + environmentDir + "' (" + e + "); give a releasesDir that the user running"
                    + " LotaBots can write, or fix its permissions. Nothing was changed.", e);
        }
        Path current = environmentDir.resolve(CURRENT);
        if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(current)) {
            throw LotaBotsException.of(DirectoryErrorCode.RELEASES_DIR_UNWRITABLE, "'" + current + "' is not a"
                    + " link but a file or folder; this target manages it as a link to the serving release. Move it"
                    + " away. Nothing was changed.");
        }
    }

    private EnvironmentLock lock() {
        Path file = environmentDir.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw LotaBotsException.of(DirectoryErrorCode.DEPLOY_IN_PROGRESS, "Another deployment or rollback"
                        + " of " + settings.environment() + " is running (it holds '" + file + "'); wait for it to"
                        + " end and try again.");
            }
            return new EnvironmentLock(channel, lock);
        }
        catch (IOException e) {
            closeQuietly(channel);
            throw LotaBotsException.of(DirectoryErrorCode.RELEASES_DIR_UNWRITABLE,
                    "Cannot lock '" + file + "': " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(@CheckForNull final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** Holds the environment's lock file while a deployment or rollback runs. */
    private static final class EnvironmentLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        EnvironmentLock(final FileChannel channel, final FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
            }
            catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
        }
    }

    /**
     * The steps shared by deployments and rollbacks, each recorded as an action and saved to the state file.
     */
    private class Run {
        final ReleaseHistory history;
        final List<String> actions = new ArrayList<>();
        /** The releases whose missing commands were warned about in this run, as {@code start|stop <name>}. */
        private final Set<String> warned = new HashSet<>();

        Run(final ReleaseHistory history) {
            this.history = history;
        }

        void action(final String text) {
            String masked = context.getMasker().mask(text);
            actions.add(masked);
            context.getLog().info(masked);
        }

        void problem(final String text) {
            String masked = context.getMasker().mask(text);
            actions.add(masked);
            context.getLog().error(masked);
        }

        /** Records something the run goes on without, as an action starting with {@code Warning: }. */
        void warning(final String text) {
            String masked = context.getMasker().mask(text);
            actions.add("Warning: " + masked);
            context.getLog().warning(masked);
        }

        /**
         * Returns the command that starts or stops a release: the one it was deployed with, as the state file
         * records it. This run's command is used instead, with a warning that names the release and the command,
         * when the state file records none (it was written by an earlier LotaBots), or when the recorded one held a
         * secret (kept masked) and this run's command does not mask to the same words; when it does, it is the
         * same command and this run supplies the secret.
         *
         * @param release the release
         * @param start {@code true} for the start command, {@code false} for the stop command
         * @return the command, placeholders not expanded; an empty stop command ends the process tree
         */
        List<String> commandOf(final Release release, final boolean start) {
            List<String> current = start ? settings.startCommand() : settings.stopCommand();
            Commands recorded = release.commands();
            if (recorded != null && !recorded.masked()) {
                return start ? recorded.start() : recorded.stop();
            }
            String which = start ? "start" : "stop";
            String reason;
            if (recorded == null) {
                reason = STATE_FILE + " records no " + which + " command for the release " + release.name()
                        + " (it was deployed by an earlier LotaBots that did not record its commands)";
            }
            else {
                List<String> own = start ? recorded.start() : recorded.stop();
                if (current.stream().map(context.getMasker()::mask).toList().equals(own)) {
                    return current;
                }
                reason = "the " + which + " command the release " + release.name() + " was deployed with held a"
                        + " secret, which " + STATE_FILE + " does not keep ('" + String.join(" ", own) + "'), and"
                        + " this run's differs from it";
            }
            if (warned.add(which + " " + release.name())) {
                String used = start ? "started it with this run's start command '" + String.join(" ", current) + "'"
                        : current.isEmpty() ? "ended its process tree, as this run has no stop command"
                        : "stopped it with this run's stop command '" + String.join(" ", current) + "'";
                warning(reason + "; " + used + " instead");
            }
            return current;
        }

        void save() {
            history.save(confined(environmentDir.resolve(STATE_FILE), "the deployment state (releasesDir)"));
        }

        Instant now() {
            return context.getClock().instant();
        }

        /** Writes the intent of an operation before its first change. */
        void begin(final String operation, final Release release, final String step) {
            history.setStoppedAt(null);
            history.setPending(new Pending(operation, release.name(), step, ProcessHandle.current().pid(), now()));
            save();
        }

        /** Records the step an operation reached, then lets the step hook see it. */
        void step(final String name) {
            Optional<Pending> pending = history.pending();
            if (pending.isPresent()) {
                history.setPending(pending.get().at(name));
                save();
            }
            stepHook.accept(name);
        }

        /** Whether the recorded service of a slot runs. */
        Optional<SlotProcess> live(final Slot slot) {
            return history.slot(slot).filter(p -> services.find(p).isPresent());
        }

        /** The slot whose running service is the given release. */
        Optional<Slot> slotRunning(final String release) {
            for (Slot slot : Slot.values()) {
                if (live(slot).filter(p -> p.release().equals(release)).isPresent()) {
                    return Optional.of(slot);
                }
            }
            return Optional.empty();
        }

        /** The slot whose running service's release is recorded on a port. */
        Optional<Slot> slotOnPort(final int port) {
            for (Slot slot : Slot.values()) {
                Optional<SlotProcess> process = live(slot);
                if (process.isPresent() && history.find(process.get().release()).filter(r -> r.port() == port)
                        .isPresent()) {
                    return Optional.of(slot);
                }
            }
            return Optional.empty();
        }

        /**
         * Whether a release serves: the process this target started for it runs (same process id and start time)
         * and is the one listening on its recorded port.
         */
        boolean serves(final Release release) {
            Optional<SlotProcess> process = slotRunning(release.name()).flatMap(history::slot);
            if (process.isEmpty()) {
                return false;
            }
            Holder holder = services.holderOf(release.port(), process.get()).holder();
            return holder == Holder.EXPECTED || holder == Holder.UNPROVEN;
        }

        /**
         * Refuses a port held by anything but the given service of this target, before anything changes.
         *
         * @param port the port
         * @param mayHold the service that may hold it (it is stopped next), or empty
         * @param role what the port is for, for the message
         */
        void requirePortUsable(final int port, final Optional<SlotProcess> mayHold, final String role) {
            PortListeners.Answer answer = services.holderOf(port, mayHold.orElse(null));
            switch (answer.holder()) {
                case NOBODY, EXPECTED -> {
                    // free, or held by the service that is stopped next
                }
                case UNPROVEN -> {
                    if (mayHold.isEmpty()) {
                        throw portInUse(port, role, answer);
                    }
                    context.getLog().info("Port " + port + " is in use; this system cannot prove that process "
                            + mayHold.get().pid() + " of " + mayHold.get().release() + " holds it (no /proc), so"
                            + " it is taken to be that service");
                }
                case OTHER -> throw portInUse(port, role, answer);
            }
        }

        private LotaBotsException portInUse(final int port, final String role, final PortListeners.Answer answer) {
            return LotaBotsException.of(DirectoryErrorCode.PORT_IN_USE, "Port " + port + " (" + role + ") of "
                    + settings.environment() + " is in use by a program this target did not start ("
                    + answer.describe() + "); stop that program or choose another port. Nothing was changed.");
        }

        void stopSlot(final Slot slot, final SlotProcess process, final String why) {
            Optional<Release> release = history.find(process.release());
            int port = release.map(Release::port).orElse(settings.port(slot.id()));
            String version = release.map(Release::version).orElse(process.release());
            Map<String, String> variables = release.map(r -> variables(r, port)).orElseGet(() -> {
                Path dir = environmentDir.resolve(RELEASES).resolve(process.release());
                return ServiceProcesses.variables(port, dir, dir, version);
            });
            boolean wasRunning = services.find(process).isPresent();
            List<String> stopCommand = !wasRunning ? List.of()
                    : release.map(r -> commandOf(r, false)).orElseGet(settings::stopCommand);
            services.stop(version, stopCommand, process, Path.of(variables.get("RELEASE_DIR")), variables);
            history.clearSlot(slot);
            save();
            if (wasRunning) {
                action("Stopped " + version + " in the " + slot.id() + " slot (port " + port + ", process "
                        + process.pid() + "): " + why);
            }
        }

        /**
         * Starts a release in a slot on a port, records its process at once and waits until it is healthy and is
         * the process listening on the port.
         */
        void startIn(final Release release, final Slot slot, final int port, final String verb) {
            Path dir = releaseDir(release);
            Release placed = release.inSlot(slot.id(), port);
            history.update(placed);
            save();
            Running running = services.start(release.version(), commandOf(release, true), dir,
                    variables(placed, port), logOf(dir));
            history.setSlot(slot, running.record(release.name()));
            save();
            action(verb + " " + release.version() + " in the " + slot.id() + " slot on port " + port + " (process "
                    + running.handle().pid() + ", log " + logOf(dir) + ")");
            step("new-started");
            services.awaitServing(release.version(), running, port, logOf(dir));
            action(release.version() + " is healthy at " + services.healthUrl(port) + ", answered by process "
                    + running.handle().pid());
        }

        void switchTo(final Release release) {
            Path link = environmentDir.resolve(CURRENT);
            Path temp = environmentDir.resolve(".current-" + Long.toHexString(nanoTime.getAsLong()));
            try {
                Files.deleteIfExists(temp);
                Files.createSymbolicLink(temp, Path.of(RELEASES, release.name()));
                Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (IOException | UnsupportedOperationException e) {
                try {
                    Files.deleteIfExists(temp);
                }
                catch (IOException ignored) {
                    // the temporary link is harmless
                }
                throw LotaBotsException.of(DirectoryErrorCode.IO_FAILURE, "Cannot point '" + link + "' at "
                        + release.name() + ": " + e.getMessage(), e);
            }
        }

        /**
         * Brings the state file in line with what really runs, before anything else: forgets processes that are
         * gone, stops services of this target that nothing records (a run died before recording them) and those of
         * interrupted deployments, marks those releases failed, starts the serving release again when it does not
         * run, and points {@code current} at it. Every difference is logged and returned as an action; a difference
         * it cannot repair (the serving port held by another program) is reported as a problem.
         */
        void reconcile() {
            boolean changed = false;
            Optional<Pending> pending = history.pending();
            if (pending.isPresent()) {
                Pending p = pending.get();
                changed = true;
                action("Reconciled: a " + p.operation() + " of " + p.release() + " begun at " + p.since()
                        + " by process " + p.pid() + " ended at the step " + p.step() + " without finishing");
            }
            for (Slot slot : Slot.values()) {
                Optional<SlotProcess> recorded = history.slot(slot);
                if (recorded.isPresent() && services.find(recorded.get()).isEmpty()) {
                    history.clearSlot(slot);
                    changed = true;
                    action("Reconciled: process " + recorded.get().pid() + " of " + recorded.get().release()
                            + " recorded in the " + slot.id() + " slot no longer runs");
                }
            }
            changed |= stopUnrecorded();
            for (Release release : history.releases()) {
                if (release.status() != Status.STARTING) {
                    continue;
                }
                Optional<Slot> running = slotRunning(release.name());
                if (running.isPresent()) {
                    stopSlot(running.get(), history.slot(running.get()).orElseThrow(),
                            "its deployment was interrupted before the switch");
                }
                history.update(release.withStatus(Status.FAILED, now()));
                changed = true;
                action("Reconciled: marked the release " + release.name() + " failed; its deployment was interrupted"
                        + " before the switch");
            }
            history.setPending(null);
            if (changed) {
                save();
            }
            Optional<Release> serving = history.current();
            Optional<Instant> stopped = history.stoppedAt();
            if (serving.isPresent() && stopped.isPresent() && !serves(serving.get())) {
                action("Reconciled: " + serving.get().version() + " is recorded as serving but was stopped by"
                        + " lotabots deploy stop at " + stopped.get() + "; it is not started again");
            }
            else if (serving.isPresent() && !serves(serving.get())) {
                restoreServing(serving.get());
            }
            reconcileLink(serving);
        }

        /** Stops the services this target started that no slot records: a run died between start and record. */
        private boolean stopUnrecorded() {
            List<Long> recorded = new ArrayList<>();
            for (Slot slot : Slot.values()) {
                live(slot).flatMap(services::find).ifPresent(running -> {
                    recorded.add(running.handle().pid());
                    running.handle().descendants().forEach(d -> recorded.add(d.pid()));
                });
            }
            boolean changed = false;
            for (ProcessHandle orphan : services.startedFrom(environmentDir.resolve(RELEASES))) {
                if (recorded.contains(orphan.pid())) {
                    continue;
                }
                services.terminate("process " + orphan.pid(), orphan);
                changed = true;
                action("Reconciled: stopped process " + orphan.pid() + ", started from a release of "
                        + settings.environment() + " by a run that ended before recording it");
            }
            return changed;
        }

        /** Starts the serving release again where it is recorded, when it does not serve. */
        private void restoreServing(final Release serving) {
            try {
                Optional<Slot> runningSlot = slotRunning(serving.name());
                if (runningSlot.isPresent()) {
                    SlotProcess process = history.slot(runningSlot.get()).orElseThrow();
                    problem("Reconciled: " + serving.version() + " is recorded as serving and its process "
                            + process.pid() + " runs, but it does not listen on port " + serving.port()
                            + "; stopping it to start it again");
                    stopSlot(runningSlot.get(), process, "it did not listen on its port");
                }
                Optional<Slot> onPort = slotOnPort(serving.port());
                if (onPort.isPresent()) {
                    stopSlot(onPort.get(), history.slot(onPort.get()).orElseThrow(), "it holds port "
                            + serving.port() + " of the serving release " + serving.version());
                    services.awaitPortFree(serving.port());
                }
                Slot slot = Slot.of(serving.slot());
                Optional<SlotProcess> occupant = live(slot);
                if (occupant.isPresent()) {
                    stopSlot(slot, occupant.get(), "the slot is needed to start the serving release "
                            + serving.version() + " again");
                }
                requirePortUsable(serving.port(), Optional.empty(), "the serving release " + serving.version());
                startIn(serving, slot, serving.port(), "Reconciled: " + serving.version()
                        + " is recorded as serving but did not run; restarted");
            }
            catch (LotaBotsException e) {
                problem("Reconciled: " + serving.version() + " is recorded as serving on port " + serving.port()
                        + " but does not serve, and it cannot be started again: " + e.getMessage());
            }
        }

        private void reconcileLink(final Optional<Release> serving) {
            Path link = environmentDir.resolve(CURRENT);
            Optional<Path> target;
            try {
                target = Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link)) : Optional.empty();
            }
            catch (IOException e) {
                target = Optional.empty();
            }
            Optional<Path> wanted = serving.map(r -> Path.of(RELEASES, r.name()));
            if (target.equals(wanted)) {
                return;
            }
            if (serving.isPresent()) {
                switchTo(serving.get());
                action("Reconciled: pointed current at " + serving.get().name() + ", the release the state records"
                        + " as serving" + target.map(t -> " (it pointed at " + t + ")").orElse(""));
                return;
            }
            try {
                Files.deleteIfExists(link);
                action("Reconciled: removed current (it pointed at " + target.map(Path::toString).orElse("?")
                        + "); the state records no serving release");
            }
            catch (IOException e) {
                problem("Reconciled: cannot remove '" + link + "': " + e.getMessage());
            }
        }

        /** Removes releases that ended before the rollback window; stops the previous one after its window. */
        void cleanUp() {
            Instant cutoff = now().minus(settings.rollbackWindow());
            Optional<String> current = history.current().map(Release::name);
            Optional<String> previous = history.previous().map(Release::name);
            String window = Durations.format(settings.rollbackWindow());
            for (Release release : history.releases()) {
                boolean kept = current.filter(release.name()::equals).isPresent()
                        || previous.filter(release.name()::equals).isPresent();
                if (!release.endedAt().isBefore(cutoff) || current.filter(release.name()::equals).isPresent()) {
                    continue;
                }
                try {
                    for (Slot slot : Slot.values()) {
                        Optional<SlotProcess> process = live(slot).filter(p -> p.release().equals(release.name()));
                        if (process.isPresent()) {
                            stopSlot(slot, process.get(), "its rollback window of " + window + " has passed"
                                    + (kept ? "; a rollback starts it again" : ""));
                        }
                    }
                    if (!kept) {
                        deleteTree(releaseDir(release));
                        history.remove(release.name());
                        save();
                        action("Removed the release " + release.name() + ": it ended at " + release.endedAt()
                                + ", longer than the rollback window of " + window + " ago");
                    }
                }
                catch (LotaBotsException | IOException e) {
                    problem("Could not clean up the release " + release.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /** What a deployment replaces, found before anything changes. */
    private record Plan(Slot slot, int port, List<Slot> toStop) {
    }

    /**
     * Decides the slot and port of a new release and which services make room for it, and refuses, before
     * anything changes, a port held by a program this target did not start or by the serving release of a
     * blue-green deployment.
     */
    private Plan plan(final Run run, final DeployStrategy strategy) {
        ReleaseHistory history = run.history;
        Optional<Release> serving = history.current();
        Slot slot = targetSlot(history, strategy);
        int port = settings.port(slot.id());
        Optional<Slot> holder = run.slotOnPort(port);
        List<Slot> toStop = new ArrayList<>();
        if (holder.isPresent()) {
            SlotProcess process = history.slot(holder.get()).orElseThrow();
            boolean isServing = serving.filter(r -> r.name().equals(process.release())).isPresent();
            if (isServing && besideServing(strategy)) {
                throw LotaBotsException.of(DirectoryErrorCode.PORT_IN_USE, "Port " + port + " of the " + slot.id()
                        + " slot of " + settings.environment() + " is where the serving release "
                        + serving.get().version() + " runs; " + strategy.getId() + " starts the new release beside it,"
                        + " so give the "
                        + slot.id() + "Port another port. Nothing was changed.");
            }
            run.requirePortUsable(port, Optional.of(process), "the " + slot.id() + " slot");
            toStop.add(holder.get());
        }
        else {
            run.requirePortUsable(port, Optional.empty(), "the " + slot.id() + " slot");
        }
        if (!toStop.contains(slot) && run.live(slot).isPresent()) {
            toStop.add(slot);
        }
        return new Plan(slot, port, toStop);
    }

    /** One deployment. */
    private final class Deployment extends Run {
        private final Path source;
        private final String version;
        private final DeployStrategy strategy;
        private final Predicate<URI> beforeSwitch;
        private final Predicate<URI> canaryCheck;
        @CheckForNull
        private Release release;
        private Optional<Release> serving = Optional.empty();
        private Slot slot = Slot.BLUE;
        private int port;
        private boolean stoppedServing;
        private boolean switched;

        Deployment(final ReleaseHistory history, final Path source, final String version,
                final DeployStrategy strategy, final Predicate<URI> beforeSwitch, final Predicate<URI> canaryCheck) {
            super(history);
            this.source = source;
            this.version = version;
            this.strategy = strategy;
            this.beforeSwitch = beforeSwitch;
            this.canaryCheck = canaryCheck;
        }

        DirectoryDeployment run() {
            reconcile();
            serving = history.current();
            boolean canary = strategy == DeployStrategy.CANARY && serving.isPresent();
            if (strategy == DeployStrategy.CANARY && serving.isEmpty()) {
                context.getLog().info("Canary: nothing serves " + settings.environment() + " yet, so there is nothing"
                        + " to compare with; deploying " + version + " directly");
            }
            Plan plan = plan(this, strategy);
            slot = plan.slot();
            port = plan.port();
            URI url = ServiceProcesses.baseUrl(port);
            try {
                Release created = createRelease();
                step("release-created");
                for (Slot occupied : plan.toStop()) {
                    SlotProcess occupant = history.slot(occupied).orElseThrow();
                    boolean isServing = serving.filter(s -> s.name().equals(occupant.release())).isPresent();
                    stoppedServing |= isServing;
                    stopSlot(occupied, occupant, isServing ? "replaced in place (" + strategy.getId() + ")"
                            : "the slot is needed for " + version);
                }
                if (!plan.toStop().isEmpty() && !services.awaitPortFree(port)) {
                    throw LotaBotsException.of(DirectoryErrorCode.PORT_IN_USE, "Port " + port + " is still in use"
                            + " after its service was stopped; stop the program that holds it.");
                }
                step("old-stopped");
                startIn(created, slot, port, "Started");
                step("new-healthy");
                if (!check(beforeSwitch, url, "The checks before the switch to ")) {
                    problem("The checks before the switch failed against " + url + "; not switching to " + version);
                    String outcome = undo();
                    context.getLog().error(outcome);
                    return result(false, url);
                }
                if (canary) {
                    Release old = serving.orElseThrow();
                    step("canary-watching");
                    action("Watching the canary " + version + " in the " + slot.id() + " slot on port " + port
                            + " while " + old.version() + " keeps serving on port " + old.port());
                    if (!check(canaryCheck, url, "The canary check of ")) {
                        problem("The canary " + version + " failed its watch at " + url + "; not switching to it");
                        String outcome = undo();
                        context.getLog().error(outcome);
                        return result(false, url);
                    }
                    action("The canary " + version + " passed its watch; switching to it");
                }
                Instant now = now();
                serving.ifPresent(s -> history.update(history.find(s.name()).orElse(s).withStatus(Status.RETIRED, now)));
                history.update(history.find(created.name()).orElse(created).withStatus(Status.SERVING, now));
                history.setPending(null);
                // the state file is the commit point: from here the new release serves, even if this process dies
                save();
                switched = true;
                step("state-switched");
                switchTo(created);
                action("Switched current to " + version + " (" + slot.id() + ", " + url + ")"
                        + serving.map(s -> " from " + s.version() + " (" + s.slot() + ", port " + s.port() + ")")
                                .orElse(""));
                step("link-switched");
                if (serving.isPresent() && !stoppedServing && slotRunning(serving.get().name()).isPresent()) {
                    action("Kept " + serving.get().version() + " running in the " + serving.get().slot()
                            + " slot on port " + serving.get().port() + " for the rollback window of "
                            + Durations.format(settings.rollbackWindow()));
                }
                cleanUp();
                return result(true, url);
            }
            catch (LotaBotsException e) {
                if (switched) {
                    throw afterSwitch(e);
                }
                String outcome = undo();
                throw LotaBotsException.of(e.getCode(), e.getMessage() + "\n" + outcome, e);
            }
            catch (RuntimeException e) {
                if (switched) {
                    throw afterSwitch(e);
                }
                String outcome = undo();
                throw LotaBotsException.of(DirectoryErrorCode.IO_FAILURE, "Deploying " + version + " failed: "
                        + context.getMasker().mask(String.valueOf(e.getMessage())) + "\n" + outcome, e);
            }
        }

        /** A failure after the state file recorded the switch: the new release serves, so nothing is undone. */
        private LotaBotsException afterSwitch(final RuntimeException e) {
            String message = version + " serves (the state records it), but pointing current at it or cleaning up"
                    + " failed: " + context.getMasker().mask(String.valueOf(e.getMessage()))
                    + ". The next deployment or rollback points current at it again.";
            return LotaBotsException.of(DirectoryErrorCode.IO_FAILURE, message, e);
        }

        private boolean check(final Predicate<URI> checks, final URI url, final String what) {
            try {
                return checks.test(url);
            }
            catch (LotaBotsException e) {
                throw e;
            }
            catch (RuntimeException e) {
                throw LotaBotsException.of(DirectoryErrorCode.CHECK_FAILED, what + version + " failed: "
                        + context.getMasker().mask(String.valueOf(e.getMessage())), e);
            }
        }

        private DirectoryDeployment result(final boolean moved, final URI url) {
            Path dir = release == null ? environmentDir.resolve(RELEASES) : releaseDir(release);
            return new DirectoryDeployment(moved, version, dir, slot.id(), url, serving.map(Release::version),
                    actions);
        }

        private Release createRelease() {
            Instant now = now();
            String base = version + "-" + STAMP.format(now);
            Path releases = environmentDir.resolve(RELEASES);
            String name = base;
            Path dir = releases.resolve(name);
            for (int i = 1; ; i++) {
                try {
                    Files.createDirectory(dir);
                    break;
                }
                catch (FileAlreadyExistsException e) {
                    name = base + "-" + i;
                    dir = releases.resolve(name);
                }
                catch (IOException e) {
                    throw LotaBotsException.of(DirectoryErrorCode.RELEASES_DIR_UNWRITABLE,
                            "Cannot create the release folder '" + dir + "': " + e.getMessage(), e);
                }
            }
            Path fileName = source.getFileName();
            String artifactName = fileName == null ? "artifact" : fileName.toString();
            Release created = new Release(name, version, artifactName, slot.id(), port, Status.STARTING, now, null,
                    null, Commands.recorded(settings.startCommand(), settings.stopCommand(), context.getMasker()));
            history.add(created);
            release = created;
            begin("deploy", created, "release-created");
            try {
                copy(source, dir.resolve(artifactName));
            }
            catch (IOException e) {
                throw LotaBotsException.of(DirectoryErrorCode.RELEASES_DIR_UNWRITABLE, "Cannot copy the artifact '"
                        + source + "' into '" + dir + "': " + e.getMessage(), e);
            }
            action("Created the release " + RELEASES + "/" + name + " with " + artifactName);
            return created;
        }

        /** Undoes what this deployment did and says what serves now. */
        private String undo() {
            List<String> undone = new ArrayList<>();
            Release created = release;
            if (created != null) {
                Optional<SlotProcess> mine = history.slot(slot).filter(p -> p.release().equals(created.name()));
                try {
                    if (mine.isPresent()) {
                        stopSlot(slot, mine.get(), "undoing the deployment");
                        undone.add("stopped " + version);
                    }
                }
                catch (LotaBotsException e) {
                    problem("Could not stop " + version + ": " + e.getMessage());
                }
                history.update(history.find(created.name()).orElse(created).withStatus(Status.FAILED, now()));
                history.setPending(null);
                trySave();
                action("Marked the release " + created.name() + " failed; its log stays in "
                        + logOf(releaseDir(created)));
                undone.add("marked its release failed");
            }
            else {
                history.setPending(null);
                trySave();
            }
            if (serving.isEmpty()) {
                return "Undone: " + String.join(", ", undone) + "; nothing was serving before.";
            }
            Release previous = history.find(serving.get().name()).orElse(serving.get());
            URI previousUrl = ServiceProcesses.baseUrl(previous.port());
            if (serves(previous)) {
                return "Undone: " + String.join(", ", undone) + "; " + previous.version() + " keeps serving at "
                        + previousUrl + ".";
            }
            try {
                if (!ServiceProcesses.isPortFree(previous.port())) {
                    services.awaitPortFree(previous.port());
                }
                requirePortUsable(previous.port(), Optional.empty(), "the port " + previous.version() + " served on");
                startIn(previous, Slot.of(previous.slot()), previous.port(), "Restarted");
                undone.add("restarted " + previous.version());
                return "Undone: " + String.join(", ", undone) + "; " + previous.version() + " serves again at "
                        + previousUrl + ".";
            }
            catch (LotaBotsException e) {
                problem("Could not restart " + previous.version() + ": " + e.getMessage());
                return "Undone: " + String.join(", ", undone) + "; but " + previous.version()
                        + " could not be restarted on port " + previous.port() + ", so nothing serves now: "
                        + e.getMessage();
            }
        }

        private void trySave() {
            try {
                save();
            }
            catch (LotaBotsException e) {
                problem(e.getMessage());
            }
        }
    }

    /** One rollback. */
    private final class Rollback extends Run {
        Rollback(final ReleaseHistory history) {
            super(history);
        }

        DirectoryRollback run() {
            reconcile();
            Release from = history.current().orElseThrow(() -> LotaBotsException.of(
                    DirectoryErrorCode.NOTHING_TO_ROLL_BACK, "Nothing is deployed to " + settings.environment()
                            + " in '" + environmentDir + "'; there is nothing to roll back."));
            Release to = history.previous().orElseThrow(() -> LotaBotsException.of(
                    DirectoryErrorCode.NOTHING_TO_ROLL_BACK, "Only " + from.version() + " has served "
                            + settings.environment() + " (or every earlier release was rolled back or removed);"
                            + " there is no earlier release to roll back to."));
            if (!Files.isDirectory(releaseDir(to))) {
                throw LotaBotsException.of(DirectoryErrorCode.NOTHING_TO_ROLL_BACK, "The folder of the previous"
                        + " release " + to.name() + " is gone ('" + releaseDir(to) + "'); deploy that version again"
                        + " instead. Nothing was changed.");
            }
            Slot slot = Slot.of(to.slot());
            int port = to.port();
            URI url = ServiceProcesses.baseUrl(port);
            boolean stoppedFrom = false;
            boolean switched = false;
            boolean started = false;
            try {
                if (serves(to)) {
                    Slot running = slotRunning(to.name()).orElseThrow();
                    slot = running;
                    Running process = services.find(history.slot(running).orElseThrow()).orElseThrow();
                    services.awaitServing(to.version(), process, port, logOf(releaseDir(to)));
                    action(to.version() + " still runs in the " + running.id() + " slot and is healthy at "
                            + services.healthUrl(port));
                    begin("rollback", to, "old-stopped");
                }
                else {
                    List<Slot> toStop = new ArrayList<>();
                    Optional<Slot> holder = slotOnPort(port);
                    holder.ifPresent(toStop::add);
                    requirePortUsable(port, holder.flatMap(history::slot), "the port " + to.version()
                            + " served on");
                    if (!toStop.contains(slot) && live(slot).isPresent()) {
                        toStop.add(slot);
                    }
                    begin("rollback", to, "rollback-begun");
                    for (Slot occupied : toStop) {
                        SlotProcess occupant = history.slot(occupied).orElseThrow();
                        stoppedFrom |= occupant.release().equals(from.name());
                        stopSlot(occupied, occupant, "its port or slot is needed to roll back to " + to.version());
                    }
                    if (!toStop.isEmpty() && !services.awaitPortFree(port)) {
                        throw LotaBotsException.of(DirectoryErrorCode.PORT_IN_USE, "Port " + port + " is still in"
                                + " use after its service was stopped; stop the program that holds it.");
                    }
                    step("old-stopped");
                    started = true;
                    startIn(to, slot, port, "Started");
                }
                step("new-healthy");
                Instant now = now();
                history.update(history.find(from.name()).orElse(from).withStatus(Status.ROLLED_BACK, now));
                history.update(history.find(to.name()).orElse(to).withStatus(Status.SERVING, now));
                history.setPending(null);
                save();
                switched = true;
                step("state-switched");
                switchTo(to);
                action("Switched current back from " + from.version() + " to " + to.version() + " (" + slot.id()
                        + ", " + url + ")");
                step("link-switched");
            }
            catch (LotaBotsException e) {
                if (switched) {
                    throw LotaBotsException.of(DirectoryErrorCode.IO_FAILURE, to.version() + " serves again (the"
                            + " state records it), but pointing current at it failed: " + e.getMessage() + ". The"
                            + " next deployment or rollback points current at it again.", e);
                }
                throw LotaBotsException.of(e.getCode(), "Rolling back from " + from.version() + " to " + to.version()
                        + " failed: " + e.getMessage() + "\n" + undo(from, to, slot, started, stoppedFrom), e);
            }
            Optional<Slot> fromSlot = slotRunning(from.name());
            if (fromSlot.isPresent()) {
                try {
                    stopSlot(fromSlot.get(), history.slot(fromSlot.get()).orElseThrow(), "rolled back");
                }
                catch (LotaBotsException e) {
                    problem("Could not stop " + from.version() + " after the rollback: " + e.getMessage());
                }
            }
            return new DirectoryRollback(true, Optional.of(from.version()), Optional.of(to.version()), url, actions);
        }

        private String undo(final Release from, final Release to, final Slot slot, final boolean started,
                final boolean stoppedFrom) {
            if (started) {
                history.slot(slot).filter(p -> p.release().equals(to.name())).ifPresent(p -> {
                    try {
                        stopSlot(slot, p, "undoing the rollback");
                    }
                    catch (LotaBotsException e) {
                        problem("Could not stop " + to.version() + ": " + e.getMessage());
                    }
                });
            }
            history.setPending(null);
            try {
                save();
            }
            catch (LotaBotsException e) {
                problem(e.getMessage());
            }
            if (!stoppedFrom) {
                return "Undone; " + from.version() + " keeps serving at " + ServiceProcesses.baseUrl(from.port()) + ".";
            }
            try {
                services.awaitPortFree(from.port());
                requirePortUsable(from.port(), Optional.empty(), "the port " + from.version() + " served on");
                startIn(from, Slot.of(from.slot()), from.port(), "Restarted");
                return "Undone; " + from.version() + " serves again at " + ServiceProcesses.baseUrl(from.port()) + ".";
            }
            catch (LotaBotsException e) {
                problem("Could not restart " + from.version() + ": " + e.getMessage());
                return "Undone, but " + from.version() + " could not be restarted on port " + from.port()
                        + ", so nothing serves now.";
            }
        }
    }

    private static void copy(final Path source, final Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
                    throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path dir, @CheckForNull final IOException e)
                    throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
