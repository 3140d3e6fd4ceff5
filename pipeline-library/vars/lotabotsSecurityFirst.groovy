import io.lotabots.pipeline.ScenarioFlow

/**
 * Runs the Security-First Deployment scenario (resources/io/lotabots/scenarios/security-first.yaml): the CVE alert
 * checked, a security incident opened, a critical fast-track build, the security suite and smoke tests, a blue-green
 * deployment with the approval overridden and the rollback kept for 24 hours, an enhanced watch.
 * Help: lotabotsSecurityFirst.txt.
 *
 * @param args overrides by stage id or bot id, 'parameters' (the CVE alert's trigger.* fields) and 'approvers'
 * @return the result of every stage
 */
def call(Map args = [:]) {
    return new ScenarioFlow(this).run('security-first', args)
}
