import io.lotabots.pipeline.ScenarioFlow

/**
 * Runs the Hotfix Emergency Deployment scenario (resources/io/lotabots/scenarios/hotfix.yaml): the incident opened or
 * joined, a critical-priority build, the affected modules' and smoke tests, a canary to production with the approval
 * overridden, the watch, the full suite, the fix recorded on the incident and the post-mortem drafted.
 * Help: lotabotsHotfix.txt.
 *
 * @param args overrides by stage id or bot id, 'parameters' and 'approvers'
 * @return the result of every stage
 */
def call(Map args = [:]) {
    return new ScenarioFlow(this).run('hotfix', args)
}
