package io.lotabots.acceptance;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs of one test class: created with the {@code lotabots-at-} prefix, run to their end, and deleted after
 * the class. Register it with {@code @RegisterExtension}.
 */
final class JenkinsJobs implements BeforeAllCallback, AfterAllCallback {
    /** The prefix of every job the acceptance tests create. */
    static final String PREFIX = "lotabots-at-";

    private final Set<String> created = new LinkedHashSet<>();
    private JenkinsClient client;

    @Override
    public void beforeAll(final ExtensionContext context) {
        client = JenkinsClient.fromEnvironment();
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception {
        if (client == null || "true".equals(System.getenv("LOTABOTS_AT_KEEP_JOBS"))) {
            return;
        }
        IOException failure = null;
        for (String job : created) {
            try {
                client.deleteJob(job);
            } catch (IOException e) {
                failure = e;
            }
        }
        created.clear();
        if (failure != null) {
            throw failure;
        }
    }

    JenkinsClient client() {
        return client;
    }

    /**
     * Creates (or updates) a Pipeline job running the test Jenkinsfile.
     *
     * @return the job's name: the prefix and the suffix
     */
    String pipeline(final String suffix, final String jenkinsfile, final Map<String, String> values)
            throws IOException, InterruptedException {
        return pipelineScript(suffix, Jenkinsfiles.read(jenkinsfile, values));
    }

    /** Creates (or updates) a Pipeline job running the given script. */
    String pipelineScript(final String suffix, final String script) throws IOException, InterruptedException {
        String name = PREFIX + suffix;
        created.add(name);
        client.createPipelineJob(name, script);
        return name;
    }

    /** Creates (or updates) a job from its config.xml. */
    String job(final String suffix, final String configXml) throws IOException, InterruptedException {
        String name = PREFIX + suffix;
        created.add(name);
        client.createOrUpdateJob(name, configXml);
        return name;
    }

    /** Builds the job and waits for its end within {@link #buildDeadline()}. */
    BuildRun run(final String job, final Map<String, String> parameters) throws IOException, InterruptedException {
        int number = client.build(job, parameters, buildDeadline());
        return finished(job, number);
    }

    /** Waits for the end of a build that has started. */
    BuildRun finished(final String job, final int number) throws IOException, InterruptedException {
        String result = client.waitForResult(job, number, buildDeadline());
        return new BuildRun(job, number, result, client.consoleText(job, number));
    }

    /** Waits, within {@link #buildDeadline()}, for the job to have a build after the given one; returns its number. */
    int nextBuild(final String job, final int after) throws IOException, InterruptedException {
        Duration deadline = buildDeadline();
        Instant end = Instant.now().plus(deadline);
        while (client.lastBuildNumber(job) <= after) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(job + " did not start a build after #" + after + " within " + deadline);
            }
            Thread.sleep(1000);
        }
        return after + 1;
    }

    /**
     * Builds a job subscribed with {@code onBotMessage} by hand once, which registers its trigger (Jenkins reads a
     * Pipeline job's triggers when it runs), and checks that the build succeeded.
     *
     * @return the build
     */
    BuildRun registerTrigger(final String job) throws IOException, InterruptedException {
        BuildRun registering = run(job, Map.of());
        assertThat(registering.result()).as("the first build registers the trigger: %s", registering)
                .isEqualTo("SUCCESS");
        return registering;
    }

    /**
     * Waits, within {@link #buildDeadline()}, for the build after the given one (the build a message started) and for
     * its end.
     *
     * @param job the job
     * @param after the number of the last build before the message
     * @return the next build, finished
     */
    BuildRun nextFinished(final String job, final int after) throws IOException, InterruptedException {
        return finished(job, nextBuild(job, after));
    }

    /** The messages of a build over the REST API, with every field the tests read. */
    BotMessagesView messages(final BuildRun run) throws IOException, InterruptedException {
        return client.botMessages(run.job(), run.number(), BotMessagesView.FULL_TREE);
    }

    /**
     * How long one build may take: {@code LOTABOTS_AT_BUILD_MINUTES} minutes, 10 by default. A deadline only stops
     * a hanging test; it asserts nothing about speed.
     */
    static Duration buildDeadline() {
        String minutes = System.getenv("LOTABOTS_AT_BUILD_MINUTES");
        return Duration.ofMinutes(minutes == null || minutes.isBlank() ? 10 : Long.parseLong(minutes.strip()));
    }
}
