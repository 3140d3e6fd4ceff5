package io.lotabots.bot.security.deps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.security.advisories.Ecosystem;
import io.lotabots.bot.security.deps.DependencyProblem.Level;
import io.lotabots.bot.security.deps.MavenDependencyListReader.Resolved;
import io.lotabots.bot.security.deps.PomReader.Declared;
import io.lotabots.error.LotaBotsException;
import io.lotabots.process.ProcessOutcome;
import io.lotabots.process.ProcessRunner;
import io.lotabots.process.ProcessSpec;
import io.lotabots.util.LogSink;
import io.lotabots.util.WorkspaceFiles;
import io.lotabots.util.WorkspaceFiles.Selection;
import io.lotabots.util.WorkspaceFiles.Skipped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the dependencies of a workspace into one {@link Inventory}: CycloneDX SBOMs (JSON, XML), Maven poms with
 * their resolved lists, npm lockfiles, pip requirements and Poetry locks. Files are detected
 * ({@link #detect()}) or given ({@link #read(Collection)}).
 *
 * <p>Reading is lenient: a malformed file is recorded as a problem naming the file, line and column, and every
 * other file is still used; a file above the size limit is refused with its size; a path outside the workspace
 * (absolute, with {@code ../}, or through a symbolic link) is refused. Nothing throws for bad input.</p>
 *
 * <p>Maven: a pom's declared dependencies are read with {@code ${property}} interpolation. Its resolved
 * dependencies (the transitive ones, and the versions that parents and BOMs manage) come from a list written by
 * {@code mvn dependency:list -DoutputFile=...}: given with {@link Builder#mavenDependencyList(String, String)},
 * given as a file whose content is such a list, or produced by running Maven when
 * {@link Builder#resolveMaven(ProcessRunner, MavenResolution)} is set. A resolved dependency the pom declares is
 * direct and located at its {@code <dependency>} line; the others are transitive and located at the pom.</p>
 *
 * <p>Instances are immutable; a run is not shared between threads.</p>
 */
public final class DependencyInventory {
    /** The largest dependency file read by default: 64 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    /** The files {@link #detect()} looks for. */
    public static final List<String> DETECTED = List.of("**/pom.xml", "**/package-lock.json",
            "**/npm-shrinkwrap.json", "**/requirements*.txt", "**/poetry.lock", "**/bom.json", "**/bom.xml",
            "**/*.cdx.json", "**/*.cdx.xml");

    /** The folders {@link #detect()} never looks into: installed packages, build output, tests, VCS data. */
    public static final List<String> NOT_DETECTED = List.of("**/node_modules/**", "**/.git/**", "**/target/**",
            "**/build/**", "**/.venv/**", "**/venv/**", "**/src/test/**", "**/.lotabots/**");

    private static final String LIST_MARKER = "The following files have been resolved";

    private final WorkspacePaths paths;
    private final LogSink log;
    private final Map<String, String> mavenLists;
    @CheckForNull
    private final ProcessRunner processes;
    private final MavenResolution maven;

    private DependencyInventory(final Builder builder) {
        this.paths = new WorkspacePaths(builder.workspace, builder.maxFileBytes);
        this.log = builder.log;
        this.mavenLists = Map.copyOf(builder.mavenLists);
        this.processes = builder.processes;
        this.maven = builder.maven;
    }

    /**
     * Starts an inventory over a workspace.
     *
     * @param workspace the folder whose files are read; nothing outside it is
     * @return a builder
     */
    public static Builder builder(final Path workspace) {
        return new Builder(workspace);
    }

    /**
     * Starts an inventory over the workspace of a bot, logging to its log. Maven is not run unless
     * {@link Builder#resolveMaven(ProcessRunner, MavenResolution)} is called, for example with
     * {@code context.getProcesses()}.
     *
     * @param context the bot's context
     * @return a builder
     */
    public static Builder builder(final BotContext context) {
        return new Builder(context.getWorkspace()).log(context.getLog());
    }

    /**
     * Detects the dependency files of the workspace ({@link #DETECTED}, leaving out {@link #NOT_DETECTED}) and
     * reads them, together with the Maven lists given to the builder.
     *
     * @return the inventory
     */
    public Inventory detect() {
        Run run = new Run();
        Selection selection;
        try {
            selection = WorkspaceFiles.of(paths.workspace()).find(DETECTED, NOT_DETECTED);
        }
        catch (LotaBotsException exception) {
            run.sink.error(".", 0, 0, exception.getMessage());
            return run.finish();
        }
        for (Skipped skipped : selection.getSkipped()) {
            run.sink.error(skipped.path(), 0, 0, String.format(Locale.ROOT, "Refusing '%s': %s.", skipped.path(),
                    skipped.reason()));
        }
        run.readAll(selection.getFiles());
        return run.finish();
    }

    /**
     * Reads the given files. The format follows from the name ({@code pom.xml}, {@code *.pom},
     * {@code package-lock.json}, {@code npm-shrinkwrap.json}, {@code poetry.lock}, {@code *.txt} as requirements or
     * as a Maven dependency list by its content, other {@code *.json} and {@code *.xml} as CycloneDX).
     *
     * @param files paths relative to the workspace (or absolute inside it)
     * @return the inventory
     */
    public Inventory read(final Collection<String> files) {
        Run run = new Run();
        List<Path> resolved = new ArrayList<>();
        for (String file : files) {
            try {
                Path path = paths.resolve(paths.workspace(), file, "the list of dependency files");
                if (!Files.isRegularFile(path)) {
                    run.sink.error(file, 0, 0, String.format(Locale.ROOT, "Cannot read the dependency file '%s': "
                            + "it does not exist or is no regular file. Check the path.", file));
                    continue;
                }
                resolved.add(path);
            }
            catch (LotaBotsException exception) {
                run.sink.error(file, 0, 0, exception.getMessage());
            }
        }
        run.readAll(resolved);
        return run.finish();
    }

    /** The formats, as the name and content of a file tell. */
    private enum Format {
        CYCLONEDX, POM, MAVEN_LIST, NPM_LOCK, REQUIREMENTS, POETRY_LOCK
    }

    /** One reading run: the sink, the files seen, the poms and the Maven lists. */
    private final class Run {
        private final ReadSink sink = new ReadSink();
        private final List<String> files = new ArrayList<>();
        private final Set<Path> seen = new HashSet<>();
        private final Map<Path, List<Declared>> poms = new TreeMap<>();
        private final List<ListEntry> resolved = new ArrayList<>();
        private final Set<Path> covered = new HashSet<>();

        void readAll(final List<Path> given) {
            List<Path> sorted = new ArrayList<>(given);
            sorted.sort(null);
            List<Path> lists = new ArrayList<>();
            for (Path file : sorted) {
                Path real = realPath(file);
                if (!seen.add(real)) {
                    continue;
                }
                String relative = paths.relative(file);
                files.add(relative);
                int before = sink.components().size();
                int problems = sink.problems().size();
                try {
                    Format format = format(file);
                    if (format == null) {
                        sink.error(relative, 0, 0, String.format(Locale.ROOT, "Cannot tell the format of '%s'. "
                                + "Give a CycloneDX SBOM (.json, .xml), pom.xml, package-lock.json, "
                                + "requirements.txt or poetry.lock.", relative));
                        continue;
                    }
                    readOne(file, relative, format, lists);
                }
                catch (LotaBotsException exception) {
                    sink.error(relative, 0, 0, exception.getMessage());
                }
                logFile(relative, before, problems);
            }
            readGivenLists();
            for (Path list : lists) {
                attachList(list);
            }
            resolveMaven();
            emitPoms();
        }

        private void readOne(final Path file, final String relative, final Format format, final List<Path> lists) {
            switch (format) {
                case CYCLONEDX:
                    CycloneDxReader.read(paths.read(file), relative, sink);
                    break;
                case POM:
                    poms.put(file, PomReader.read(paths.read(file), relative, sink));
                    break;
                case MAVEN_LIST:
                    lists.add(file);
                    break;
                case NPM_LOCK:
                    readLock(file, relative);
                    break;
                case REQUIREMENTS:
                    RequirementsReader.read(file, paths, seen, sink, 0);
                    break;
                case POETRY_LOCK:
                    String text = new String(paths.read(file), StandardCharsets.UTF_8);
                    Path pyproject = file.resolveSibling("pyproject.toml");
                    String project = Files.isRegularFile(pyproject) ? readSibling(pyproject) : null;
                    PoetryLockReader.read(text, relative, project, sink);
                    break;
                default:
                    throw new IllegalStateException("Unknown format " + format);
            }
        }

        private void readLock(final Path file, final String relative) {
            try {
                paths.checkSize(relative, Files.size(file));
                Path packageJson = file.resolveSibling("package.json");
                Set<String> names = Files.isRegularFile(packageJson) ? packageJsonNames(packageJson) : null;
                try (InputStream in = Files.newInputStream(file)) {
                    PackageLockReader.read(in, relative, names, paths.maxBytes(), sink);
                }
            }
            catch (IOException exception) {
                sink.error(relative, 0, 0, String.format(Locale.ROOT, "Cannot read '%s': %s.", relative,
                        exception.getMessage()));
            }
        }

        @CheckForNull
        private Set<String> packageJsonNames(final Path packageJson) {
            String text = readSibling(packageJson);
            if (text == null) {
                return null;
            }
            try {
                com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(text);
                Set<String> names = new HashSet<>();
                for (String field : List.of("dependencies", "devDependencies", "optionalDependencies",
                        "peerDependencies")) {
                    root.path(field).fieldNames().forEachRemaining(names::add);
                }
                return names;
            }
            catch (IOException exception) {
                sink.warning(paths.relative(packageJson), 0, String.format(Locale.ROOT, "The package.json '%s' "
                        + "cannot be parsed (%s); direct and transitive packages are not told apart.",
                        paths.relative(packageJson), CycloneDxReader.firstLine(String.valueOf(
                                exception.getMessage()))));
                return null;
            }
        }

        /** Reads a file next to a lock if it is inside the workspace and within the limit, else returns null. */
        @CheckForNull
        private String readSibling(final Path sibling) {
            try {
                Path path = paths.resolve(paths.workspace(), paths.relative(sibling), "a lockfile next to it");
                return new String(paths.read(path), StandardCharsets.UTF_8);
            }
            catch (LotaBotsException exception) {
                sink.warning(paths.relative(sibling), 0, exception.getMessage());
                return null;
            }
        }

        private void readGivenLists() {
            for (Map.Entry<String, String> entry : new TreeMap<>(mavenLists).entrySet()) {
                try {
                    Path pom = paths.resolve(paths.workspace(), entry.getKey(), "the Maven list option");
                    Path list = paths.resolve(paths.workspace(), entry.getValue(), "the Maven list option");
                    if (!poms.containsKey(pom)) {
                        if (!Files.isRegularFile(pom)) {
                            sink.error(entry.getKey(), 0, 0, String.format(Locale.ROOT, "The pom '%s' given with the "
                                    + "dependency list '%s' does not exist.", entry.getKey(), entry.getValue()));
                            continue;
                        }
                        String relative = paths.relative(pom);
                        files.add(relative);
                        seen.add(realPath(pom));
                        poms.put(pom, PomReader.read(paths.read(pom), relative, sink));
                    }
                    seen.add(realPath(list));
                    addList(pom, list);
                }
                catch (LotaBotsException exception) {
                    sink.error(entry.getValue(), 0, 0, exception.getMessage());
                }
            }
        }

        /** Attaches a list given as a file to the pom in its folder or the nearest folder above. */
        private void attachList(final Path list) {
            Path owner = null;
            for (Path dir = list.getParent(); dir != null && dir.startsWith(paths.workspace()); dir = dir.getParent()) {
                if (poms.containsKey(dir.resolve("pom.xml"))) {
                    owner = dir.resolve("pom.xml");
                    break;
                }
            }
            try {
                if (owner != null) {
                    addList(owner, list);
                    return;
                }
                String relative = paths.relative(list);
                String text = new String(paths.read(list), StandardCharsets.UTF_8);
                for (Resolved entry : MavenDependencyListReader.read(text, relative, sink)) {
                    sink.add(Component.of(Ecosystem.MAVEN, entry.key(), entry.version(), relative, entry.line(),
                            Relation.UNKNOWN, entry.scope()));
                }
            }
            catch (LotaBotsException exception) {
                sink.error(paths.relative(list), 0, 0, exception.getMessage());
            }
        }

        private void addList(final Path pom, final Path list) {
            String relative = paths.relative(list);
            if (!files.contains(relative)) {
                files.add(relative);
            }
            String text = new String(paths.read(list), StandardCharsets.UTF_8);
            if (!text.contains(LIST_MARKER) && !text.isBlank()) {
                sink.warning(relative, 0, String.format(Locale.ROOT, "'%s' does not start as the output of 'mvn "
                        + "dependency:list' does; it is read as such anyway.", relative));
            }
            for (Resolved entry : MavenDependencyListReader.read(text, relative, sink)) {
                resolved.add(new ListEntry(pom, entry));
            }
            covered.add(pom);
            log.info("Read the resolved Maven dependencies of '%s' from '%s'", paths.relative(pom), relative);
        }

        private void resolveMaven() {
            if (processes == null || poms.isEmpty()) {
                return;
            }
            for (Path pom : poms.keySet()) {
                if (isCovered(pom) || hasPomAbove(pom)) {
                    continue;
                }
                runMaven(pom);
            }
        }

        private boolean hasPomAbove(final Path pom) {
            for (Path other : poms.keySet()) {
                if (!other.equals(pom) && pom.startsWith(folderOf(other))) {
                    return true;
                }
            }
            return false;
        }

        private boolean isCovered(final Path pom) {
            for (Path owner : covered) {
                if (pom.startsWith(folderOf(owner))) {
                    return true;
                }
            }
            return false;
        }

        private void runMaven(final Path pom) {
            String relative = paths.relative(pom);
            Path output = null;
            try {
                output = Files.createTempFile("lotabots-dependency-list", ".txt");
                List<String> command = new ArrayList<>(maven.command());
                command.addAll(List.of("-B", "-q", "-f", nameOf(pom), "dependency:list",
                        "-DoutputFile=" + output.toAbsolutePath(), "-DappendOutput=true"));
                if (maven.offline()) {
                    command.add("-o");
                }
                log.info("Listing the resolved Maven dependencies of '%s': %s", relative, String.join(" ", command));
                ProcessOutcome outcome = Objects.requireNonNull(processes).run(new ProcessSpec(command,
                        folderOf(pom), Map.of(), maven.timeout()), new LogSink() {
                            @Override
                            public void info(final String line) {
                                log.info("[mvn] " + line);
                            }

                            @Override
                            public void error(final String line) {
                                log.error("[mvn] " + line);
                            }
                        });
                if (!outcome.isSuccess()) {
                    String tail = String.join(" | ", outcome.tail().subList(Math.max(0, outcome.tail().size() - 5),
                            outcome.tail().size()));
                    sink.error(relative, 0, 0, String.format(Locale.ROOT, "Maven could not list the resolved "
                            + "dependencies of '%s' (%s)%s. Only its declared dependencies are used; fix the build or "
                            + "give a list made with 'mvn dependency:list -DoutputFile=...'.", relative,
                            outcome.timedOut() ? "timed out after " + io.lotabots.util.Durations.format(maven.timeout())
                                    : "exit code " + outcome.exitCode(), tail.isEmpty() ? "" : ": " + tail));
                    return;
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                for (Resolved entry : MavenDependencyListReader.read(text, relative + " (mvn dependency:list)",
                        sink)) {
                    resolved.add(new ListEntry(pom, entry));
                }
                covered.add(pom);
            }
            catch (IOException | LotaBotsException exception) {
                sink.error(relative, 0, 0, String.format(Locale.ROOT, "Cannot run Maven to list the resolved "
                        + "dependencies of '%s': %s. Only its declared dependencies are used.", relative,
                        exception.getMessage()));
            }
            finally {
                if (output != null) {
                    try {
                        Files.deleteIfExists(output);
                    }
                    catch (IOException exception) {
                        log.error("Cannot delete the temporary file '" + output + "': " + exception.getMessage());
                    }
                }
            }
        }

        /** Turns the poms and resolved lists into components. */
        private void emitPoms() {
            Map<String, Component> fromLists = new LinkedHashMap<>();
            Set<String> listedKeys = new HashSet<>();
            for (ListEntry entry : resolved) {
                Resolved r = entry.resolved();
                listedKeys.add(r.key());
                String id = r.key() + "@" + r.version();
                if (fromLists.containsKey(id)) {
                    continue;
                }
                Map.Entry<Path, Declared> declaration = declaration(entry.owner(), r.key());
                Component component = declaration == null
                        ? Component.of(Ecosystem.MAVEN, r.key(), r.version(), paths.relative(entry.owner()), 0,
                                Relation.TRANSITIVE, r.scope())
                        : Component.of(Ecosystem.MAVEN, r.key(), r.version(), paths.relative(declaration.getKey()),
                                declaration.getValue().line(), Relation.DIRECT, r.scope());
                fromLists.put(id, component);
            }
            fromLists.values().forEach(sink::add);
            for (Map.Entry<Path, List<Declared>> pom : poms.entrySet()) {
                boolean isCovered = isCovered(pom.getKey());
                String relative = paths.relative(pom.getKey());
                int unresolved = 0;
                for (Declared declared : pom.getValue()) {
                    if (isCovered && listedKeys.contains(declared.key())) {
                        continue;
                    }
                    String version = declared.version();
                    if (version == null || isRange(version)) {
                        if (!isCovered) {
                            unresolved++;
                            sink.warning(relative, declared.line(), String.format(Locale.ROOT, "The version of "
                                    + "'%s' %s is %s; it cannot be matched without the resolved list "
                                    + "('mvn dependency:list -DoutputFile=...').", declared.key(),
                                    ReadSink.at(relative, declared.line(), 0), declared.rawVersion() == null
                                            ? "managed by a parent or a BOM" : "'" + declared.rawVersion() + "'"));
                        }
                        continue;
                    }
                    sink.add(Component.of(Ecosystem.MAVEN, declared.key(), version, relative, declared.line(),
                            Relation.DIRECT, declared.scope()));
                }
                if (!isCovered && !pom.getValue().isEmpty()) {
                    log.info("'%s': %d declared dependencies read, %d without a version; transitive dependencies "
                            + "are not known without a resolved list", relative, pom.getValue().size(), unresolved);
                }
            }
        }

        private boolean isRange(final String version) {
            return version.startsWith("[") || version.startsWith("(") || version.contains(",");
        }

        @CheckForNull
        private Map.Entry<Path, Declared> declaration(final Path owner, final String key) {
            Map.Entry<Path, Declared> found = find(owner, key);
            if (found != null) {
                return found;
            }
            for (Path pom : poms.keySet()) {
                if (!pom.equals(owner) && pom.startsWith(folderOf(owner))) {
                    found = find(pom, key);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        @CheckForNull
        private Map.Entry<Path, Declared> find(final Path pom, final String key) {
            for (Declared declared : poms.getOrDefault(pom, List.of())) {
                if (declared.key().equals(key)) {
                    return Map.entry(pom, declared);
                }
            }
            return null;
        }

        private void logFile(final String relative, final int before, final int problems) {
            long errors = sink.problems().subList(problems, sink.problems().size()).stream()
                    .filter(DependencyProblem::isError).count();
            long warnings = sink.problems().size() - problems - errors;
            log.info("Read %d components from '%s' (%d errors, %d warnings)", sink.components().size() - before,
                    relative, errors, warnings);
        }

        private Path realPath(final Path file) {
            try {
                return file.toRealPath();
            }
            catch (IOException exception) {
                return file;
            }
        }

        @CheckForNull
        private Format format(final Path file) {
            String name = nameOf(file).toLowerCase(Locale.ROOT);
            if ("pom.xml".equals(name) || name.endsWith(".pom")) {
                return Format.POM;
            }
            if ("package-lock.json".equals(name) || "npm-shrinkwrap.json".equals(name)) {
                return Format.NPM_LOCK;
            }
            if ("poetry.lock".equals(name)) {
                return Format.POETRY_LOCK;
            }
            if (name.endsWith(".txt")) {
                return looksLikeMavenList(file) ? Format.MAVEN_LIST : Format.REQUIREMENTS;
            }
            if (name.endsWith(".json") || name.endsWith(".xml")) {
                return Format.CYCLONEDX;
            }
            return null;
        }

        private boolean looksLikeMavenList(final Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                return head.contains(LIST_MARKER);
            }
            catch (IOException exception) {
                return false;
            }
        }

        Inventory finish() {
            for (DependencyProblem problem : sink.problems()) {
                if (problem.level() == Level.ERROR) {
                    log.error(problem.message());
                }
                else {
                    log.warning(problem.message());
                }
            }
            Inventory inventory = new Inventory(sink.components(), files, sink.problems());
            log.info("Dependency inventory: %s", inventory.summary());
            return inventory;
        }
    }

    private Path folderOf(final Path file) {
        Path parent = file.getParent();
        return parent == null ? paths.workspace() : parent;
    }

    private static String nameOf(final Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString();
    }

    /** One line of a resolved list and the pom it belongs to. */
    private record ListEntry(Path owner, Resolved resolved) {
    }

    /**
     * Builds a {@link DependencyInventory}.
     */
    public static final class Builder {
        private final Path workspace;
        private LogSink log = LogSink.NONE;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private final Map<String, String> mavenLists = new HashMap<>();
        @CheckForNull
        private ProcessRunner processes;
        private MavenResolution maven = MavenResolution.defaults();

        private Builder(final Path workspace) {
            this.workspace = workspace.toAbsolutePath().normalize();
        }

        /**
         * Sets the log: one line per file, the problems, and a summary.
         *
         * @param value the sink
         * @return this
         */
        public Builder log(final LogSink value) {
            this.log = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the size limit of one file.
         *
         * @param bytes the largest file read, at least 1; default {@link #DEFAULT_MAX_FILE_BYTES}
         * @return this
         */
        public Builder maxFileBytes(final long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("The maximum file size must be at least 1 byte, was " + bytes);
            }
            this.maxFileBytes = bytes;
            return this;
        }

        /**
         * Gives the resolved dependency list of a pom, as {@code mvn dependency:list -DoutputFile=FILE} writes it
         * (add {@code -DappendOutput=true} in a multi-module build so that every module's list ends up in it).
         *
         * @param pom the pom, relative to the workspace
         * @param list the list file, relative to the workspace
         * @return this
         */
        public Builder mavenDependencyList(final String pom, final String list) {
            mavenLists.put(Objects.requireNonNull(pom), Objects.requireNonNull(list));
            return this;
        }

        /**
         * Lets the inventory run Maven for every top-level pom that has no list given.
         *
         * @param runner the process runner, usually {@link BotContext#getProcesses()}
         * @param resolution the command, timeout and offline flag
         * @return this
         */
        public Builder resolveMaven(final ProcessRunner runner, final MavenResolution resolution) {
            this.processes = Objects.requireNonNull(runner);
            this.maven = Objects.requireNonNull(resolution);
            return this;
        }

        /**
         * Builds the inventory.
         *
         * @return the inventory
         */
        public DependencyInventory build() {
            return new DependencyInventory(this);
        }
    }
}
