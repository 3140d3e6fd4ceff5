package io.lotabots.scenario;

import io.lotabots.bot.BotRegistry;
import io.lotabots.workflow.Workflow;

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
}
