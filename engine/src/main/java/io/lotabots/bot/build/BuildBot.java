package io.lotabots.bot.build;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.artifact.ArtifactStore;
import io.lotabots.artifact.ArtifactStores;
import io.lotabots.artifact.FileDigest;
import io.lotabots.artifact.LocalArtifactStore;
import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotStatus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.git.GitErrorCode;
import io.lotabots.git.JGitInfo;
import io.lotabots.message.Artifact;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.BuildFailed;
import io.lotabots.message.Message;
import io.lotabots.process.ProcessErrorCode;
import io.lotabots.process.ProcessOutcome;
import io.lotabots.process.ProcessSpec;
import io.lotabots.util.Durations;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;
import io.lotabots.util.WorkspaceFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the project in the workspace and stores what it produced.
 *
 * <ol>
 *     <li>Checks every input before anything runs: artifact patterns that leave the workspace, a relative store
 *     folder that leaves it, a bad build id or command, and the branch and commit (from the options, else from
 *     Git, else on a detached HEAD from CI variables such as {@code BRANCH_NAME}).</li>
 *     <li>Runs the command, or the one detected from the build files (see {@link BuildPlan}), through the
 *     context's process runner: output streams to the log with secrets masked, and at the timeout every process
 *     the build started, also those re-parented to init, is stopped (see
 *     {@link io.lotabots.process.ProcessCookie}). Under critical priority the non-essential steps are skipped.
 *     Each command sees {@code LOTABOTS_BUILD_ID}, {@code LOTABOTS_BRANCH}, {@code LOTABOTS_COMMIT},
 *     {@code LOTABOTS_PRIORITY} and {@code LOTABOTS_SKIP_STEPS} in its environment.</li>
 *     <li>A non-zero exit, the timeout or an interrupt of the run ends the run with FAILURE and a
 *     {@code build.failed} message with the reason, exit code and the last output lines. A program that cannot be
 *     started also publishes {@code build.failed}, then throws {@link ProcessErrorCode#CANNOT_START}.</li>
 *     <li>On success, collects the artifacts by their patterns (never the store folder itself), computes the
 *     SHA-256 and size of each as a stream, stores each under {@code <buildId>/<relative path>}, and publishes
 *     {@code build.completed}. No match is a warning, or a FAILURE with {@code requireArtifacts}; a store that
 *     cannot be written is a FAILURE.</li>
 * </ol>
 *
 * <p>S3 credentials are read from {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN} through the context, which masks them in every log line; without them the AWS SDK's
 * default chain applies.</p>
 */
public final class BuildBot implements Bot<BuildRequest, BuildResult> {
    /** The branch and commit recorded for a workspace that is not under Git and names neither. */
    static final String UNVERSIONED = "unversioned";

    /**
     * The most artifacts listed in one {@code build.completed} message, by the total length of their entries, so
     * that the message stays far below the bus's size limit; all artifacts are stored and in the result.
     */
    static final int MAX_MESSAGE_ARTIFACT_BYTES = 150_000;

    private static final DateTimeFormatter BUILD_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Function<String, Optional<String>> variables;

    /**
     * Creates the bot; CI variables such as {@code BRANCH_NAME} are read from this process's environment.
     */
    public BuildBot() {
        this(name -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * Creates the bot with the given CI variables.
     *
     * @param variables looks up CI variables by name
     */
    BuildBot(final Function<String, Optional<String>> variables) {
        this.variables = variables;
    }

    @Override
    public BotDescriptor<BuildRequest> getDescriptor() {
        return BuildBotDescriptor.get();
    }

    @Override
    public BuildResult run(final BuildRequest request, final BotContext context) {
        Run run = new Run(request, context);
        return run.execute();
    }

    /**
     * One run of the bot, with its log, messages and clock.
     */
    private final class Run {
        private final BuildRequest request;
        private final BotContext context;
        private final Path workspace;
        private final EngineLog log = new EngineLog("Errors of BuildBot:");
        private final LogSink out;
        private final List<Message> messages = new ArrayList<>();
        private BuildResult.Version version = new BuildResult.Version("unknown", "unknown", "unknown");
        private String commandText = "";
        private Duration used = Duration.ZERO;

        Run(final BuildRequest request, final BotContext context) {
            this.request = request;
            this.context = context;
            this.workspace = context.getWorkspace();
            this.out = context.getLog().and(log.masked(context.getMasker()));
        }

        BuildResult execute() {
            WorkspaceFiles files = WorkspaceFiles.of(workspace);
            files.check(request.getArtifacts());
            files.check(request.getExcludes());
            if (request.isRequireArtifacts() && request.getArtifacts().isEmpty()) {
                throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "Option '"
                        + context.nameOf(BuildBotDescriptor.REQUIRE_ARTIFACTS) + "' of BuildBot is set but no"
                        + " artifacts are given; give patterns like " + context.nameOf(BuildBotDescriptor.ARTIFACTS)
                        + " target/*.jar.");
            }
            BuildPlan plan = request.getCommand().map(BuildPlan::custom).orElseGet(() -> BuildPlan.detect(workspace));
            if (request.getPriority() == BuildPriority.CRITICAL) {
                plan = plan.skipping(request.getNonEssential());
            }
            if (request.isTestFailuresToTestBot()) {
                plan = plan.leavingTestFailuresToTestBot();
            }
            commandText = plan.describe();
            version = identify();
            try (ArtifactStore store = openStore()) {
                out.info("Building %s at %s as %s: %s", version.branch(), version.commit(), version.buildId(),
                        commandText);
                if (request.getPriority() == BuildPriority.CRITICAL) {
                    out.info("Critical priority: skipping %s", plan.getSkippedSteps().isEmpty() ? "no step"
                            : String.join(", ", plan.getSkippedSteps()));
                    if (!plan.getUnskippable().isEmpty()) {
                        out.error("Critical priority: cannot skip " + String.join(", ", plan.getUnskippable())
                                + " with this build command; they run as usual (the command sees them in"
                                + " LOTABOTS_SKIP_STEPS)");
                    }
                }
                Map<String, String> environment = environment();
                for (List<String> command : plan.getCommands()) {
                    ProcessOutcome last = runCommand(command, environment);
                    if (!last.isSuccess()) {
                        String shown = BuildPlan.describe(command);
                        return fail(reason(shown, last), last.timedOut() || last.interrupted() || last.exitCode() < 0
                                ? null : last.exitCode(), last.tail());
                    }
                }
                return collect(files, store, plan);
            }
        }

        private String reason(final String shown, final ProcessOutcome outcome) {
            if (outcome.interrupted()) {
                return "The build command '" + shown + "' was interrupted after " + Durations.format(outcome.duration())
                        + " and stopped with its processes";
            }
            if (outcome.timedOut()) {
                return "The build command '" + shown + "' did not finish within "
                        + Durations.format(request.getTimeout()) + " and was stopped with its processes";
            }
            return "The build command '" + shown + "' exited with code " + outcome.exitCode();
        }

        private ProcessOutcome runCommand(final List<String> command, final Map<String, String> environment) {
            Duration remaining = request.getTimeout().minus(used);
            String shown = BuildPlan.describe(command);
            if (remaining.isNegative() || remaining.isZero()) {
                return new ProcessOutcome(-1, true, Duration.ZERO, List.of());
            }
            out.info("Running %s", shown);
            ProcessOutcome outcome;
            try {
                outcome = context.getProcesses().run(new ProcessSpec(resolve(command), workspace, environment,
                        remaining), out);
            }
            catch (LotaBotsException e) {
                if (e.getCode() == ProcessErrorCode.INTERRUPTED) {
                    return new ProcessOutcome(-1, false, true, Duration.ZERO, List.of());
                }
                if (e.getCode() != ProcessErrorCode.CANNOT_START) {
                    throw e;
                }
                String reason = "The build command '" + shown + "' cannot be started: " + e.getMessage();
                fail(reason, null, List.of());
                throw LotaBotsException.of(ProcessErrorCode.CANNOT_START, context.getMasker().mask(reason)
                        + " Give a command that exists, or leave the command empty to detect Maven, Gradle or"
                        + " npm.", e);
            }
            used = used.plus(outcome.duration());
            return outcome;
        }

        private List<String> resolve(final List<String> command) {
            List<String> resolved = new ArrayList<>(command);
            String program = command.get(0);
            if (program.contains("/") && !Path.of(program).isAbsolute()) {
                resolved.set(0, workspace.resolve(program).normalize().toString());
            }
            return resolved;
        }

        private Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("LOTABOTS_BUILD_ID", version.buildId());
            environment.put("LOTABOTS_BRANCH", version.branch());
            environment.put("LOTABOTS_COMMIT", version.commit());
            environment.put("LOTABOTS_PRIORITY", request.getPriority().wireName());
            environment.put("LOTABOTS_SKIP_STEPS", request.getPriority() == BuildPriority.CRITICAL
                    ? String.join(",", request.getNonEssential()) : "");
            return environment;
        }

        private BuildResult.Version identify() {
            String branch = request.getBranch().orElse(null);
            String commit = request.getCommit().orElse(null);
            if (branch == null || commit == null) {
                try {
                    JGitInfo git = JGitInfo.open(workspace, variables);
                    branch = branch == null ? git.getBranch() : branch;
                    commit = commit == null ? git.getCommit() : commit;
                }
                catch (LotaBotsException e) {
                    if (e.getCode() != GitErrorCode.NO_REPOSITORY) {
                        throw e;
                    }
                    branch = branch == null ? JGitInfo.branchFromVariables(variables).orElse(UNVERSIONED) : branch;
                    commit = commit == null ? UNVERSIONED : commit;
                    out.info("There is no Git repository in '" + workspace + "' or above it: branch "
                            + branch + ", commit " + commit + ". Give the branch and commit options to record them.");
                }
            }
            String id = request.getBuildId().isPresent() ? request.getBuildId().get() : defaultBuildId(commit);
            return new BuildResult.Version(id, branch, commit);
        }

        private String defaultBuildId(final String commit) {
            String shortCommit = UNVERSIONED.equals(commit) ? "" : commit.replaceAll("[^A-Za-z0-9]", "");
            shortCommit = shortCommit.substring(0, Math.min(8, shortCommit.length()));
            return "build-" + BUILD_TIME.format(context.getClock().instant())
                    + (shortCommit.isEmpty() ? "" : "-" + shortCommit);
        }

        private ArtifactStore openStore() {
            ArtifactStores.Options options = ArtifactStores.Options.in(workspace)
                    .withS3Endpoint(request.getS3Endpoint().orElse(null)).withS3Region(request.getS3Region());
            if (request.getStore().trim().regionMatches(true, 0, "s3:", 0, 3)) {
                Optional<String> keyId = context.getSecret("AWS_ACCESS_KEY_ID");
                Optional<String> secret = context.getSecret("AWS_SECRET_ACCESS_KEY");
                Optional<String> token = context.getSecret("AWS_SESSION_TOKEN");
                if (keyId.isPresent() && secret.isPresent()) {
                    options = options.withS3Credentials(keyId.get(), secret.get(), token.orElse(null));
                }
            }
            return ArtifactStores.parse(request.getStore(), options);
        }

        private BuildResult collect(final WorkspaceFiles files, final ArtifactStore store, final BuildPlan plan) {
            List<Artifact> artifacts = new ArrayList<>();
            if (!request.getArtifacts().isEmpty()) {
                try {
                    store(files, store, artifacts);
                }
                catch (LotaBotsException e) {
                    return fail("The build succeeded but its artifacts could not be stored: " + e.getMessage(), 0,
                            List.of());
                }
                if (artifacts.isEmpty()) {
                    String patterns = "'" + String.join("', '", request.getArtifacts()) + "'";
                    if (request.isRequireArtifacts()) {
                        return fail("The build succeeded but no file matches the artifacts " + patterns
                                + ", and requireArtifacts is set", 0, List.of());
                    }
                    out.warning("no file matches the artifacts " + patterns + "; nothing was stored. Check"
                            + " the patterns, or set requireArtifacts to fail the build in that case.");
                }
            }
            String url = artifacts.isEmpty() ? null : store.urlOf(version.buildId() + "/");
            Message message = context.publish(BuildBotDescriptor.NAME, new BuildCompleted(version.buildId(), url,
                    version.branch(), version.commit(), forMessage(artifacts), seconds(),
                    request.getPriority().wireName(), plan.getSkippedSteps()));
            messages.add(message);
            String summary = String.format(Locale.ROOT, "Built %s at %s as %s in %s: %d artifact%s%s; SUCCESS",
                    version.branch(), version.commit(), version.buildId(), Durations.format(used), artifacts.size(),
                    artifacts.size() == 1 ? "" : "s", url == null ? "" : " stored in " + url);
            // the summary is the result's: the front-end prints it once, after the log
            return new BuildResult(BotStatus.SUCCESS, summary, log, messages, version, commandText, url, artifacts,
                    plan.getSkippedSteps(), used, 0);
        }

        private void store(final WorkspaceFiles files, final ArtifactStore store, final List<Artifact> artifacts) {
            List<String> excludes = new ArrayList<>(request.getExcludes());
            String storeFolder = storeFolderInWorkspace(store);
            if (storeFolder != null && !storeFolder.matches(".*[*?\\[\\]{}].*")) {
                excludes.add(storeFolder + "/**");
            }
            WorkspaceFiles.Selection selection = files.find(request.getArtifacts(), excludes);
            for (WorkspaceFiles.Skipped skipped : selection.getSkipped()) {
                out.error("Not stored: " + skipped.path() + ": " + skipped.reason());
            }
            for (String path : selection.getRelativePaths()) {
                if (storeFolder != null && path.startsWith(storeFolder + "/")) {
                    continue;
                }
                Path file = workspace.resolve(path);
                FileDigest digest;
                try {
                    digest = FileDigest.of(file);
                }
                catch (IOException e) {
                    throw LotaBotsException.of(io.lotabots.artifact.ArtifactErrorCode.STORE_FAILURE,
                            "Cannot read the artifact '" + path + "': " + e.getMessage(), e);
                }
                String url = store.put(version.buildId() + "/" + path, file);
                artifacts.add(new Artifact(path, digest.sha256(), digest.size()));
                out.info("Stored %s (%d bytes, sha256 %s) at %s", path, digest.size(), digest.sha256(), url);
            }
        }

        @CheckForNull
        private String storeFolderInWorkspace(final ArtifactStore store) {
            if (store instanceof LocalArtifactStore local && local.getRoot().startsWith(workspace)
                    && !local.getRoot().equals(workspace)) {
                return workspace.relativize(local.getRoot()).toString().replace('\\', '/');
            }
            return null;
        }

        private List<Artifact> forMessage(final List<Artifact> artifacts) {
            List<Artifact> listed = new ArrayList<>();
            int bytes = 0;
            for (Artifact artifact : artifacts) {
                bytes += artifact.path().getBytes(StandardCharsets.UTF_8).length + 120;
                if (bytes > MAX_MESSAGE_ARTIFACT_BYTES) {
                    out.info("The build.completed message lists %d of the %d artifacts (message size limit); all"
                            + " are stored and listed in the result", listed.size(), artifacts.size());
                    break;
                }
                listed.add(artifact);
            }
            return listed;
        }

        private Double seconds() {
            return used.toMillis() / 1000.0;
        }

        private BuildResult fail(final String reason, @CheckForNull final Integer exitCode, final List<String> tail) {
            String masked = context.getMasker().mask(reason);
            List<String> maskedTail = tail.stream().map(context.getMasker()::mask).toList();
            out.error(masked);
            Message message = context.publish(BuildBotDescriptor.NAME, new BuildFailed(version.buildId(),
                    version.branch(), version.commit(), masked, exitCode, seconds(), maskedTail));
            messages.add(message);
            String summary = "Build " + version.buildId() + " failed: " + masked + "; FAILURE";
            return new BuildResult(BotStatus.FAILURE, summary, log, messages, version, commandText, null, List.of(),
                    List.of(), used, exitCode);
        }
    }
}
