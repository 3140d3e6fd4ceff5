package io.lotabots.pipeline

import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test

/**
 * The example Jenkinsfiles in examples/jenkinsfiles: the one-call form and the form with the individual bot steps
 * run the same bots and notifications in the same order, and take the same failure paths.
 */
class ExampleJenkinsfilesTest extends DeclarativeTestBase {
    private static final List<String> FLOW = [
            'stage Build', 'buildBot', 'notify Build SUCCESS',
            'stage Test', 'testBot', 'notify Test SUCCESS',
            'stage Security Scan', 'securityBot', 'notify Security Scan SUCCESS',
            'stage Deploy to Staging', 'deployBot', 'notify Deploy to Staging SUCCESS',
            'stage Deploy to Production', 'deployBot', 'notify Deploy to Production SUCCESS',
            'stage Monitor', 'monitorBot', 'notify Monitor SUCCESS']

    private static String example(String name) {
        File file = new File(System.getProperty('lotabots.examples.root', '../examples/jenkinsfiles'), name)
        return file.getText('UTF-8')
    }

    private List<String> botsAndNotifications() {
        return events.findAll { it.startsWith('stage ') || it.endsWith('Bot') || it.startsWith('notify ') }
    }

    @Test
    void runsTheWholeScenarioFromOneCall() {
        Throwable error = runPipeline(example('build-test-deploy.Jenkinsfile'))

        assertThat(error).isNull()
        assertThat(botsAndNotifications()).containsExactlyElementsOf(['stage Build, test and deploy'] + FLOW)
        assertThat(optionsOf('testBot')).containsExactly([minCoverage: 80])
        assertThat(buildResult()).isEqualTo('SUCCESS')
    }

    @Test
    void runsTheSameFlowWithTheIndividualSteps() {
        Throwable error = runPipeline(example('build-test-deploy-steps.Jenkinsfile'))

        assertThat(error).isNull()
        assertThat(botsAndNotifications()).containsExactlyElementsOf(FLOW + ['stage Roll back Production'])
        assertThat(events).contains('skipped Roll back Production')
        assertThat(optionsOf('deployBot')).containsExactly(
                STAGING,
                PRODUCTION)
        assertThat(buildResult()).isEqualTo('SUCCESS')
    }

    @Test
    void rollsBackInBothFormsWhenTheMonitorVerdictFails() {
        stepReturns('monitorBot', [status: 'FAILURE', summary: 'verdict fail'])
        Throwable library = runPipeline(example('build-test-deploy.Jenkinsfile'))
        List<String> libraryFlow = botsAndNotifications()
        String libraryResult = buildResult()
        resetRun()
        stepReturns('monitorBot', [status: 'FAILURE', summary: 'verdict fail'])

        Throwable steps = runPipeline(example('build-test-deploy-steps.Jenkinsfile'))

        assertThat(library).hasMessage('verdict fail')
        assertThat(libraryFlow).endsWith('stage Monitor', 'monitorBot', 'notify Monitor FAILURE',
                'stage Roll back Production', 'deployBot', 'notify Roll back Production SUCCESS')
        assertThat(libraryResult).isEqualTo('FAILURE')
        assertThat(steps).isNull()
        assertThat(events).contains('catchError verdict fail')
        assertThat(botsAndNotifications()).endsWith('stage Monitor', 'monitorBot', 'notify Monitor FAILURE',
                'stage Roll back Production', 'deployBot', 'notify Roll back Production FAILURE')
        assertThat(optionsOf('deployBot').last()).isEqualTo(ROLLBACK)
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void stopsBothFormsAtTestBotWhenTestsFail() {
        stepReturns('testBot', [status: 'FAILURE', summary: '3 tests failed'])
        runPipeline(example('build-test-deploy.Jenkinsfile'))
        List<String> libraryFlow = botsAndNotifications().drop(1)
        resetRun()
        stepReturns('testBot', [status: 'FAILURE', summary: '3 tests failed'])

        Throwable steps = runPipeline(example('build-test-deploy-steps.Jenkinsfile'))

        assertThat(steps).hasMessage('3 tests failed')
        assertThat(botsAndNotifications()).isEqualTo(libraryFlow)
        assertThat(libraryFlow).endsWith('stage Test', 'testBot', 'notify Test FAILURE')
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void goesOnInTheStepsFormWhenANotificationFails() {
        stepDoes('notificationBot', [stage: 'Build']) { Map options -> throw new AbortException('Slack is down') }

        Throwable error = runPipeline(example('build-test-deploy-steps.Jenkinsfile'))

        assertThat(error).isNull()
        assertThat(events).contains("echo WARNING: the notification after stage 'Build' failed; the run goes on:"
                + ' Slack is down')
        assertThat(buildResult()).isEqualTo('SUCCESS')
    }

    @Test
    void shouldRunTheIncidentResponseHotfixAndSecurityFirstExamplesFromOneCallEach() {
        stepReturns('incidentBot', [action: 'open'], [status: 'SUCCESS', summary: 'Opened INC-3', id: 'INC-3'])

        Throwable incident = runPipeline(example('incident-response.Jenkinsfile'))

        assertThat(incident).isNull()
        assertThat(stagesRun()).containsSubsequence('Open Incident', 'Escalate', 'Decide Rollback', 'Roll Back',
                'Verify', 'Resolve Incident', 'Post-mortem', 'Announce')
        assertThat(optionsOf('incidentBot')[0]).containsEntry('service', 'shop')
        assertThat(optionsOf('monitorBot')[0]).containsEntry('duration', '5m')

        resetRun()
        stepReturns('incidentBot', [action: 'open'], [status: 'SUCCESS', summary: 'Opened INC-4', id: 'INC-4'])
        Throwable hotfix = runPipeline(example('hotfix.Jenkinsfile'))

        assertThat(hotfix).isNull()
        assertThat(optionsOf('deployBot')[0]).containsEntry('approvalOverride', 'hotfix for INC-4')
        assertThat(optionsOf('testBot')[0]).containsEntry('since', 'origin/main')

        resetRun()
        Throwable security = runPipeline(example('security-first.Jenkinsfile'))

        assertThat(security).isNull()
        assertThat(optionsOf('securityBot')[0]).containsEntry('advisory', 'CVE-2021-44228')
        assertThat(optionsOf('monitorBot')[0]).containsEntry('duration', '2h')
        assertThat(buildResult()).isEqualTo('SUCCESS')
    }

    private List<String> stagesRun() {
        return events.findAll { it.startsWith('stage ') }.collect { it.substring('stage '.length()) }
    }
}
