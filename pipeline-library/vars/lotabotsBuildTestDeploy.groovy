import io.lotabots.pipeline.ScenarioFlow

/**
 * Runs the Basic Build-Test-Deploy scenario (resources/io/lotabots/scenarios/build-test-deploy.yaml): build, test,
 * security scan, deploy to staging, deploy to production, monitor, with a notification after each stage and a
 * rollback of production when the monitor's verdict fails. Help: lotabotsBuildTestDeploy.txt.
 *
 * @param args overrides by stage id or bot id, 'parameters' and 'approvers'
 * @return the result of every stage
 */
def call(Map args = [:]) {
    return new ScenarioFlow(this).run('build-test-deploy', args)
}
