package io.jenkins.plugins.lotabots;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;

import hudson.model.ParametersDefinitionProperty;
import hudson.model.PasswordParameterDefinition;
import hudson.util.Secret;

import io.jenkins.plugins.lotabots.bus.RunJournal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;

import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What Jenkins masks on a build's console is masked in everything LotaBots records: the journal, the REST API, the
 * step's returned map.
 */
@WithJenkins
class BuildSecretsITest {
    private static final String TOKEN = "ghp_s3cr3tTokenValue0123456789abcdefXYZ";
    private static final String PASSWORD = "correct-horse-battery-staple";

    @Test
    void shouldMaskWithCredentialsBindingsInMessagesOutputsAndTheApi(final JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "deploy-token", "", Secret.fromString(TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob job = j.createProject(WorkflowJob.class, "masked");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  withCredentials([string(credentialsId: 'deploy-token', variable: 'MY_DEPLOY')]) {
                    botMessage type: 'custom.leak', payload: [raw: MY_DEPLOY, url: "https://deploy.example/?t=${MY_DEPLOY}"]
                    def r = buildBot command: "sh -c 'echo token is \\$MY_DEPLOY; printf %s \\$MY_DEPLOY | base64; exit 3'"
                    echo "summary-masked=${!r.summary.contains(MY_DEPLOY)}"
                  }
                }
                """, true));

        WorkflowRun run = j.buildAndAssertStatus(hudson.model.Result.FAILURE, job);

        String journal = Files.readString(RunJournal.of(run).getFile().toPath(), StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        assertThat(journal).contains("custom.leak").contains("build.failed").doesNotContain(TOKEN)
                .doesNotContain(base64).contains("****");
        String api = j.createWebClient().goTo("job/masked/1/lotabots/api/json", "application/json")
                .getWebResponse().getContentAsString();
        assertThat(api).doesNotContain(TOKEN).doesNotContain(base64);
        assertThat(JenkinsRule.getLog(run)).doesNotContain(TOKEN);
    }

    @Test
    void shouldMaskPasswordParameters(final JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "password");
        job.addProperty(new ParametersDefinitionProperty(new PasswordParameterDefinition("DB_PASS", PASSWORD, "")));
        job.setDefinition(new CpsFlowDefinition("""
                botMessage type: 'custom.connection', payload: [url: "postgres://app:${params.DB_PASS}@db/app"]
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        assertThat(Files.readString(RunJournal.of(run).getFile().toPath(), StandardCharsets.UTF_8))
                .contains("postgres://app:****@db/app").doesNotContain(PASSWORD);
    }
}
