package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JenkinsfilesTest {
    @Test
    void shouldFillEveryPlaceholderOfATestJenkinsfile() {
        String jenkinsfile = Jenkinsfiles.read("testBot.Jenkinsfile",
                Map.of("FAILED_TESTS", "1", "COVERED_LINES", "5", "MIN_COVERAGE", "80"));

        assertThat(jenkinsfile).doesNotContain("@@").contains("int failed = 1").contains("testBot(minCoverage: 80)");
    }

    @Test
    void shouldNameAPlaceholderWithoutValueAndAMissingFile() {
        assertThatThrownBy(() -> Jenkinsfiles.read("testBot.Jenkinsfile", Map.of("FAILED_TESTS", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testBot.Jenkinsfile needs a value for @@COVERED_LINES@@");
        assertThatThrownBy(() -> Jenkinsfiles.read("nothing.Jenkinsfile", Map.of()))
                .hasMessageContaining("No test Jenkinsfile jenkinsfiles/nothing.Jenkinsfile");
    }

    @Test
    void shouldTakeValuesLiterallyEvenWithDollarsAndBackslashes() {
        assertThat(Jenkinsfiles.fill("x", "a @@V@@ b", Map.of("V", "$1 \\ ${X}"))).isEqualTo("a $1 \\ ${X} b");
    }

    @Test
    void shouldHaveBalancedBracesInEveryTestJenkinsfile() {
        Map<String, Map<String, String>> files = Map.of(
                "buildBot.Jenkinsfile", Map.of("COMMAND", "true"),
                "testBot.Jenkinsfile", Map.of("FAILED_TESTS", "0", "COVERED_LINES", "9", "MIN_COVERAGE", "80"),
                "securityBot.Jenkinsfile", Map.of("PLANT_KEY", "true"),
                "deployBot.Jenkinsfile", Map.of("BLUE_PORT", "1", "GREEN_PORT", "2"),
                "monitorBot.Jenkinsfile", Map.of("HEALTH", "http://x/ 200"),
                "notificationBot.Jenkinsfile", Map.of(),
                "botMessages.Jenkinsfile", Map.of(),
                "onBotMessage-source.Jenkinsfile", Map.of(),
                "onBotMessage-target.Jenkinsfile", Map.of());
        files.forEach((name, values) -> {
            String text = Jenkinsfiles.read(name, values);
            assertThat(text.chars().filter(c -> c == '{').count()).as(name)
                    .isEqualTo(text.chars().filter(c -> c == '}').count());
            assertThat(text).as(name).startsWith("//").contains("pipeline {");
        });
    }

    @Test
    void shouldRunAnExampleInTheGivenWorkspaceInsteadOfAnyAgent() {
        String example = "pipeline {\n    agent any\n    stages { }\n}\n";

        String changed = SampleAppWorkspaces.inWorkspace(example, Path.of("/tmp/it's here"));

        assertThat(changed).doesNotContain("agent any").contains("customWorkspace '/tmp/it\\'s here'")
                .contains("label ''").endsWith("    stages { }\n}\n");
        assertThatThrownBy(() -> SampleAppWorkspaces.inWorkspace("agent any agent any", Path.of("/w")))
                .hasMessageContaining("exactly once");
    }
}
