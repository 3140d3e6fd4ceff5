package io.lotabots.bot.build;

import io.lotabots.artifact.ArtifactErrorCode;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.BotStatus;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.ErrorCode;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Artifact;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.BuildFailed;
import io.lotabots.message.Message;
import io.lotabots.process.LocalProcessRunner;
import io.lotabots.process.ProcessErrorCode;
import io.lotabots.process.ProcessOutcome;
import io.lotabots.process.ProcessRunner;
import io.lotabots.util.EngineLog;
import io.lotabots.util.SecretMasker;
import io.lotabots.util.WorkspaceFiles.WorkspaceErrorCode;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BuildBotTest {
    /** SHA-256 of the five bytes {@code hello}. */
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String COMMIT = "a1b2c3d4e5f6";
    private static final String SECRET = "hunter2-deploy-token";

    private Path workspace;
    private Path outside;
    private final EngineLog console = new EngineLog("Errors:", 10_000, 1_000);
    private final SecretMasker masker = new SecretMasker();
    private final MessageBus bus = MessageBus.builder().build();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> ciVariables = new HashMap<>();

    @BeforeEach
    void createWorkspaceAndAFolderBesideIt(@TempDir final Path root) throws IOException {
        workspace = Files.createDirectory(root.resolve("workspace"));
        outside = Files.createDirectory(root.resolve("outside"));
    }

    private final LocalProcessRunner processes = new LocalProcessRunner(masker);

    @AfterEach
    void stopWhatTheBuildsLeft() {
        processes.getRunCookie().stop(Duration.ZERO, List.of());
    }

    private BotContext context() {
        return BotContext.builder(workspace).log(console).masker(masker).bus(bus).environment(environment)
                .processes(processes)
                .clock(Clock.fixed(Instant.parse("2026-11-24T10:15:30Z"), ZoneOffset.UTC)).build();
    }

    private BuildBot bot() {
        return new BuildBot(name -> Optional.ofNullable(ciVariables.get(name)));
    }

    private static BuildRequest.Builder request(final String command) {
        return BuildRequest.builder().command(command).branch("main").commit(COMMIT).buildId("build-42");
    }

    private BuildResult run(final BuildRequest.Builder request) {
        return bot().run(request.build(), context());
    }

    private BuildResult run(final Map<String, Object> options) {
        return bot().run(options, context());
    }

    private static void assertFails(final Runnable action, final ErrorCode code, final String text) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(action::run)
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(code))
                .withMessageContaining(text);
    }

    private static BuildCompleted completed(final BuildResult result) {
        assertThat(result.getMessages()).hasSize(1);
        return result.getMessages().get(0).payloadAs(BuildCompleted.class);
    }

    private static BuildFailed failed(final BuildResult result) {
        assertThat(result.getMessages()).hasSize(1);
        return result.getMessages().get(0).payloadAs(BuildFailed.class);
    }

    private Path file(final String path, final String content) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void shouldBuildStoreArtifactsWithChecksumsAndPublishBuildCompleted() {
        BuildResult result = run(request("sh -c 'mkdir -p target/lib && printf hello > target/app.jar"
                + " && printf hello-world > target/lib/dep.jar && printf x > target/app-sources.jar && echo built'")
                .artifacts(List.of("target/**/*.jar")).excludes(List.of("**/*-sources.jar")));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        Path folder = workspace.resolve(".lotabots/artifacts/build-42");
        assertThat(folder.resolve("target/app.jar")).hasContent("hello");
        assertThat(folder.resolve("target/lib/dep.jar")).hasContent("hello-world");
        assertThat(folder.resolve("target/app-sources.jar")).doesNotExist();
        String url = folder.toUri().toString();
        assertThat(url).endsWith("/build-42/");
        assertThat(result.getArtifacts()).containsExactly(new Artifact("target/app.jar", HELLO_SHA256, 5L),
                new Artifact("target/lib/dep.jar", sha256("hello-world"), 11L));

        BuildCompleted payload = completed(result);
        assertThat(payload.buildId()).isEqualTo("build-42");
        assertThat(payload.artifactUrl()).isEqualTo(url);
        assertThat(payload.branch()).isEqualTo("main");
        assertThat(payload.commit()).isEqualTo(COMMIT);
        assertThat(payload.artifacts()).isEqualTo(result.getArtifacts());
        assertThat(payload.priority()).isEqualTo("normal");
        assertThat(payload.skippedSteps()).isEmpty();
        assertThat(payload.duration()).isNotNegative();
        assertThat(result.getMessages().get(0).getSource()).isEqualTo("BuildBot");
        assertThat(bus.getPublished()).isEqualTo(result.getMessages());

        assertThat(result.getOutputs()).containsEntry("buildId", "build-42").containsEntry("artifactUrl", url)
                .containsEntry("branch", "main").containsEntry("commit", COMMIT).containsEntry("artifactCount", 2)
                .containsEntry("exitCode", 0).containsKey("durationSeconds");
        assertThat(result.getSummary()).startsWith("Built main at a1b2c3d4e5f6 as build-42 in ")
                .endsWith(": 2 artifacts stored in " + url + "; SUCCESS");
        assertThat(console.getInfoLines()).contains("built")
                .anySatisfy(line -> assertThat(line).startsWith("Stored target/app.jar (5 bytes, sha256 "
                        + HELLO_SHA256));
        assertThat(result.getLog().getInfoLines()).contains("built");
    }

    private static String sha256(final String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldFailWithExitCodeReasonAndOutputTailOnNonZeroExit() {
        BuildResult result = run(request("sh -c 'echo compiling; echo \"error: cannot find symbol\" >&2; exit 3'")
                .artifacts(List.of("**/*.jar")));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        BuildFailed payload = failed(result);
        assertThat(payload.reason()).startsWith("The build command 'sh -c 'echo compiling; ")
                .endsWith(" exit 3'' exited with code 3");
        assertThat(payload.exitCode()).isEqualTo(3);
        assertThat(payload.logTail()).containsExactly("compiling", "error: cannot find symbol");
        assertThat(payload.branch()).isEqualTo("main");
        assertThat(payload.commit()).isEqualTo(COMMIT);
        assertThat(result.getExitCode()).contains(3);
        assertThat(result.getArtifacts()).isEmpty();
        assertThat(result.getArtifactUrl()).isEmpty();
        assertThat(workspace.resolve(".lotabots/artifacts")).doesNotExist();
        assertThat(result.getSummary()).startsWith("Build build-42 failed: ").endsWith("exited with code 3; FAILURE");
        assertThat(console.getErrorLines()).anySatisfy(line -> assertThat(line).contains("exited with code 3"));
    }

    @Test
    void shouldStopTheBuildAtItsTimeoutAndFail() {
        long start = System.nanoTime();

        BuildResult result = run(request("sh -c 'echo started; sleep 30'").timeout(Duration.ofSeconds(1)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        BuildFailed payload = failed(result);
        assertThat(payload.reason()).endsWith("did not finish within 1s and was stopped with its processes");
        assertThat(payload.exitCode()).isNull();
        assertThat(payload.logTail()).first().isEqualTo("started");
        assertThat(result.getExitCode()).isEmpty();
    }

    /**
     * Issue 14: a double-forked grandchild of the build survived the timeout, and the timeout was reported after
     * 18 s for 5 s. The duration asserted is the one the engine records, against the documented grace period.
     */
    @Test
    void shouldStopADoubleForkedGrandchildAtTheTimeoutAndReportTheTimeoutWithinTheGracePeriod() {
        Duration timeout = Duration.ofSeconds(2);

        BuildResult result = run(request("sh -c '(setsid sleep 300 &) ; echo started; sleep 300'").timeout(timeout));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        BuildFailed payload = failed(result);
        assertThat(payload.reason()).endsWith("did not finish within 2s and was stopped with its processes");
        assertThat(payload.logTail()).contains("started");
        assertThat(result.getDuration()).isGreaterThanOrEqualTo(timeout)
                .isLessThan(timeout.plus(LocalProcessRunner.GRACE).plusSeconds(1));
        assertThat(payload.duration()).isLessThan(timeout.plus(LocalProcessRunner.GRACE).plusSeconds(1).toSeconds());
        assertThat(processes.getRunCookie().findProcesses()).as("processes of the build, re-parented or not")
                .isEmpty();
    }

    @Test
    void shouldRecordABuildStoppedByAnInterruptedRunAsFailedWithTheReason() {
        ProcessRunner interrupted = (spec, output) -> {
            output.info("compiling");
            return new ProcessOutcome(-1, false, true, Duration.ofSeconds(3), List.of("compiling"));
        };
        BotContext context = BotContext.builder(workspace).log(console).masker(masker).bus(bus)
                .processes(interrupted).build();

        BuildResult result = bot().run(request("make all").build(), context);

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        BuildFailed payload = failed(result);
        assertThat(payload.reason()).isEqualTo("The build command 'make all' was interrupted after 3s and stopped"
                + " with its processes");
        assertThat(payload.exitCode()).isNull();
        assertThat(payload.logTail()).containsExactly("compiling");
    }

    @Test
    void shouldRecordABuildThatAStoppedRunRefusesToStartAsInterrupted() {
        processes.stopAll();

        BuildResult result = run(request("sh -c 'echo never'"));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(failed(result).reason()).contains("was interrupted");
        assertThat(console.getInfoLines()).noneMatch(line -> line.equals("never"));
    }

    @Test
    void shouldMaskSecretsPrintedByTheBuildInLogsAndMessages() {
        masker.add(SECRET);

        BuildResult result = run(request("sh -c 'echo token=" + SECRET + "; exit 1'"));

        BuildFailed payload = failed(result);
        assertThat(payload.logTail()).containsExactly("token=****");
        assertThat(payload.reason()).doesNotContain(SECRET).contains("****");
        assertThat(console.getInfoLines()).contains("token=****").noneMatch(line -> line.contains(SECRET));
        assertThat(console.getErrorLines()).noneMatch(line -> line.contains(SECRET));
        assertThat(result.getLog().getInfoLines()).contains("token=****").noneMatch(line -> line.contains(SECRET));
        assertThat(result.getSummary()).doesNotContain(SECRET);
        assertThat(result.getMessages().get(0).getPayload().toString()).doesNotContain(SECRET);
    }

    @Test
    void shouldMaskAwsCredentialsReadForAnS3Store() {
        environment.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEYID");
        environment.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret-key");

        BuildResult result = run(request("sh -c 'echo key=$AWS_ACCESS_KEY_ID secret=$AWS_SECRET_ACCESS_KEY; exit 2'")
                .store("s3://artifacts/ci").s3Endpoint("http://127.0.0.1:1"));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(console.getInfoLines()).noneMatch(line -> line.contains("wJalrXUtnFEMI-secret-key"));
    }

    @Test
    void shouldGiveTheBuildItsIdBranchCommitAndPriorityInTheEnvironment() throws IOException {
        BuildResult result = run(request("sh -c 'echo $LOTABOTS_BUILD_ID $LOTABOTS_BRANCH $LOTABOTS_COMMIT"
                + " $LOTABOTS_PRIORITY [$LOTABOTS_SKIP_STEPS]'"));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(console.getInfoLines()).contains("build-42 main a1b2c3d4e5f6 normal []");
    }

    @Test
    void shouldSkipNonEssentialMavenStepsUnderCriticalPriority() throws IOException {
        Path wrapper = file("mvnw", "#!/bin/sh\necho \"$@\" > maven-arguments.txt\necho skip=$LOTABOTS_SKIP_STEPS\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));

        BuildResult result = run(Map.of("priority", "critical", "nonEssential", "javadoc,site", "branch", "hotfix/1",
                "commit", COMMIT, "buildId", "hotfix-1"));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(workspace.resolve("maven-arguments.txt"))
                .hasContent("-B verify -Dmaven.javadoc.skip=true -Dmaven.site.skip=true");
        assertThat(result.getCommand()).isEqualTo("./mvnw -B verify -Dmaven.javadoc.skip=true -Dmaven.site.skip=true");
        assertThat(result.getSkippedSteps()).containsExactly("javadoc", "site");
        BuildCompleted payload = completed(result);
        assertThat(payload.priority()).isEqualTo("critical");
        assertThat(payload.skippedSteps()).containsExactly("javadoc", "site");
        assertThat(console.getInfoLines()).contains("skip=javadoc,site", "Critical priority: skipping javadoc, site");
    }

    @Test
    void shouldRunEveryStepUnderNormalPriority() throws IOException {
        Path wrapper = file("mvnw", "#!/bin/sh\necho \"$@\" > maven-arguments.txt\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));

        BuildResult result = run(BuildRequest.builder().branch("main").commit(COMMIT));

        assertThat(workspace.resolve("maven-arguments.txt")).hasContent("-B verify");
        assertThat(completed(result).skippedSteps()).isEmpty();
    }

    @Test
    void shouldSayWhichStepsACustomCommandCannotSkip() {
        BuildResult result = run(request("sh -c 'echo skip=$LOTABOTS_SKIP_STEPS'").priority(BuildPriority.CRITICAL)
                .nonEssential(List.of("javadoc")));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(completed(result).skippedSteps()).isEmpty();
        assertThat(console.getInfoLines()).contains("skip=javadoc");
        assertThat(console.getErrorLines()).anySatisfy(line -> assertThat(line)
                .startsWith("Critical priority: cannot skip javadoc with this build command"));
    }

    @Test
    void shouldWarnButSucceedWhenNoArtifactMatches() {
        BuildResult result = run(request("true").artifacts(List.of("target/*.jar")));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getArtifactUrl()).isEmpty();
        assertThat(completed(result).artifactUrl()).isNull();
        assertThat(result.getOutputs()).doesNotContainKey("artifactUrl").containsEntry("artifactCount", 0);
        assertThat(console.getErrorLines()).isEmpty();
        assertThat(console.getInfoLines()).anySatisfy(line -> assertThat(line)
                .startsWith("Warning: no file matches the artifacts 'target/*.jar'"));
    }

    @Test
    void shouldFailWhenNoArtifactMatchesAndArtifactsAreRequired() {
        BuildResult result = run(request("true").artifacts(List.of("target/*.jar")).requireArtifacts(true));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        BuildFailed payload = failed(result);
        assertThat(payload.reason()).isEqualTo("The build succeeded but no file matches the artifacts"
                + " 'target/*.jar', and requireArtifacts is set");
        assertThat(payload.exitCode()).isZero();
    }

    @Test
    void shouldNeverStoreTheStoreFolderItselfAgain() {
        run(request("sh -c 'printf hello > app.jar'").artifacts(List.of("**/*.jar")));
        BuildResult second = run(request("true").artifacts(List.of("**/*.jar")).buildId("build-43"));

        assertThat(second.getArtifacts()).extracting(Artifact::path).containsExactly("app.jar");
        assertThat(workspace.resolve(".lotabots/artifacts/build-43/.lotabots")).doesNotExist();
    }

    @Test
    void shouldStoreInAnAbsoluteFolderOutsideTheWorkspaceBecauseTheUserChoseIt() {
        BuildResult result = run(request("sh -c 'printf hello > app.jar'").artifacts(List.of("app.jar"))
                .store(outside.toString()));

        assertThat(outside.resolve("build-42/app.jar")).hasContent("hello");
        assertThat(result.getArtifactUrl()).contains(outside.resolve("build-42").toUri().toString());
    }

    @Test
    void shouldReportSymlinkedArtifactsOutsideTheWorkspaceAndStoreTheRest() throws IOException {
        Files.writeString(outside.resolve("secret.jar"), "secret");
        Files.createSymbolicLink(workspace.resolve("evil.jar"), outside.resolve("secret.jar"));

        BuildResult result = run(request("sh -c 'printf hello > app.jar'").artifacts(List.of("*.jar")));

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getArtifacts()).extracting(Artifact::path).containsExactly("app.jar");
        assertThat(workspace.resolve(".lotabots/artifacts/build-42/evil.jar")).doesNotExist();
        assertThat(console.getErrorLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("Not stored: evil.jar: symbolic link to '").endsWith("outside the workspace"));
    }

    @Test
    void shouldFailWhenTheStoreCannotBeWrittenAfterASuccessfulBuild() throws IOException {
        file("blocked", "a file where the store folder should be");

        BuildResult result = run(request("sh -c 'printf hello > app.jar'").artifacts(List.of("app.jar"))
                .store("blocked/store"));

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        BuildFailed payload = failed(result);
        assertThat(payload.reason()).startsWith("The build succeeded but its artifacts could not be stored: Cannot"
                + " store");
        assertThat(payload.exitCode()).isZero();
    }

    @Test
    void shouldRefuseArtifactPatternsThatLeaveTheWorkspaceBeforeBuilding() {
        assertFails(() -> run(request("touch ran").artifacts(List.of("../outside/*.jar"))),
                WorkspaceErrorCode.OUTSIDE_WORKSPACE, "'../outside/*.jar' leaves the workspace");
        assertFails(() -> run(request("touch ran").artifacts(List.of("/etc/passwd"))),
                WorkspaceErrorCode.OUTSIDE_WORKSPACE, "absolute path outside the workspace");
        assertFails(() -> run(request("touch ran").artifacts(List.of("*.jar")).excludes(List.of("../x"))),
                WorkspaceErrorCode.OUTSIDE_WORKSPACE, "'../x'");
        assertThat(workspace.resolve("ran")).doesNotExist();
        assertThat(bus.getPublished()).isEmpty();
    }

    @Test
    void shouldRefuseARelativeStoreThatLeavesTheWorkspaceBeforeBuilding() {
        assertFails(() -> run(request("touch ran").store("../outside")), ArtifactErrorCode.OUTSIDE_WORKSPACE,
                "'../outside': it is outside the workspace");
        assertThat(workspace.resolve("ran")).doesNotExist();
    }

    @Test
    void shouldFailClearlyAndPublishBuildFailedWhenTheCommandDoesNotExist() {
        assertFails(() -> run(request("no-such-build-tool-xyz --all")), ProcessErrorCode.CANNOT_START,
                "The build command 'no-such-build-tool-xyz --all' cannot be started");

        assertThat(bus.getPublished()).singleElement().satisfies(message -> {
            assertThat(message.getType()).isEqualTo(BuildFailed.TYPE);
            assertThat(message.payloadAs(BuildFailed.class).reason()).contains("no-such-build-tool-xyz");
            assertThat(message.payloadAs(BuildFailed.class).exitCode()).isNull();
        });
    }

    @Test
    void shouldNameWhatItLookedForWhenItCannotDetectTheBuildTool() {
        assertFails(() -> run(BuildRequest.builder().branch("main").commit(COMMIT)), BuildErrorCode.NO_BUILD_TOOL,
                "none of mvnw, pom.xml, gradlew");
    }

    @Test
    void shouldRefuseMalformedCommandsAndOptions() {
        assertFails(() -> run(request("sh -c 'echo")), BuildErrorCode.INVALID_COMMAND, "unclosed single quote");
        assertFails(() -> run(Map.of("buildId", "../../etc")), BuildErrorCode.INVALID_BUILD_ID,
                "'../../etc' cannot name a folder");
        assertFails(() -> run(Map.of("priority", "urgent")), BotErrorCode.INVALID_OPTION,
                "Option 'priority' of BuildBot expected one of normal, critical");
        assertFails(() -> run(Map.of("timeout", "soon")), BotErrorCode.INVALID_OPTION, "'soon' is not a duration");
        assertFails(() -> run(Map.of("timeout", "0s")), BotErrorCode.INVALID_OPTION, "must be positive");
        assertFails(() -> run(Map.of("artifact", "x")), BotErrorCode.INVALID_OPTION, "is not an option of BuildBot");
        assertFails(() -> run(request("touch ran").requireArtifacts(true)), BotErrorCode.INVALID_OPTION,
                "'requireArtifacts' of BuildBot is set but no artifacts are given");
        assertThat(workspace.resolve("ran")).doesNotExist();
        assertFails(() -> run(request("true").priority(BuildPriority.CRITICAL).nonEssential(List.of("-X"))),
                BuildErrorCode.INVALID_STEP, "'-X' is not a plain name");
    }

    @Test
    void shouldRecordAnUnversionedBuildWhenThereIsNoRepository() {
        BuildResult unversioned = run(BuildRequest.builder().command("true"));
        assertThat(unversioned.getBranch()).isEqualTo(BuildBot.UNVERSIONED);
        assertThat(unversioned.getCommit()).isEqualTo(BuildBot.UNVERSIONED);
        assertThat(unversioned.getLog().getInfoLines()).anyMatch(line -> line.contains("no Git repository"));

        ciVariables.put("BRANCH_NAME", "PR-12");
        BuildResult result = run(BuildRequest.builder().command("true").commit(COMMIT));
        assertThat(result.getBranch()).isEqualTo("PR-12");
        assertThat(result.getCommit()).isEqualTo(COMMIT);
    }

    @Test
    void shouldReadBranchAndCommitFromGitAndMakeABuildId() throws Exception {
        RevCommit commit;
        try (Git git = Git.init().setDirectory(workspace.toFile()).setInitialBranch("develop").call()) {
            file("README.md", "hello");
            git.add().addFilepattern("README.md").call();
            commit = git.commit().setMessage("first").setAuthor("T", "t@example.com")
                    .setCommitter("T", "t@example.com").setSign(false).call();
        }

        BuildResult result = run(BuildRequest.builder().command("true"));

        assertThat(result.getBranch()).isEqualTo("develop");
        assertThat(result.getCommit()).isEqualTo(commit.name());
        assertThat(result.getBuildId()).isEqualTo("build-20261124-101530-" + commit.name().substring(0, 8));
    }

    @Test
    void shouldTakeTheBranchOfADetachedHeadFromCiVariables() throws Exception {
        try (Git git = Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
            file("README.md", "hello");
            git.add().addFilepattern("README.md").call();
            RevCommit commit = git.commit().setMessage("first").setAuthor("T", "t@example.com")
                    .setCommitter("T", "t@example.com").setSign(false).call();
            git.checkout().setName(commit.name()).call();
        }
        ciVariables.put("GIT_BRANCH", "origin/release");

        assertThat(run(BuildRequest.builder().command("true")).getBranch()).isEqualTo("release");
    }

    @Test
    void shouldDescribeItselfWithOptionsDefaultsAndHelp() {
        BuildBot bot = new BuildBot();

        assertThat(bot.getDescriptor().getId()).isEqualTo("build");
        assertThat(bot.getDescriptor().getName()).isEqualTo("BuildBot");
        assertThat(bot.getDescriptor().getFunctionName()).isEqualTo("buildBot");
        assertThat(bot.getDescriptor().getOptions()).extracting(BotOption::getName).containsExactly("command",
                "artifacts", "excludes", "store", "requireArtifacts", "priority", "nonEssential", "testFailures", "timeout", "branch",
                "commit", "buildId", "s3Endpoint", "s3Region");
        assertThat(bot.getDescriptor().getOptions()).allSatisfy(option -> assertThat(option.getHelp()).endsWith("."));
        assertThat(BuildBotDescriptor.STORE.getDefaultValue()).contains(".lotabots/artifacts");
        assertThat(BuildBotDescriptor.TIMEOUT.getDefaultValue()).contains(Duration.ofMinutes(30));
        assertThat(BuildBotDescriptor.PRIORITY.getType().getChoices()).containsExactly("normal", "critical");
        assertThat(BuildBotDescriptor.NON_ESSENTIAL.getCommandLineName()).isEqualTo("--non-essential");

        BuildRequest defaults = bot.getDescriptor().createRequest(Map.of());
        assertThat(defaults.getCommand()).isEmpty();
        assertThat(defaults.getStore()).isEqualTo(".lotabots/artifacts");
        assertThat(defaults.getPriority()).isEqualTo(BuildPriority.NORMAL);
        assertThat(defaults.getNonEssential()).containsExactly("javadoc", "site");
        assertThat(defaults.getTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.getS3Region()).isEqualTo("us-east-1");
        assertThat(defaults.isRequireArtifacts()).isFalse();
    }

    @Test
    void shouldBeRegisteredForTheFrontEnds() {
        assertThat(BotRegistry.standard().find("build")).hasValueSatisfying(
                bot -> assertThat(bot).isInstanceOf(BuildBot.class));
        assertThat(BotRegistry.standard().find("BuildBot")).isPresent();
    }

    @Test
    void shouldKeepTheBuildCompletedMessageSmallForManyArtifacts() throws IOException {
        for (int i = 0; i < 1_500; i++) {
            file("out/" + "deep-folder-name/".repeat(3) + "artifact-" + i + ".bin", "x");
        }

        BuildResult result = run(request("true").artifacts(List.of("out/**")));

        assertThat(result.getArtifacts()).hasSize(1_500);
        Message message = result.getMessages().get(0);
        assertThat(message.payloadAs(BuildCompleted.class).artifacts()).hasSizeLessThan(1_500).isNotEmpty();
        assertThat(console.getInfoLines()).anySatisfy(line -> assertThat(line)
                .contains("of the 1500 artifacts (message size limit)"));
    }
}
