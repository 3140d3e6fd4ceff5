package io.lotabots.pipeline

import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/**
 * ScenarioFlow with a definition that has every kind of stage (every-kind-of-stage.yaml, served in place of the
 * library's file): conditions, approvals, parallel groups, optional stages.
 */
class ScenarioFlowTest extends LibraryTestBase {
    private static final String DEFINITION = 'io/lotabots/scenarios/build-test-deploy.yaml'

    @BeforeEach
    void serveTheFixtureDefinition() {
        resources.put(DEFINITION, fixture('ScenarioFlowTest/every-kind-of-stage.yaml'))
    }

    @Test
    void asksForApprovalAndDeploysToProductionOnMain() {
        Throwable error = runScenario()

        assertThat(error).isNull()
        assertThat(flow()).containsExactly(
                'stage Build', 'buildBot', 'notify Build SUCCESS',
                'stage Checks', 'parallel', 'stage Unit Tests', 'testBot', 'stage Security Scan', 'securityBot',
                'notify Checks SUCCESS',
                'stage Approve Production', 'botMessage approval.requested',
                'input Deploy this build to production? submitter=null', 'botMessage approval.granted',
                'notify Approve Production SUCCESS',
                'stage Deploy to Production', 'deployBot', 'notify Deploy to Production SUCCESS',
                'stage Deploy Preview', 'notify Deploy Preview SKIPPED')
        assertThat(calls.find { it.step == 'input' }.options)
                .isEqualTo([message: 'Deploy this build to production?', ok: 'Approve', submitterParameter: 'approver'])
        assertThat(optionsOf('notificationBot')[2].summary).isEqualTo('approved by alice')
    }

    @Test
    void skipsApprovalAndProductionOffMainAndDeploysAPreview() {
        binding.setVariable('env', [BRANCH_NAME: 'feature/login'])

        Throwable error = runScenario()

        assertThat(error).isNull()
        assertThat(flow()).containsSubsequence(
                'stage Approve Production', 'notify Approve Production SKIPPED',
                'stage Deploy to Production', 'notify Deploy to Production SKIPPED',
                'stage Deploy Preview', 'deployBot', 'notify Deploy Preview SUCCESS')
        assertThat(calls*.step).doesNotContain('input')
        assertThat(optionsOf('deployBot')).containsExactly([environment: 'preview'])
        assertThat(events).contains("echo [LotaBots] Deploy to Production skipped: branch == main does not hold"
                + " (branch is 'feature/login')")
        assertThat(buildResult()).isEqualTo('SUCCESS')
    }

    @Test
    void letsTheBranchParameterWinOverTheBuildsBranch() {
        binding.setVariable('env', [BRANCH_NAME: 'feature/login'])

        runScenario("parameters: [branch: 'main']")

        assertThat(optionsOf('deployBot')).containsExactly([environment: 'production'])
    }

    @Test
    void treatsAnUnsetBranchAsDifferentFromEveryValue() {
        binding.setVariable('env', [:])

        runScenario()

        assertThat(events).contains('echo [LotaBots] Deploy to Production skipped: branch == main does not hold'
                + ' (branch is not set)')
        assertThat(optionsOf('deployBot')).containsExactly([environment: 'preview'])
    }

    @Test
    void letsOnlyTheGivenApproversApprove() {
        runScenario("approvers: 'alice,release-managers'")

        assertThat(calls.find { it.step == 'input' }.options.submitter).isEqualTo('alice,release-managers')
    }

    @Test
    void takesApproversByGate() {
        runScenario("approvers: ['deploy.production': 'release-managers', 'other.gate': 'bob']")

        assertThat(calls.find { it.step == 'input' }.options.submitter).isEqualTo('release-managers')
    }

    @Test
    void stopsTheRunAsAbortedWhenTheApprovalIsRefused() {
        stepDoes('input') { Map options -> throw new FlowInterrupted('Rejected by bob') }

        Throwable error = runScenario()

        assertThat(error).isInstanceOf(FlowInterrupted)
        assertThat(flow()).endsWith('stage Approve Production', 'botMessage approval.requested',
                'input Deploy this build to production? submitter=null', 'botMessage approval.denied',
                'notify Approve Production ABORTED')
        assertThat(optionsOf('botMessage').last().payload).isEqualTo([gate: 'deploy.production',
                reason: 'the input was aborted: Rejected by bob'])
        assertThat(optionsOf('notificationBot').last().summary)
                .isEqualTo("approval 'deploy.production' was not given")
        assertThat(calls*.step).doesNotContain('deployBot')
        assertThat(buildResult()).isEqualTo('ABORTED')
    }

