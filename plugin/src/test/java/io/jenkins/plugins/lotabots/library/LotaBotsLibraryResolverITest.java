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
