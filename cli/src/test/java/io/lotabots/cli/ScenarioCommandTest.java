package io.lotabots.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioCommandTest {
    @Test
    void listsTheBuiltInScenariosWithTitleAndTrigger() {
        CliRun run = CliRun.of("scenario", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("build-test-deploy").contains("Basic Build-Test-Deploy (trigger: push to main)");
    }

    @Test
    void showsTheFlowOfAScenarioWithStageIds() {
        CliRun run = CliRun.of("scenario", "show", "build-test-deploy");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).startsWith("Basic Build-Test-Deploy (build-test-deploy)\nTrigger: push to main\n")
                .contains("1. Build: build (artifacts=[target/*.jar, build/libs/*.jar], testFailures=testBot)   [id build]")
                .contains("2. Test: test   [id test]")
                .contains("on failure -> Roll back Production: deploy (environment=production, rollback=true)")
                .contains("After each stage: notify (channel=[console, file, configured])");
    }

    @Test
    void namesTheKnownScenariosWhenGivenAnUnknownOne() {
        CliRun run = CliRun.of("scenario", "show", "deploy-everything");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("There is no scenario 'deploy-everything'; the scenarios are build-test-deploy");
    }

    @Test
    void refusesARunWhoseBotsAreNotInstalledBeforeRunningAnything() {
        CliRun run = CliRun.of("scenario", "run", "build-test-deploy");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("Stage 'Build' uses the bot 'build', which is not installed");
    }
}
