package io.lotabots.scenario;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    private static final String HEAD = "name: s\ntitle: S\ndescription: d\ntrigger: t\n";

    @Test
    void readsBotStagesWithOptionsConditionsAndFailurePaths() {
        Scenario scenario = loader.parse(HEAD + """
                stages:
                  - id: deploy
                    stage: Deploy
                    bot: deploy
                    options: {environment: production, smoke: [http://a/health, http://b/health], replicas: 3}
                    when: branch != release
                    onFailure:
                      - {id: rollback, stage: Rollback, bot: deploy}
                """, "s.yaml");

        ScenarioStage.BotStage stage = (ScenarioStage.BotStage) scenario.stages().get(0);
        assertThat(stage.options()).containsEntry("environment", "production").containsEntry("replicas", 3)
                .containsEntry("smoke", java.util.List.of("http://a/health", "http://b/health"));
        assertThat(stage.when()).hasToString("branch != release");
        assertThat(stage.onFailure()).extracting(ScenarioStage.BotStage::id).containsExactly("rollback");
        assertThat(scenario.botStages()).hasSize(2);
    }

    @Test
    void namesTheFieldOfAnUnknownKey() {
        assertThatThrownBy(() -> loader.parse(HEAD + "stages:\n  - {id: b, stage: B, bot: build, option: {}}\n", "s.yaml"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageStartingWith("The scenario s.yaml field stages[0].option is not a known key; the keys here are ");
    }

    @Test
    void namesAMissingRequiredField() {
        assertThatThrownBy(() -> loader.parse(HEAD + "stages:\n  - {id: b, bot: build}\n", "s.yaml"))
                .hasMessage("The scenario s.yaml field stages[0].stage is missing; it is required");
    }

    @Test
    void shouldRefuseADuplicateKeyAndAnAliasNamingTheLine() {
        assertThatThrownBy(() -> loader.parse(HEAD + "stages:\n  - {id: b, stage: B, bot: build}\nstages: []\n", "s.yaml"))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("s.yaml line")
                .hasMessageContaining("Duplicate field 'stages'");
        assertThatThrownBy(() -> loader.parse(HEAD + "stages:\n  - &s {id: b, stage: B, bot: build}\n  - *s\n", "s.yaml"))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("alias '*s'");
    }

    @Test
    void refusesTwoStagesWithOneId() {
        assertThatThrownBy(() -> loader.parse(HEAD + "stages:\n  - {id: b, stage: B, bot: build}\n  - {id: b, stage: C, bot: build}\n", "s.yaml"))
                .hasMessage("The scenario s.yaml field stages[1].id repeats the id 'b'; every stage needs an id of its own");
    }

    @Test
    void refusesAConditionItCannotRead() {
        assertThatThrownBy(() -> loader.parse(HEAD + "stages:\n  - {id: b, stage: B, bot: build, when: 'branch is main'}\n", "s.yaml"))
                .hasMessageContaining("field stages[0].when 'branch is main' is not of the form PARAMETER == VALUE");
    }

    @Test
    void namesTheLineOfMalformedYaml() {
        assertThatThrownBy(() -> loader.parse(HEAD + "stages:\n  - id: [b\n", "s.yaml"))
                .hasMessageStartingWith("The scenario s.yaml line ");
    }

    @Test
    void refusesAnEmptyStageList() {
        assertThatThrownBy(() -> loader.parse(HEAD + "stages: []\n", "s.yaml"))
                .hasMessage("The scenario s.yaml field stages must be a non-empty list");
    }

    @Test
    void namesTheKnownScenariosWhenAskedForAnotherOne() {
        assertThatThrownBy(() -> loader.builtIn("no-such-flow"))
                .hasMessageStartingWith("There is no scenario 'no-such-flow'; the scenarios are ");
    }

    @Test
    void readsEveryBuiltInScenario() {
        assertThat(loader.builtInNames()).isNotEmpty();
        for (String name : loader.builtInNames()) {
            assertThat(loader.builtIn(name).name()).isEqualTo(name);
        }
    }
}
