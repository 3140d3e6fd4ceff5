package io.jenkins.plugins.lotabots.library;

import hudson.FilePath;
import hudson.model.Result;

import java.io.File;
import java.nio.file.Path;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class LotaBotsLibraryResolverITest {
    @TempDir
    private Path folder;

    @Test
    void loadsTheBundledLibraryWithoutAnyScm(final JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "library");
        job.setDefinition(new CpsFlowDefinition("""
                @Library('lotabots') _
                import io.lotabots.pipeline.ScenarioDefinition
                def text = libraryResource('io/lotabots/scenarios/build-test-deploy.yaml')
                def scenario = ScenarioDefinition.parse(text, 'build-test-deploy.yaml')
                echo "bot stages: ${ScenarioDefinition.botStages(scenario).size()}"
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("Loading library lotabots@" + LotaBotsLibraryResolver.bundledVersion(), run);
        j.assertLogContains("bot stages: ", run);
    }

    /**
     * The incident templates come from the bundled library, read their scenario definitions through libraryResource
     * and check the caller's arguments before any stage runs: an override of a stage the scenario lacks stops the run
     * with the scenario's own stages named. (Their full runs, which deploy and watch the sample app, are the
     * command line's IncidentScenariosITest; the steps they call are tested one by one here.)
     */
    @Test
    void shouldLoadTheIncidentTemplatesAndCheckTheirArgumentsAgainstTheirScenarios(final JenkinsRule j)
            throws Exception {
        for (String template : java.util.List.of("lotabotsIncidentResponse", "lotabotsHotfix",
                "lotabotsSecurityFirst")) {
            WorkflowJob job = j.createProject(WorkflowJob.class, template);
            job.setDefinition(new CpsFlowDefinition("@Library('lotabots') _\n" + template + "(noSuchStage: [x: 1])\n",
                    true));

            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("has no stage or bot 'noSuchStage' to override; use one of", run);
            j.assertLogNotContains("No such DSL method", run);
        }
    }

    @Test
    void refusesAnotherVersionNamingTheBundledOne(final JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "other-version");
        job.setDefinition(new CpsFlowDefinition("@Library('lotabots@0.0.1') _\necho 'unreachable'", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("the LotaBots plugin bundles version " + LotaBotsLibraryResolver.bundledVersion(), run);
    }

    @Test
    void copiesVarsSourcesAndResourcesOfTheLibrary(final JenkinsRule j) throws Exception {
        FilePath target = new FilePath(folder.toFile());

        int files = BundledLibrary.locate(LotaBotsLibraryResolver.class.getClassLoader()).copyTo(target);

        assertThat(files).isGreaterThanOrEqualTo(4);
        assertThat(new File(folder.toFile(), "vars/lotabotsBuildTestDeploy.groovy")).isFile();
        assertThat(new File(folder.toFile(), "vars/lotabotsBuildTestDeploy.txt")).isFile();
        assertThat(new File(folder.toFile(), "src/io/lotabots/pipeline/ScenarioFlow.groovy")).isFile();
        assertThat(new File(folder.toFile(), BundledLibrary.MARKER)).isFile();
        assertThat(LotaBotsLibraryResolver.configuration().isImplicit()).isFalse();
        assertThat(new LotaBotsLibraryResolver().isTrusted()).isTrue();
    }
}
