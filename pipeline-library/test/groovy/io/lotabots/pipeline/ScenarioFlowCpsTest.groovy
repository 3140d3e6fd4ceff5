package io.lotabots.pipeline

import static org.assertj.core.api.Assertions.assertThat

import com.lesfurets.jenkins.unit.cps.PipelineTestHelperCPS
import org.junit.jupiter.api.Test

/**
 * The scenario run with the library compiled by groovy-cps, as Jenkins runs it, with every closure's environment
 * serialized at each step (JenkinsPipelineUnit's CPS helper): what a controller restart needs.
 */
class ScenarioFlowCpsTest extends LibraryTestBase {
    ScenarioFlowCpsTest() {
        helper = new PipelineTestHelperCPS()
    }

    @Test
    void runsEveryStageAndTheRollbackUnderCps() {
        stepReturns('monitorBot', [status: 'FAILURE', summary: 'verdict fail'])

        Throwable error = runScenario("test: [minCoverage: 85]")

        assertThat(error).hasMessage('verdict fail')
        assertThat(flow()).startsWith('stage Build', 'buildBot', 'notify Build SUCCESS', 'stage Test', 'testBot')
        assertThat(optionsOf('testBot')).containsExactly([minCoverage: 85])
        assertThat(flow()).endsWith('stage Roll back Production', 'deployBot', 'notify Roll back Production SUCCESS')
    }
}
