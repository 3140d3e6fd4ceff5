package io.jenkins.plugins.lotabots;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BotStepRunnerTest {
    private final BotDescriptor<?> testBot = BotRegistry.standard().get("test").getDescriptor();

    @Test
    void shouldPutGivenOptionsOverTheGlobalDefaultsInTheDescriptorsOrder() {
        Map<String, Object> values = BotStepRunner.withDefaults(testBot,
                Map.of("minCoverage", 80.0, "maxFailures", 0, "notAnOption", "x"),
                Map.of("maxFailures", 3, "junit", List.of("a.xml")));

        assertThat(values).containsExactly(Map.entry("junit", List.of("a.xml")), Map.entry("minCoverage", 80.0),
                Map.entry("maxFailures", 3));
    }

    @Test
    void shouldKeepAGivenUnknownOptionSoThatTheEngineNamesIt() {
        assertThat(BotStepRunner.withDefaults(testBot, Map.of(), Map.of("minCoverag", 80)))
                .containsExactly(Map.entry("minCoverag", 80));
    }

    @Test
    void shouldMaskOnlyTheValuesOfSecretVariables() {
        List<String> secrets = BotStepRunner.secretValues(Map.of("SLACK_WEBHOOK_URL", "https://hooks/x",
                "SMTP_HOST", "smtp.example.com", "SMTP_PASSWORD", "", "PAGERDUTY_ROUTING_KEY", "r0uting"),
                Set.of("SLACK_WEBHOOK_URL", "SMTP_PASSWORD", "PAGERDUTY_ROUTING_KEY"));

        assertThat(secrets).containsExactly("https://hooks/x", "r0uting");
    }

    @Test
    void shouldReturnStatusSummaryAndOutputsAsTheStepsMap() {
        BotOutcome outcome = new BotOutcome("TestBot", "UNSTABLE", "2 tests; UNSTABLE",
                Map.of("status", "UNSTABLE", "coverage", 87.5));

        assertThat(outcome.toMap()).containsEntry("status", "UNSTABLE").containsEntry("summary", "2 tests; UNSTABLE")
                .containsEntry("coverage", 87.5).hasSize(3);
        assertThat(outcome.isUnstable()).isTrue();
        assertThat(outcome.isFailure()).isFalse();
        assertThat(BotStepRunner.failure(new BotOutcome("TestBot", "FAILURE", "1 failed; FAILURE", Map.of())))
                .hasMessage(Messages.BotStepRunner_Failed("TestBot", "1 failed; FAILURE"));
    }
}
