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
        Set<String> secrets = BuildSecrets.values(Map.of("SLACK_WEBHOOK_URL", "https://hooks/x",
                "SMTP_HOST", "smtp.example.com", "SMTP_PASSWORD", "", "PAGERDUTY_ROUTING_KEY", "r0uting"),
                Set.of("SLACK_WEBHOOK_URL", "SMTP_PASSWORD", "PAGERDUTY_ROUTING_KEY"));

        assertThat(secrets).containsExactly("https://hooks/x", "r0uting");
    }

    @Test
    void shouldReturnStatusSummaryAndOutputsAsTheStepsMap() {
        BotOutcome outcome = new BotOutcome("TestBot", "UNSTABLE", "2 tests; UNSTABLE",
                Map.of("status", "UNSTABLE", "coverage", 87.5));

        assertThat(outcome.toMap()).containsEntry("status", "UNSTABLE").containsEntry("summary", "2 tests; UNSTABLE")
                .containsEntry("coverage", 87.5).containsEntry("testStatus", "UNSTABLE").hasSize(4);
        assertThat(new BotOutcome("IncidentBot", "SUCCESS", "INC-1 opened", Map.of("status", "triggered",
                "summary", "1.5.0 broke checkout", "id", "INC-1")).toMap()).containsEntry("status", "SUCCESS")
                .containsEntry("incidentStatus", "triggered").containsEntry("summary", "INC-1 opened")
                .containsEntry("incidentSummary", "1.5.0 broke checkout").containsEntry("id", "INC-1");
        assertThat(outcome.isUnstable()).isTrue();
        assertThat(outcome.isFailure()).isFalse();
        assertThat(BotStepRunner.failure(new BotOutcome("TestBot", "FAILURE", "1 failed; FAILURE", Map.of())))
                .hasMessage(Messages.BotStepRunner_Failed("TestBot", "1 failed; FAILURE"));
    }

    @Test
    void shouldRecordOnlyMessagesOfTheBotThatRanAndOfThisBuild() {
        io.lotabots.bus.MessageBus bus = io.lotabots.bus.MessageBus.builder().correlationId("jenkins/app/7").build();
        io.lotabots.message.Message own = bus.publish("TestBot", io.lotabots.message.TestMessages.testCompleted());
        io.lotabots.message.Message claimed = bus.publish("DeployBot",
                io.lotabots.message.TestMessages.buildCompleted());
        io.lotabots.message.Message foreign = io.lotabots.bus.MessageBus.builder().correlationId("jenkins/other/1")
                .build().publish("TestBot", io.lotabots.message.TestMessages.testCompleted());
        List<String> errors = new java.util.ArrayList<>();

        List<io.lotabots.message.Message> accepted = BotStepRunner.accepted(List.of(own.toString(),
                claimed.toString(), foreign.toString(), "{not json"), "TestBot", "jenkins/app/7", errors::add);

        assertThat(accepted).containsExactly(own);
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).contains("DeployBot").contains("TestBot");
        assertThat(errors.get(1)).contains("jenkins/other/1");
    }

    @Test
    void shouldRecordAtMostTheLimitOfMessages() {
        io.lotabots.bus.MessageBus bus = io.lotabots.bus.MessageBus.builder().correlationId("run").build();
        String line = bus.publish("TestBot", io.lotabots.message.TestMessages.testCompleted()).toString();
        List<String> lines = java.util.Collections.nCopies(BotStepRunner.MAX_MESSAGES + 5, line);
        List<String> errors = new java.util.ArrayList<>();

        assertThat(BotStepRunner.accepted(lines, "TestBot", "run", errors::add)).hasSize(BotStepRunner.MAX_MESSAGES);
        assertThat(errors).singleElement().asString().contains(String.valueOf(BotStepRunner.MAX_MESSAGES + 5));
    }

    @Test
    void shouldMaskOutputsAndDropThemWhenTooLarge() {
        io.lotabots.util.SecretMasker masker = new io.lotabots.util.SecretMasker().add("top-secret-value");
        List<String> errors = new java.util.ArrayList<>();

        assertThat(BotStepRunner.outputs(Map.of("url", "https://x/top-secret-value", "n", 3,
                "list", List.of("top-secret-value")), masker, errors::add))
                .containsEntry("url", "https://x/****").containsEntry("n", 3).containsEntry("list", List.of("****"));
        assertThat(BotStepRunner.outputs(Map.of("big", "x".repeat(BotStepRunner.MAX_OUTPUT_CHARS + 1)), masker,
                errors::add)).isEmpty();
        assertThat(errors).singleElement().asString().contains(String.valueOf(BotStepRunner.MAX_OUTPUT_CHARS));
    }
}
