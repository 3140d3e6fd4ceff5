package io.lotabots.pipeline

import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test

/**
 * lotabotsBuildTestDeploy against the shipped definition resources/io/lotabots/scenarios/build-test-deploy.yaml:
 * the order of bots and notifications, every failure path, every kind of override.
 */
class LotabotsBuildTestDeployTest extends LibraryTestBase {
    private static final List<String> HAPPY_PATH = [
            'stage Build', 'buildBot', 'notify Build SUCCESS',
            'stage Test', 'testBot', 'notify Test SUCCESS',
            'stage Security Scan', 'securityBot', 'notify Security Scan SUCCESS',
            'stage Deploy to Staging', 'deployBot', 'notify Deploy to Staging SUCCESS',
            'stage Deploy to Production', 'deployBot', 'notify Deploy to Production SUCCESS',
            'stage Monitor', 'monitorBot', 'notify Monitor SUCCESS']

    @Test
    void runsEveryBotInTheScenarioOrderWithANotificationAfterEachStage() {
        Throwable error = runScenario()

        assertThat(error).isNull()
        assertThat(flow()).containsExactlyElementsOf(HAPPY_PATH)
        assertThat(buildResult()).isEqualTo('SUCCESS')
        assertThat(calls.findAll { it.step != 'notificationBot' }.collect { "${it.stage}: ${it.step}".toString() })
                .containsExactly('Build: buildBot', 'Test: testBot', 'Security Scan: securityBot',
                        'Deploy to Staging: deployBot', 'Deploy to Production: deployBot', 'Monitor: monitorBot')
    }

    @Test
    void readsTheScenarioFromTheLibraryResources() {
        runScenario()

        assertThat(events).contains('libraryResource io/lotabots/scenarios/build-test-deploy.yaml')
    }

    @Test
    void passesTheScenarioOptionsOfEachStageToItsBot() {
        runScenario()

        assertThat(optionsOf('deployBot')).containsExactly(
                STAGING,
                PRODUCTION)
        assertThat(optionsOf('buildBot')).containsExactly(BUILD)
    }

    @Test
    void notifiesWithTheStageNameResultAndSummary() {
        stepReturns('testBot', [status: 'SUCCESS', summary: '370 tests passed, coverage 87.5%'])

        runScenario()

        assertThat(optionsOf('notificationBot')[1])
                .isEqualTo(NOTIFY + [stage: 'Test', result: 'SUCCESS', summary: '370 tests passed, coverage 87.5%'])
    }

    @Test
    void returnsTheResultOfEveryStage() {
        stepReturns('monitorBot', [status: 'SUCCESS', summary: 'verdict pass, score 0.98', verdict: 'pass'])

        runScenario()

        Map result = (Map) binding.getVariable('result')
        assertThat(result.status).isEqualTo('SUCCESS')
        assertThat(((Map) result.stages).keySet()).containsExactly(
                'build', 'test', 'security', 'deployStaging', 'deployProduction', 'monitor')
        assertThat(result.stages.monitor.result.verdict).isEqualTo('pass')
        assertThat(result.stages.monitor.summary).isEqualTo('verdict pass, score 0.98')
    }

