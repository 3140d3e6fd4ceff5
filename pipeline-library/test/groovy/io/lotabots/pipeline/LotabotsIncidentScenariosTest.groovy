package io.lotabots.pipeline

import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test

/**
 * lotabotsIncidentResponse, lotabotsHotfix and lotabotsSecurityFirst against their shipped definitions under
 * resources/io/lotabots/scenarios/: the order of the steps, the rollback decision, the placeholders filled in from
 * the run parameters and the results of earlier stages, and the failure paths.
 */
class LotabotsIncidentScenariosTest extends LibraryTestBase {
    private static final Map<String, Object> OPENED = [status: 'SUCCESS', summary: 'Opened INC-7', id: 'INC-7']

    private Throwable run(String variable, String arguments = '') {
        return runPipeline("@Library('lotabots') _\nresult = ${variable}(${arguments})\n")
    }

    private List<String> botSteps() {
        return calls.findAll { it.step != 'botMessage' }
                .findAll { it.step != 'notificationBot' || it.stage in ['Escalate', 'Announce'] }
                .collect { "${it.stage}: ${it.step}".toString() }
    }

    @Test
    void shouldRespondToAnIncidentWithTheRollbackAPersonDecidedAndActOnTheIncidentItOpened() {
        stepReturns('incidentBot', [action: 'open'], OPENED)
        stepReturns('deployBot', [rollback: true], [status: 'SUCCESS', summary: 'rolled back', version: '1.4.1'])

        Throwable error = run('lotabotsIncidentResponse',
                "parameters: ['trigger.id': 'm-42', 'trigger.alert_name': 'HighErrorRate',"
                        + " 'trigger.environment': 'production'], approvers: [rollback: 'oncall']")

        assertThat(error).isNull()
        assertThat(botSteps()).containsExactly('Open Incident: incidentBot', 'Escalate: notificationBot',
                'Decide Rollback: input', 'Roll Back: deployBot', 'Verify: monitorBot',
                'Resolve Incident: incidentBot', 'Post-mortem: incidentBot', 'Announce: notificationBot')
        assertThat(optionsOf('incidentBot')[0]).containsEntry('cause', 'm-42')
                .containsEntry('alertName', 'HighErrorRate').containsEntry('environment', 'production')
                .containsEntry('service', 'app').containsEntry('severity', 'P1')
        assertThat(optionsOf('input')[0]).containsEntry('submitter', 'oncall')
        assertThat(optionsOf('botMessage')).containsExactly(
                [type: 'approval.requested', source: 'WorkflowRunner', payload: [gate: 'rollback',
                        reason: 'Roll production back to its last successful deployment?']],
                [type: 'approval.granted', source: 'WorkflowRunner', payload: [gate: 'rollback', approver: 'alice']])
        assertThat(optionsOf('incidentBot')[1]).isEqualTo([action: 'resolve', id: 'INC-7',
                note: 'production rolled back to 1.4.1; the watch after it passed'])
        assertThat(optionsOf('incidentBot')[2]).isEqualTo([action: 'postmortem', id: 'INC-7'])
    }

    @Test
    void shouldTakeTheAlertThatStartedTheBuildAsTheRunsTriggerParameters() {
        stepReturns('incidentBot', [action: 'open'], OPENED)
        ((Map) binding.getVariable('env')).LOTABOTS_MESSAGE = '{"id":"m-77","specversion":"1.0",' +
                '"time":"2026-12-07T10:00:00Z","type":"alert.triggered","source":{"bot_name":"MonitorBot"},' +
                '"payload":{"alert_name":"HighErrorRate","severity":"critical","metric":"error_rate","value":7.5,' +
                '"threshold":5.0,"environment":"staging","labels":{"team":"web"}}}'

        Throwable error = run('lotabotsIncidentResponse', "parameters: ['trigger.environment': 'production']," +
                " approvers: [rollback: 'oncall']")

        assertThat(error).isNull()
        assertThat(optionsOf('incidentBot')[0]).containsEntry('cause', 'm-77')
                .containsEntry('alertName', 'HighErrorRate')
                .as('a parameter the call gives wins over the message').containsEntry('environment', 'production')
    }

    @Test
    void shouldIgnoreATriggerMessageThatIsNotAMessageAndKeepTheCallsParameters() {
        stepReturns('incidentBot', [action: 'open'], OPENED)
        ((Map) binding.getVariable('env')).LOTABOTS_MESSAGE = '{"id": "m-1", "payload": [1, 2'

        Throwable error = run('lotabotsIncidentResponse', "parameters: ['trigger.alert_name': 'Given']")

        assertThat(error).isNull()
        assertThat(optionsOf('incidentBot')[0]).doesNotContainKey('cause').containsEntry('alertName', 'Given')
    }

