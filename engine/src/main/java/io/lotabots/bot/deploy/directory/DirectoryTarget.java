package io.lotabots.bot.deploy.directory;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.DeployStrategy;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Release;
import io.lotabots.bot.deploy.directory.ReleaseHistory.SlotProcess;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Status;
import io.lotabots.bot.deploy.directory.ServiceProcesses.Running;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpChecker;
import io.lotabots.util.Durations;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * it does not become healthy or the checks say no, starts the old one again. {@code canary} behaves as
 * {@code rolling}: one directory host runs one instance per slot, so the canary is the new release checked before
 * the switch. A deployment that fails half-way always ends with the previous release serving; every step done and
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

    /**
     * Creates a target.
     *
     * @param settings where and how to deploy
     * @param context the workspace, log, clock, HTTP client, process runner and masker to use
     */
    public DirectoryTarget(final DirectorySettings settings, final BotContext context) {
        this(settings, context, HttpChecker.Sleeper.THREAD, System::nanoTime);
    }

    DirectoryTarget(final DirectorySettings settings, final BotContext context, final HttpChecker.Sleeper sleeper,
            final LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.context = Objects.requireNonNull(context, "context");
        this.nanoTime = nanoTime;
        this.services = new ServiceProcesses(settings, context, sleeper, nanoTime);
        Path root = settings.releasesDir().isAbsolute() ? settings.releasesDir()
                : context.getWorkspace().resolve(settings.releasesDir());
        this.environmentDir = root.toAbsolutePath().normalize().resolve(settings.environment());
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
        ReleaseHistory history = load();
        Slot slot = targetSlot(history, strategy);
        if (history.slot(slot).flatMap(services::find).isEmpty()) {
            requirePortFree(slot);
        }
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
            Path folder = Files.createDirectories(environmentDir.resolve(BACKUPS));
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
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(beforeSwitch, "beforeSwitch");
        checkVersion(version);
        Path source = resolveArtifact(artifact);
        checkCommands();
        prepareEnvironmentDir();
        try (EnvironmentLock lock = lock()) {
            return new Deployment(load(), source, version, strategy, beforeSwitch).run();
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
     * Returns the release that serves now, as the state file records it.
     *
     * @return the release, or empty when nothing is deployed
     */
    public Optional<DirectoryState> current() {
        return load().current().map(release -> new DirectoryState(release.version(), releaseDir(release),
                release.slot(), release.port(), ServiceProcesses.baseUrl(release.port())));
    }

    /**
     * Stops the service of every slot, for an environment that is taken down. The releases and {@code current}
     * stay; a later rollback or deployment starts services again.
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
        return history.current().map(r -> strategy == DeployStrategy.BLUE_GREEN ? Slot.of(r.slot()).other()
                : Slot.of(r.slot())).orElse(Slot.BLUE);
    }

    private void requirePortFree(final Slot slot) {
        int port = settings.port(slot.id());
        if (!ServiceProcesses.isPortFree(port)) {
            throw LotaBotsException.of(DirectoryErrorCode.PORT_IN_USE, "Port " + port + " of the " + slot.id()
                    + " slot of " + settings.environment() + " is in use by a program this target did not start;"
                    + " stop that program or choose another " + slot.id() + "Port. Nothing was changed.");
        }
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
        try {
            Files.createDirectories(environmentDir.resolve(RELEASES));
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

        void save() {
            history.save(environmentDir.resolve(STATE_FILE));
        }

        Instant now() {
            return context.getClock().instant();
        }

        /** Whether the recorded service of a slot runs. */
        Optional<SlotProcess> live(final Slot slot) {
            return history.slot(slot).filter(p -> services.find(p).isPresent());
        }

        void stopSlot(final Slot slot, final SlotProcess process, final String why) {
            int port = settings.port(slot.id());
            Optional<Release> release = history.find(process.release());
            String version = release.map(Release::version).orElse(process.release());
            Map<String, String> variables = release.map(r -> variables(r, port)).orElseGet(() -> {
                Path dir = environmentDir.resolve(RELEASES).resolve(process.release());
                return ServiceProcesses.variables(port, dir, dir, version);
            });
            boolean wasRunning = services.find(process).isPresent();
            services.stop(version, process, Path.of(variables.get("RELEASE_DIR")), variables);
            history.clearSlot(slot);
            save();
            if (wasRunning) {
                action("Stopped " + version + " in the " + slot.id() + " slot (port " + port + ", process "
                        + process.pid() + "): " + why);
            }
        }

        /** Starts a release in a slot, records its process and waits until it is healthy. */
        void startIn(final Release release, final Slot slot, final String verb) {
            int port = settings.port(slot.id());
            Path dir = releaseDir(release);
            Release placed = release.inSlot(slot.id(), port);
            history.update(placed);
            Running running = services.start(release.version(), dir, variables(placed, port), logOf(dir));
            history.setSlot(slot, running.record(release.name()));
            save();
            action(verb + " " + release.version() + " in the " + slot.id() + " slot on port " + port + " (process "
                    + running.handle().pid() + ", log " + logOf(dir) + ")");
            services.awaitHealthy(release.version(), running, port, logOf(dir));
            action(release.version() + " is healthy at " + services.healthUrl(port));
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

    /** One deployment. */
    private final class Deployment extends Run {
        private final Path source;
        private final String version;
        private final DeployStrategy strategy;
        private final Predicate<URI> beforeSwitch;
        private final Optional<Release> serving;
        private final Slot slot;
        private final int port;
        @CheckForNull
        private Release release;
        private boolean stoppedServing;
        private boolean switched;

        Deployment(final ReleaseHistory history, final Path source, final String version,
                final DeployStrategy strategy, final Predicate<URI> beforeSwitch) {
            super(history);
            this.source = source;
            this.version = version;
            this.strategy = strategy;
            this.beforeSwitch = beforeSwitch;
            this.serving = history.current();
            this.slot = targetSlot(history, strategy);
            this.port = settings.port(slot.id());
        }

        DirectoryDeployment run() {
            if (strategy == DeployStrategy.CANARY) {
                context.getLog().info("A directory target runs one instance per slot: the canary is the new release,"
                        + " checked before the switch, and it replaces the serving one in place as rolling does");
            }
            Optional<SlotProcess> occupant = live(slot);
            if (occupant.isEmpty()) {
                history.clearSlot(slot);
                requirePortFree(slot);
            }
            URI url = ServiceProcesses.baseUrl(port);
            try {
                Release created = createRelease();
                if (occupant.isPresent()) {
                    stoppedServing = serving.filter(s -> s.name().equals(occupant.get().release())).isPresent();
                    stopSlot(slot, occupant.get(), stoppedServing ? "replaced in place (" + strategy.getId() + ")"
                            : "the slot is needed for " + version);
                    if (!services.awaitPortFree(port)) {
                        throw LotaBotsException.of(DirectoryErrorCode.PORT_IN_USE, "Port " + port + " is still in use"
                                + " after its service was stopped; stop the program that holds it.");
                    }
                }
                startIn(created, slot, "Started");
                if (!check(url)) {
                    problem("The checks before the switch failed against " + url + "; not switching to " + version);
                    String outcome = undo();
                    context.getLog().error(outcome);
                    return result(false, url);
                }
                Instant now = now();
                switchTo(created);
                switched = true;
                serving.ifPresent(s -> history.update(history.find(s.name()).orElse(s).withStatus(Status.RETIRED, now)));
                history.update(created.inSlot(slot.id(), port).withStatus(Status.SERVING, now));
                save();
                action("Switched current to " + version + " (" + slot.id() + ", " + url + ")"
                        + serving.map(s -> " from " + s.version() + " (" + s.slot() + ")").orElse(""));
                if (serving.isPresent() && !stoppedServing && live(Slot.of(serving.get().slot())).isPresent()) {
                    action("Kept " + serving.get().version() + " running in the " + serving.get().slot()
                            + " slot for the rollback window of " + Durations.format(settings.rollbackWindow()));
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

        /** A failure after {@code current} moved: the new release serves, so nothing is undone. */
        private LotaBotsException afterSwitch(final RuntimeException e) {
            String message = version + " serves (current points at it), but recording the switch or cleaning up"
                    + " failed: " + context.getMasker().mask(String.valueOf(e.getMessage()))
                    + ". Check '" + environmentDir.resolve(STATE_FILE) + "' before the next deployment.";
            return LotaBotsException.of(DirectoryErrorCode.IO_FAILURE, message, e);
        }

        private boolean check(final URI url) {
            try {
                return beforeSwitch.test(url);
            }
            catch (LotaBotsException e) {
                throw e;
            }
            catch (RuntimeException e) {
                throw LotaBotsException.of(DirectoryErrorCode.CHECK_FAILED, "The checks before the switch to "
                        + version + " failed: " + context.getMasker().mask(String.valueOf(e.getMessage())), e);
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
                    null);
            history.add(created);
            release = created;
            save();
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
                trySave();
                action("Marked the release " + created.name() + " failed; its log stays in "
                        + logOf(releaseDir(created)));
                undone.add("marked its release failed");
            }
            if (serving.isEmpty()) {
                return "Undone: " + String.join(", ", undone) + "; nothing was serving before.";
            }
            Release previous = history.find(serving.get().name()).orElse(serving.get());
            Slot previousSlot = Slot.of(previous.slot());
            if (live(previousSlot).filter(p -> p.release().equals(previous.name())).isPresent()) {
                return "Undone: " + String.join(", ", undone) + "; " + previous.version() + " keeps serving at "
                        + ServiceProcesses.baseUrl(previous.port()) + ".";
            }
            try {
                if (!ServiceProcesses.isPortFree(settings.port(previousSlot.id()))) {
                    services.awaitPortFree(settings.port(previousSlot.id()));
                }
                startIn(previous, previousSlot, "Restarted");
                undone.add("restarted " + previous.version());
                return "Undone: " + String.join(", ", undone) + "; " + previous.version() + " serves again at "
                        + ServiceProcesses.baseUrl(settings.port(previousSlot.id())) + ".";
            }
            catch (LotaBotsException e) {
                problem("Could not restart " + previous.version() + ": " + e.getMessage());
                return "Undone: " + String.join(", ", undone) + "; but " + previous.version()
                        + " could not be restarted, so nothing serves now: " + e.getMessage();
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
            Optional<SlotProcess> occupant = live(slot);
            boolean stoppedFrom = false;
            boolean switched = false;
            try {
                if (occupant.filter(p -> p.release().equals(to.name())).isPresent()) {
                    Running running = services.find(occupant.get()).orElseThrow();
                    services.awaitHealthy(to.version(), running, to.port(), logOf(releaseDir(to)));
                    action(to.version() + " still runs in the " + slot.id() + " slot and is healthy at "
                            + services.healthUrl(to.port()));
                }
                else {
                    if (occupant.isPresent()) {
                        stoppedFrom = occupant.get().release().equals(from.name());
                        stopSlot(slot, occupant.get(), "the slot is needed to roll back to " + to.version());
                        services.awaitPortFree(settings.port(slot.id()));
                    }
                    else {
                        history.clearSlot(slot);
                        requirePortFree(slot);
                    }
                    startIn(to, slot, "Started");
                }
                Instant now = now();
                switchTo(to);
                switched = true;
                history.update(history.find(from.name()).orElse(from).withStatus(Status.ROLLED_BACK, now));
                history.update(history.find(to.name()).orElse(to).withStatus(Status.SERVING, now));
                save();
                action("Switched current back from " + from.version() + " to " + to.version() + " (" + slot.id() + ", "
                        + ServiceProcesses.baseUrl(settings.port(slot.id())) + ")");
            }
            catch (LotaBotsException e) {
                if (switched) {
                    throw LotaBotsException.of(DirectoryErrorCode.IO_FAILURE, to.version() + " serves again (current"
                            + " points at it), but recording the rollback failed: " + e.getMessage() + ". Check '"
                            + environmentDir.resolve(STATE_FILE) + "' before the next deployment.", e);
                }
                throw LotaBotsException.of(e.getCode(), "Rolling back from " + from.version() + " to " + to.version()
                        + " failed: " + e.getMessage() + "\n" + undo(from, to, slot, stoppedFrom), e);
            }
            Slot fromSlot = Slot.of(from.slot());
            Optional<SlotProcess> fromProcess = live(fromSlot).filter(p -> p.release().equals(from.name()));
            if (fromSlot != slot && fromProcess.isPresent()) {
                try {
                    stopSlot(fromSlot, fromProcess.get(), "rolled back");
                }
                catch (LotaBotsException e) {
                    problem("Could not stop " + from.version() + " after the rollback: " + e.getMessage());
                }
            }
            return new DirectoryRollback(true, Optional.of(from.version()), Optional.of(to.version()),
                    ServiceProcesses.baseUrl(settings.port(slot.id())), actions);
        }

        private String undo(final Release from, final Release to, final Slot slot, final boolean stoppedFrom) {
            history.slot(slot).filter(p -> p.release().equals(to.name())).ifPresent(p -> {
                try {
                    stopSlot(slot, p, "undoing the rollback");
                }
                catch (LotaBotsException e) {
                    problem("Could not stop " + to.version() + ": " + e.getMessage());
                }
            });
            if (!stoppedFrom) {
                return "Undone; " + from.version() + " keeps serving.";
            }
            try {
                startIn(from, slot, "Restarted");
                return "Undone; " + from.version() + " serves again.";
            }
            catch (LotaBotsException e) {
                problem("Could not restart " + from.version() + ": " + e.getMessage());
                return "Undone, but " + from.version() + " could not be restarted, so nothing serves now.";
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
