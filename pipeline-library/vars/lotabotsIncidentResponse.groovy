import io.lotabots.pipeline.ScenarioFlow

/**
 * Runs the Incident Response scenario (resources/io/lotabots/scenarios/incident-response.yaml): IncidentBot opens a
 * P1 from the alert, NotificationBot escalates, a person decides on the rollback, DeployBot rolls production back,
 * MonitorBot verifies, IncidentBot resolves and drafts the post-mortem, the resolution is announced.
 * Help: lotabotsIncidentResponse.txt.
 *
 * @param args overrides by stage id or bot id, 'parameters' (the alert's trigger.* fields) and 'approvers'
 * @return the result of every stage
 */
def call(Map args = [:]) {
    return new ScenarioFlow(this).run('incident-response', args)
}