    @Test
    void stopsAtTestBotWithANotificationWhenTestsFail() {
        stepReturns('testBot', [status: 'FAILURE', summary: '3 of 370 tests failed'])

        Throwable error = runScenario()

        assertThat(error).isInstanceOf(AbortException).hasMessage('3 of 370 tests failed')
        assertThat(flow()).containsExactly(
                'stage Build', 'buildBot', 'notify Build SUCCESS',
                'stage Test', 'testBot', 'notify Test FAILURE')
        assertThat(optionsOf('notificationBot').last().summary).isEqualTo('3 of 370 tests failed')
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void failsTheBuildWithTheStageErrorWhenAStepReturnsFailureWithoutThrowing() {
        stepReturnsFailureQuietly('testBot', 'coverage 71% is below 80%')

        Throwable error = runScenario()

        assertThat(error).hasMessage('Test failed: coverage 71% is below 80%')
        assertThat(flow()).endsWith('stage Test', 'testBot', 'error Test failed: coverage 71% is below 80%',
                'notify Test FAILURE')
        assertThat(calls*.step).doesNotContain('securityBot')
    }

    @Test
    void stopsAtTheSecurityScanWhenItFails() {
        stepReturns('securityBot', [status: 'FAILURE', summary: '2 critical vulnerabilities (CVE-2021-44228)'])

        Throwable error = runScenario()

        assertThat(error).hasMessage('2 critical vulnerabilities (CVE-2021-44228)')
        assertThat(flow()).endsWith('stage Security Scan', 'securityBot', 'notify Security Scan FAILURE')
        assertThat(calls*.step).doesNotContain('deployBot')
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void stopsBeforeProductionWhenTheStagingSmokeTestFails() {
        stepReturns('deployBot', [environment: 'staging'],
                [status: 'FAILURE', summary: 'smoke test GET /health answered 503'])

        Throwable error = runScenario()

        assertThat(error).hasMessage('smoke test GET /health answered 503')
        assertThat(flow()).endsWith('stage Deploy to Staging', 'deployBot', 'notify Deploy to Staging FAILURE')
        assertThat(optionsOf('deployBot')).hasSize(1)
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void stopsWhenTheProductionDeployFailsWithoutRunningTheMonitorsRollback() {
        stepReturns('deployBot', [environment: 'production'],
                [status: 'FAILURE', summary: 'rollout of green did not become ready in 10m'])

        Throwable error = runScenario()

        assertThat(error).hasMessage('rollout of green did not become ready in 10m')
        assertThat(flow()).endsWith('stage Deploy to Production', 'deployBot', 'notify Deploy to Production FAILURE')
        assertThat(calls*.step).doesNotContain('monitorBot')
    }

    @Test
    void rollsBackProductionWhenTheMonitorVerdictFails() {
        stepReturns('monitorBot', [status: 'FAILURE', summary: 'verdict fail: error_rate 7.2% >= 5%'])

        Throwable error = runScenario()

        assertThat(error).hasMessage('verdict fail: error_rate 7.2% >= 5%')
        assertThat(flow()).endsWith(
                'stage Monitor', 'monitorBot', 'notify Monitor FAILURE',
                'stage Roll back Production', 'deployBot', 'notify Roll back Production SUCCESS')
        assertThat(optionsOf('deployBot').last()).isEqualTo(ROLLBACK)
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void keepsTheMonitorErrorWhenTheRollbackFailsToo() {
        stepReturns('monitorBot', [status: 'FAILURE', summary: 'verdict fail'])
        stepReturns('deployBot', [environment: 'production', strategy: null],
                [status: 'FAILURE', summary: 'previous release is gone'])

        Throwable error = runScenario()

        assertThat(flow()).endsWith('stage Roll back Production', 'deployBot',
                'notify Roll back Production FAILURE')
        assertThat(error).hasMessage('verdict fail')
        assertThat(events).contains('echo [LotaBots] the failure path of Monitor failed too, at Roll back Production:'
                + ' previous release is gone')
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void marksTheBuildUnstableWhenABotIsUnstableAndGoesOn() {
        stepReturns('securityBot', [status: 'UNSTABLE', summary: '4 medium findings'])

        Throwable error = runScenario()

        assertThat(error).isNull()
        assertThat(flow()).contains('unstable Security Scan: 4 medium findings', 'notify Security Scan UNSTABLE',
                'notify Monitor SUCCESS')
        assertThat(buildResult()).isEqualTo('UNSTABLE')
        assertThat(binding.getVariable('result').status).isEqualTo('UNSTABLE')
    }

    @Test
    void aFailingNotificationNeverFailsTheRun() {
        stepDoes('notificationBot', [stage: 'Test']) { Map options -> throw new AbortException('Slack answered 500') }

        Throwable error = runScenario()

        assertThat(error).isNull()
        assertThat(buildResult()).isEqualTo('SUCCESS')
        assertThat(events).contains("echo [LotaBots] WARNING: the notification after stage 'Test' failed;"
                + ' the run goes on: Slack answered 500')
        assertThat(flow()).containsExactlyElementsOf(HAPPY_PATH)
    }

    @Test
    void appliesABotWideOverrideToEveryStageOfThatBot() {
        runScenario("deploy: [namespace: 'shop']")

        assertThat(optionsOf('deployBot')).containsExactly(
                STAGING + [namespace: 'shop'],
                PRODUCTION + [namespace: 'shop'])
    }

    @Test
    void appliesAStageOverrideToThatStageOnly() {
        runScenario("test: [minCoverage: 85], deployProduction: [strategy: 'canary']")

        assertThat(optionsOf('testBot')).containsExactly([minCoverage: 85])
        assertThat(optionsOf('deployBot')).containsExactly(
                STAGING,
                PRODUCTION + [strategy: 'canary'])
    }

    @Test
    void letsTheStageOverrideWinOverTheBotOverride() {
        runScenario("deploy: [strategy: 'recreate', timeout: '5m'], deployProduction: [strategy: 'canary']")

        assertThat(optionsOf('deployBot')).containsExactly(
                STAGING + [strategy: 'recreate', timeout: '5m'],
                PRODUCTION + [strategy: 'canary', timeout: '5m'])
    }

    @Test
    void overridesTheFailurePathByItsStageId() {
        stepReturns('monitorBot', [status: 'FAILURE', summary: 'verdict fail'])

        runScenario("rollbackProduction: [target: 'previous']")

        assertThat(optionsOf('deployBot').last()).isEqualTo(ROLLBACK + [target: 'previous'])
    }

    @Test
    void overridesTheNotificationByItsBotId() {
        runScenario("notify: [channel: 'slack', slackChannel: '#deploys']")

        assertThat(optionsOf('notificationBot').first())
                .isEqualTo([channel: 'slack', slackChannel: '#deploys', stage: 'Build', result: 'SUCCESS',
                            summary: 'buildBot passed'])
    }

    @Test
    void rejectsAnUnknownOverrideKeyBeforeAnyStageNamingTheValidKeys() {
        Throwable error = runScenario("deployProd: [strategy: 'canary']")

        assertThat(error).isInstanceOf(AbortException).hasMessage("The scenario build-test-deploy has no stage or bot"
                + " 'deployProd' to override; use one of build, test, security, deployStaging, deploy,"
                + ' deployProduction, monitor, rollbackProduction, notify (or the run arguments parameters and'
                + ' approvers)')
        assertThat(calls).isEmpty()
        assertThat(events.findAll { it.startsWith('stage ') }).isEmpty()
    }

    @Test
    void rejectsAnOverrideThatIsNotAMap() {
        Throwable error = runScenario('test: 85')

        assertThat(error).hasMessage('The override test must be a map of option names to values, for example'
                + ' test: [option: value]; it is 85 (Integer)')
        assertThat(calls).isEmpty()
    }

    @Test
    void passesAnOptionTheLibraryCannotCheckToTheStepUnchanged() {
        stepDoes('testBot') { Map options ->
            throw new AbortException("TestBot has no option 'minCoverge'; its options are junit, minCoverage")
        }

        Throwable error = runScenario('test: [minCoverge: 85]')

        assertThat(optionsOf('testBot')).containsExactly([minCoverge: 85])
        assertThat(error).hasMessageContaining("no option 'minCoverge'")
    }

    @Test
    void takesTheBranchFromTheBuildAndLetsParametersOverrideIt() {
        runScenario("parameters: [branch: 'release/2.0']")

        assertThat(flow()).containsExactlyElementsOf(HAPPY_PATH)
    }

    @Test
    void rejectsParametersThatAreNotAMap() {
        Throwable error = runScenario("parameters: 'main'")

        assertThat(error).hasMessageStartingWith('The argument parameters must be a map of run parameters')
    }

    @Test
    void keepsTheStageFailedAndSkipsTheRestWhenAStepIsAborted() {
        stepDoes('securityBot') { Map options -> throw new FlowInterrupted('aborted by alice') }

        Throwable error = runScenario()

        assertThat(error).isInstanceOf(FlowInterrupted)
        assertThat(flow()).endsWith('stage Security Scan', 'securityBot', 'notify Security Scan ABORTED')
        assertThat(buildResult()).isEqualTo('ABORTED')
    }
}
