package io.lotabots.acceptance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two example Jenkinsfiles of {@code examples/jenkinsfiles/} run as they are on a copy of
 * {@code examples/sample-app}. The copy is made on this machine and the Pipeline's {@code agent any} is replaced by
 * a node whose custom workspace is that copy, so these tests need the Jenkins agent on this machine: a Jenkins at a
 * loopback address, or LOTABOTS_AT_LOCAL_AGENT=true. They also need Maven and access to Maven Central on the agent
 * (the sample app is built with Maven), and take as long as the scenario does.
 */
@RequiresJenkins
class ExampleJenkinsfilesATest {
    private static final List<String> BOTS = List.of("BuildBot", "TestBot", "SecurityBot", "DeployBot",
            "MonitorBot", "NotificationBot");
    private static final List<String> TYPES = List.of("build.completed", "test.completed",
            "security.scan_completed", "deploy.completed", "monitor.verdict", "notification.sent");

    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    private static Path work;

    @BeforeAll
    static void requireALocalAgent() throws IOException {
        assumeTrue(agentIsLocal(), "the Jenkins at " + JENKINS.client().base() + " is not on this machine, so its "
                + "agent cannot use a copy of examples/sample-app made here; set LOTABOTS_AT_LOCAL_AGENT=true if it is");
        String dir = System.getenv("LOTABOTS_AT_WORK_DIR");
        work = dir == null || dir.isBlank() ? Files.createTempDirectory("lotabots-at-") : Path.of(dir.strip());
    }

    /**
     * Stops the services an example deployed, after each example: the directory target keeps them running after the
     * build, on the example's fixed ports, and the next example must find those ports free. They are found by their
     * command line, which names the copy made here, and waited for until they have exited.
     */
    @AfterEach
    void stopTheServicesOfThisExample() throws InterruptedException {
        stopTheDeployedServices();
    }

    @AfterAll
    static void stopTheDeployedServices() throws InterruptedException {
        if (work == null) {
            return;
        }
        String root = work.toAbsolutePath().toString();
        List<ProcessHandle> services = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(root)).orElse(false))
                .toList();
        services.forEach(ProcessHandle::destroy);
        for (ProcessHandle service : services) {
            try {
                service.onExit().get(30, TimeUnit.SECONDS);
            }
            catch (ExecutionException | TimeoutException e) {
                service.destroyForcibly();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"build-test-deploy.Jenkinsfile", "build-test-deploy-steps.Jenkinsfile"})
    void shouldRunTheExampleOnTheSampleAppThroughAllBots(final String example) throws Exception {
        Path repository = repositoryRoot();
        Path workspace = copySampleApp(repository.resolve("examples/sample-app"),
                work.resolve(example.replace(".Jenkinsfile", "")));
        String jenkinsfile = inWorkspace(
                Files.readString(repository.resolve("examples/jenkinsfiles").resolve(example), StandardCharsets.UTF_8),
                workspace);
        String job = JENKINS.pipelineScript("example-" + example.replace(".Jenkinsfile", ""), jenkinsfile);

        int number = JENKINS.client().build(job, Map.of(), JenkinsJobs.buildDeadline());
        String result = JENKINS.client().waitForResult(job, number, exampleDeadline());
        BuildRun run = new BuildRun(job, number, result, JENKINS.client().consoleText(job, number));

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        for (String bot : BOTS) {
            assertThat(run.console().linesOf(bot)).as("lines of %s in %s", bot, run).isNotEmpty();
        }
        assertThat(run.console().stackFrames()).as("%s", run).isEmpty();
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages).containsKeys(TYPES.toArray(String[]::new));
        assertThat(messages.stagesOf("build.completed")).as("%s", messages).doesNotContain("");
    }

    /**
     * Replaces the example's single {@code agent any} by a node working in the given folder.
     */
    static String inWorkspace(final String jenkinsfile, final Path workspace) {
        String agent = "agent any";
        int at = jenkinsfile.indexOf(agent);
        if (at < 0 || jenkinsfile.indexOf(agent, at + 1) >= 0) {
            throw new IllegalArgumentException("The example must hold 'agent any' exactly once");
        }
        String path = workspace.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'");
        return jenkinsfile.substring(0, at) + "agent {\n        node {\n            label ''\n"
                + "            customWorkspace '" + path + "'\n        }\n    }"
                + jenkinsfile.substring(at + agent.length());
    }

    private static boolean agentIsLocal() throws IOException {
        if ("true".equals(System.getenv("LOTABOTS_AT_LOCAL_AGENT"))) {
            return true;
        }
        String host = JENKINS.client().base().getHost();
        return host != null && InetAddress.getByName(host).isLoopbackAddress();
    }

    private static Duration exampleDeadline() {
        String minutes = System.getenv("LOTABOTS_AT_EXAMPLE_MINUTES");
        return Duration.ofMinutes(minutes == null || minutes.isBlank() ? 45 : Long.parseLong(minutes.strip()));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples/jenkinsfiles"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No examples/jenkinsfiles above " + Path.of("").toAbsolutePath());
    }

    private static Path copySampleApp(final Path source, final Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path path : files.toList()) {
                Path relative = source.relativize(path);
                if (relative.startsWith("target") || relative.startsWith(".lotabots")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }
}
