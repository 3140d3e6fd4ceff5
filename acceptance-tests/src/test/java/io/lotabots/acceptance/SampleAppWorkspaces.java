package io.lotabots.acceptance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Copies of {@code examples/sample-app} made on this machine, which Pipelines of a Jenkins on this machine build in
 * (a node with a custom workspace), and the services those builds deployed from them. Tests that use them need the
 * Jenkins agent on this machine ({@link #agentIsLocal}), Maven and access to Maven Central on the agent.
 */
final class SampleAppWorkspaces implements org.junit.jupiter.api.extension.BeforeAllCallback,
        org.junit.jupiter.api.extension.AfterAllCallback {
    private final JenkinsJobs jenkins;
    private Path work;

    /**
     * Creates the extension of a test class: before the class it skips it unless the Jenkins' agent is local and
     * picks the work folder; after the class it stops the services deployed from there. Register it with
     * {@code @RegisterExtension} after the class's {@link JenkinsJobs}.
     */
    SampleAppWorkspaces(final JenkinsJobs jenkins) {
        this.jenkins = jenkins;
    }

    @Override
    public void beforeAll(final org.junit.jupiter.api.extension.ExtensionContext context) throws IOException {
        work = requireLocalAgent(jenkins.client());
    }

    @Override
    public void afterAll(final org.junit.jupiter.api.extension.ExtensionContext context) throws InterruptedException {
        stopServices();
    }

    /** The folder the copies of this test class go to. */
    Path work() {
        return work;
    }

    /** Stops the services deployed from the copies of this test class. */
    void stopServices() throws InterruptedException {
        if (work != null) {
            stopServicesUnder(work);
        }
    }

    /**
     * Returns whether the Jenkins' agent runs on this machine: a Jenkins at a loopback address, or
     * LOTABOTS_AT_LOCAL_AGENT=true.
     */
    static boolean agentIsLocal(final JenkinsClient client) throws IOException {
        if ("true".equals(System.getenv("LOTABOTS_AT_LOCAL_AGENT"))) {
            return true;
        }
        String host = client.base().getHost();
        return host != null && InetAddress.getByName(host).isLoopbackAddress();
    }

    /**
     * Skips the test class unless the Jenkins' agent runs on this machine, and returns the folder its copies go to.
     */
    static Path requireLocalAgent(final JenkinsClient client) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(agentIsLocal(client), "the Jenkins at " + client.base()
                + " is not on this machine, so its agent cannot use a copy of examples/sample-app made here; set"
                + " LOTABOTS_AT_LOCAL_AGENT=true if it is");
        return workDir();
    }

    /** The folder the copies go to: LOTABOTS_AT_WORK_DIR, or a new temporary folder. */
    static Path workDir() throws IOException {
        String dir = System.getenv("LOTABOTS_AT_WORK_DIR");
        return dir == null || dir.isBlank() ? Files.createTempDirectory("lotabots-at-") : Path.of(dir.strip());
    }

    /** The root of the repository, found above the current folder. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples/jenkinsfiles"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No examples/jenkinsfiles above " + Path.of("").toAbsolutePath());
    }

    /** Copies the sample app, without its build output and LotaBots state, into an empty target folder. */
    static Path copySampleApp(final Path target) throws IOException {
        Path source = repositoryRoot().resolve("examples/sample-app");
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

    /**
     * Replaces a Jenkinsfile's single {@code agent any} by a node working in the given folder.
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

    /**
     * Stops the services deployed from copies under a folder: the directory target keeps them running after the
     * build. They are found by their command line, which names the copy, and waited for until they have exited.
     */
    static void stopServicesUnder(final Path root) throws InterruptedException {
        String prefix = root.toAbsolutePath().toString();
        List<ProcessHandle> services = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(prefix)).orElse(false))
                .toList();
        services.forEach(ProcessHandle::destroy);
        for (ProcessHandle service : services) {
            try {
                service.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                service.destroyForcibly();
            }
        }
    }

    /** A port free on the loopback address now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** How long a scenario build on the sample app may take: LOTABOTS_AT_EXAMPLE_MINUTES, 45 by default. */
    static Duration scenarioDeadline() {
        String minutes = System.getenv("LOTABOTS_AT_EXAMPLE_MINUTES");
        return Duration.ofMinutes(minutes == null || minutes.isBlank() ? 45 : Long.parseLong(minutes.strip()));
    }
}