    @Test
    void goesOnUnstableWhenAnOptionalBranchFails() {
        stepReturns('securityBot', [status: 'FAILURE', summary: 'scanner crashed'])

        Throwable error = runScenario()

        assertThat(error).isNull()
        assertThat(events).contains('unstable Security Scan: optional stage failed, the run goes on: scanner crashed',
                'notify Checks UNSTABLE')
        assertThat(optionsOf('notificationBot')[1].summary).isEqualTo('Security Scan: UNSTABLE (scanner crashed)')
        assertThat(calls*.step).contains('deployBot')
        assertThat(buildResult()).isEqualTo('UNSTABLE')
    }

    @Test
    void stopsAfterTheParallelGroupWhenARequiredBranchFails() {
        stepReturns('testBot', [status: 'FAILURE', summary: '3 tests failed'])

        Throwable error = runScenario()

        assertThat(error).isNotNull()
        assertThat(flow()).containsSubsequence('stage Unit Tests', 'testBot', 'stage Security Scan', 'securityBot',
                'notify Checks FAILURE')
        assertThat(optionsOf('notificationBot').last().summary).isEqualTo('Unit Tests: FAILURE (3 tests failed)')
        assertThat(calls*.step).doesNotContain('input', 'deployBot')
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void runsTheFailurePathOfAConditionalStage() {
        stepReturns('deployBot', [environment: 'production'], [status: 'FAILURE', summary: 'rollout stuck'])
        stepReturns('deployBot', [environment: 'production', strategy: 'rollback'], [status: 'SUCCESS', summary: 'ok'])

        Throwable error = runScenario("rollback: [strategy: 'rollback']")

        assertThat(error).hasMessage('rollout stuck')
        assertThat(flow()).endsWith('stage Deploy to Production', 'deployBot', 'notify Deploy to Production FAILURE',
                'stage Roll back Production', 'deployBot', 'notify Roll back Production SUCCESS')
    }

    @Test
    void sendsTheScenarioNotificationOptionsWithEveryNotification() {
        runScenario()

        assertThat(optionsOf('notificationBot')*.channel.unique()).containsExactly('slack')
    }

    @Test
    void rejectsAnOptionTheStepDoesNotDeclareNamingTheStageAndTheValidOptions() {
        runPipeline("@Library('lotabots') _\n")
        Class definitions = loadLibraryClass('io.lotabots.pipeline.ScenarioDefinition')
        Class options = loadLibraryClass('io.lotabots.pipeline.ScenarioOptions')
        Map scenario = (Map) definitions.parse(resources.get(DEFINITION), DEFINITION)
        Map checked = (Map) options.arguments(scenario, [test: [minCoverge: 85]], 'main')

        String problem = options.checkOptions(scenario, checked.overrides,
                [testBot: ['junit', 'coverage', 'minCoverage'], deployBot: ['environment', 'strategy']])

        assertThat(problem).isEqualTo("Stage 'Unit Tests' (id test): 'minCoverge' is not an option of testBot;"
                + ' its options are junit, coverage, minCoverage')
    }

    @Test
    void acceptsOptionsTheStepsDeclareAndStepsItCannotSee() {
        runPipeline("@Library('lotabots') _\n")
        Class definitions = loadLibraryClass('io.lotabots.pipeline.ScenarioDefinition')
        Class options = loadLibraryClass('io.lotabots.pipeline.ScenarioOptions')
        Map scenario = (Map) definitions.parse(resources.get(DEFINITION), DEFINITION)
        Map checked = (Map) options.arguments(scenario, [test: [minCoverage: 85], notify: [channel: 'email']], 'main')

        String problem = options.checkOptions(scenario, checked.overrides,
                [testBot: ['minCoverage'], deployBot: ['environment', 'strategy'], notificationBot: ['channel']])

        assertThat(problem).isNull()
    }

    @Test
    void findsNoStepParametersOutsideJenkinsSoNothingIsRejectedThere() {
        runPipeline("@Library('lotabots') _\n")

        Map known = (Map) loadLibraryClass('io.lotabots.pipeline.BotSteps').parametersOf(['testBot'])

        assertThat(known).isEmpty()
    }

    @Test
    void namesTheStepOfEveryBot() {
        runPipeline("@Library('lotabots') _\n")
        Class steps = loadLibraryClass('io.lotabots.pipeline.BotSteps')

        assertThat(['build', 'test', 'security', 'deploy', 'monitor', 'notify'].collect { steps.functionName(it) })
                .containsExactly('buildBot', 'testBot', 'securityBot', 'deployBot', 'monitorBot', 'notificationBot')
    }

    private Class loadLibraryClass(String name) {
        return helper.gse.groovyClassLoader.loadClass(name)
    }
}
