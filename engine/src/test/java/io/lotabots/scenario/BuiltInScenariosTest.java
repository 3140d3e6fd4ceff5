package io.lotabots.scenario;

import io.lotabots.bot.BotRegistry;
import io.lotabots.workflow.Workflow;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in scenarios as they ship: listed, readable, and compiled against the standard bots, so that an option
 * or a placeholder that no bot takes fails here and not in a user's run.
 */
class BuiltInScenariosTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    @Test
    void shouldListTheFourScenariosInTheOrderOfTheIndex() {
        assertThat(loader.builtInNames()).containsExactly("build-test-deploy", "security-first", "hotfix",
                "incident-response");
    }

    @ParameterizedTest
    @ValueSource(strings = {"build-test-deploy", "security-first", "hotfix", "incident-response"})
    void shouldCompileEveryBuiltInScenarioAgainstTheStandardBots(final String name) {
        Scenario scenario = loader.builtIn(name);

        Workflow workflow = new ScenarioCompiler(BotRegistry.standard()).compile(scenario, Map.of());

        assertThat(scenario.name()).isEqualTo(name);
        assertThat(workflow.name()).isEqualTo(name);
    }

    @Test
    void shouldAskAPersonBeforeIncidentResponseRollsBackAndActOnTheIncidentItOpened() {
        Scenario scenario = loader.builtIn("incident-response");

        assertThat(scenario.stages()).extracting(ScenarioStage::stage).containsExactly("Open Incident", "Escalate",
                "Decide Rollback", "Roll Back", "Verify", "Resolve Incident", "Post-mortem", "Announce");
        assertThat(scenario.stages().get(2)).isInstanceOfSatisfying(ScenarioStage.ApprovalStage.class,
                approval -> assertThat(approval.gate()).isEqualTo("rollback"));
        assertThat(scenario.botStages()).filteredOn(stage -> stage.bot().equals("incident"))
                .filteredOn(stage -> !stage.id().equals("openIncident"))
                .allSatisfy(stage -> assertThat(stage.options()).containsEntry("id", "${stages.openIncident.id}"));
    }

    @Test
    void shouldJudgeTheRolledBackReleaseByItsErrorRateOnlyWhenARunGivesPrometheus() {
        ScenarioStage.BotStage verify = loader.builtIn("incident-response").botStages().stream()
                .filter(stage -> stage.id().equals("verify")).findFirst().orElseThrow();

        Map<String, Object> byHand = ScenarioPlaceholders.resolve(verify.options(), Map.of(), (id, output) -> null);
        Map<String, Object> withMetrics = ScenarioPlaceholders.resolve(verify.options(), Map.of("prometheus",
                "http://127.0.0.1:9090", "errorRate", "error_rate < 1% key", "selector", "job=\"web\""),
                (id, output) -> null);

        assertThat(byHand).doesNotContainKeys("prometheus", "selector").containsEntry("criterion", List.of())
                .containsEntry("deployedHealth", true);
        assertThat(withMetrics).containsEntry("prometheus", "http://127.0.0.1:9090")
                .containsEntry("criterion", List.of("error_rate < 1% key")).containsEntry("selector", "job=\"web\"")
                .containsEntry("deployedHealth", true);
        assertThat(io.lotabots.bot.monitor.MonitorBotDescriptor.get().createRequest(withMetrics))
                .satisfies(request -> {
                    assertThat(request.queries()).containsKey("error_rate");
                    assertThat(request.queries().get("error_rate")).contains("job=\"web\"");
                    assertThat(request.deployedHealth()).isTrue();
                });
    }
}