    @Test
    void shouldLeaveOutTheCauseAndUseTheDefaultsWhenStartedByHand() {
        stepReturns('incidentBot', [action: 'open'], OPENED)

        run('lotabotsIncidentResponse')

        assertThat(optionsOf('incidentBot')[0]).doesNotContainKey('cause')
                .containsEntry('alertName', 'ProductionUnhealthy').containsEntry('environment', 'production')
    }

    @Test
    void shouldEscalateTheIncidentAndFailWhenTheWatchAfterTheRollbackFails() {
        stepReturns('incidentBot', [action: 'open'], OPENED)
        stepReturns('monitorBot', [status: 'FAILURE', summary: 'verdict fail'])

        Throwable error = run('lotabotsIncidentResponse')

        assertThat(error).isInstanceOf(AbortException).hasMessage('verdict fail')
        assertThat(optionsOf('incidentBot').collect { it.action }).containsExactly('open', 'escalate')
        assertThat(optionsOf('incidentBot')[1]).containsEntry('id', 'INC-7')
        assertThat(buildResult()).isEqualTo('FAILURE')
    }

    @Test
    void shouldDeployAHotfixAsACanaryWithTheOverrideNamingTheIncident() {
        stepReturns('incidentBot', [action: 'open'], OPENED)
        stepReturns('deployBot', [status: 'SUCCESS', summary: 'deployed', version: 'build-9'])

        Throwable error = run('lotabotsHotfix', "parameters: [since: 'origin/main']")

        assertThat(error).isNull()
        assertThat(botSteps()).containsExactly('Incident: incidentBot', 'Build: buildBot',
                'Affected Modules: testBot', 'Smoke Tests: testBot', 'Canary to Production: deployBot',
                'Verify: monitorBot', 'Full Test Suite: testBot', 'Record the Fix: incidentBot',
                'Post-mortem: incidentBot')
        assertThat(optionsOf('buildBot')[0]).containsEntry('priority', 'critical').containsEntry('branch', 'main')
        assertThat(optionsOf('testBot')[0]).containsEntry('scope', 'affected').containsEntry('since', 'origin/main')
        assertThat(optionsOf('deployBot')[0]).containsEntry('strategy', 'canary').containsEntry('canaryWindow', '2m')
                .containsEntry('approvalOverride', 'hotfix for INC-7')
        assertThat(optionsOf('incidentBot')[1]).containsEntry('status', 'mitigated')
                .containsEntry('note', 'hotfix build-9 deployed to production; the watch passed')
    }

    @Test
    void shouldRollTheHotfixBackWhenItsWatchFails() {
        stepReturns('monitorBot', [status: 'FAILURE', summary: 'verdict fail'])

        Throwable error = run('lotabotsHotfix')

        assertThat(error).isInstanceOf(AbortException)
        assertThat(calls.findAll { it.step == 'deployBot' }.collect { it.stage })
                .containsExactly('Canary to Production', 'Roll back Production')
        assertThat(calls.collect { it.stage }).doesNotContain('Full Test Suite', 'Record the Fix')
    }

    @Test
    void shouldSkipTheAdvisoryCheckWhenACveAlertStartedTheRunAndRecordWhoOverrodeTheApproval() {
        stepReturns('incidentBot', [action: 'open'], OPENED)

        Throwable error = run('lotabotsSecurityFirst', "parameters: ['trigger.type': 'security.cve_alert',"
                + " 'trigger.advisory_id': 'CVE-2021-44228', 'trigger.package_name': 'log4j-core']")

        assertThat(error).isNull()
        assertThat(calls.findAll { it.step == 'securityBot' }).isEmpty()
        assertThat(optionsOf('incidentBot')[0]).containsEntry('title', 'Security: CVE-2021-44228 in log4j-core')
                .containsEntry('alertName', 'CVE-2021-44228')
        assertThat(calls.findAll { it.step == 'testBot' }.collect { it.options.scope })
                .containsExactlyInAnyOrder('security', 'smoke')
        assertThat(optionsOf('deployBot')[0]).containsEntry('strategy', 'blueGreen')
                .containsEntry('rollbackWindow', '24h')
                .containsEntry('approvalOverride', 'security fix for CVE-2021-44228 (INC-7)')
    }

    @Test
    void shouldCheckTheAdvisoryFirstWhenStartedByHand() {
        run('lotabotsSecurityFirst', "parameters: [advisory: 'CVE-2021-44228', advisories: 'osv/']")

        assertThat(calls[0]).containsEntry('step', 'securityBot').containsEntry('stage', 'Check Advisory')
        assertThat(optionsOf('securityBot')[0]).isEqualTo([advisory: 'CVE-2021-44228', advisories: 'osv/'])
    }
}
