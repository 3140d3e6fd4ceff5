package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post-build actions of freestyle jobs ({@code TestBotRecorder}, {@code SecurityBotRecorder},
 * {@code NotificationBotRecorder}), configured through config.xml, after a shell step that writes the workspace.
 * A recorder's XML fields are named as the engine's options; options left out keep their defaults.
 */
@RequiresJenkins
class RecordersATest {
    private static final String PACKAGE = "io.jenkins.plugins.lotabots.";

    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    @Test
    void shouldJudgeTestReportsAfterTheBuildAndThenNotify() throws Exception {
        String shell = """
                mkdir -p target/surefire-reports target/site/jacoco
                cat > target/surefire-reports/TEST-io.lotabots.demo.GreeterTest.xml <<'XML'
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="io.lotabots.demo.GreeterTest" tests="2" failures="0" errors="0" skipped="0" time="0.02">
                  <testcase classname="io.lotabots.demo.GreeterTest" name="greets" time="0.01"/>
                  <testcase classname="io.lotabots.demo.GreeterTest" name="greetsByName" time="0.01"/>
                </testsuite>
                XML
                cat > target/site/jacoco/jacoco.xml <<'XML'
                <?xml version="1.0" encoding="UTF-8"?>
                <report name="demo"><package name="io/lotabots/demo"><class name="io/lotabots/demo/Greeter" sourcefilename="Greeter.java"/><sourcefile name="Greeter.java"><line nr="3" mi="0" ci="3" mb="0" cb="0"/><line nr="4" mi="0" ci="2" mb="0" cb="0"/></sourcefile></package></report>
                XML
                """;
        Map<String, Map<String, String>> recorders = new LinkedHashMap<>();
        recorders.put(PACKAGE + "test.TestBotRecorder", Map.of("minCoverage", "50.0"));
        recorders.put(PACKAGE + "notify.NotificationBotRecorder", Map.of());
        String job = JENKINS.job("test-recorder",
                JobXml.freestyle("LotaBots acceptance test: TestBot and NotificationBot recorders", shell, recorders));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("SUCCESS");
        assertThat(run.console().linesOf("TestBot")).as("%s", run)
                .anySatisfy(line -> assertThat(line).contains("2 tests"));
        assertThat(run.console().linesOf("NotificationBot")).as("%s", run).isNotEmpty();
        BotMessagesView messages = JENKINS.messages(run);
        assertThat(messages.countsByType()).as("%s", messages).containsEntry("test.completed", 1)
                .containsKey("notification.sent");
        assertThat(messages.stagesOf("test.completed")).as("a freestyle job has no stages").containsExactly("");
    }

    @Test
    void shouldFailAFreestyleBuildWhoseWorkspaceHoldsAnAwsKey() throws Exception {
        String shell = "set +x\nmkdir -p config\nprintf 'aws_access_key_id = %s\\naws_secret_access_key = %s\\n' "
                + "AKIA\"Q3EGRU7PLKX4\"M2VB Zk8pQ2rT5vX9bN3mL7c/\"1hJ4dS6gA0eW2yU8iO5t\" > config/aws.properties\n";
        String job = JENKINS.job("security-recorder", JobXml.freestyle(
                "LotaBots acceptance test: SecurityBot recorder", shell,
                Map.of(PACKAGE + "security.SecurityBotRecorder", Map.of("failOn", "high"))));

        BuildRun run = JENKINS.run(job, Map.of());

        assertThat(run.result()).as("%s", run).isEqualTo("FAILURE");
        assertThat(run.console().linesOf("SecurityBot")).as("%s", run)
                .anySatisfy(line -> assertThat(line).contains("aws.properties"));
        assertThat(run.console().text()).doesNotContain("AKIA" + "Q3EGRU7PLKX4" + "M2VB")
                .doesNotContain("Zk8pQ2rT5vX9bN3mL7c/" + "1hJ4dS6gA0eW2yU8iO5t");
        assertThat(run.console().stackFrames()).as("%s", run).isEmpty();
        assertThat(JENKINS.messages(run).countsByType()).containsEntry("security.scan_completed", 1);
    }
}
