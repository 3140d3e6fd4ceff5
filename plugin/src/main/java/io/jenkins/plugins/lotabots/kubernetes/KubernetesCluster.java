package io.jenkins.plugins.lotabots.kubernetes;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;

import io.jenkins.plugins.lotabots.CredentialsFields;
import io.jenkins.plugins.lotabots.LotaBotsConfiguration;

import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A Kubernetes cluster DeployBot may deploy to. Its credential is either a Secret file holding a kubeconfig or a
 * Secret text holding a bearer token (then the API server URL is required). Each cluster becomes a context of the
 * same name in the kubeconfig the build gets, so a Pipeline picks it with DeployBot's {@code context} option, for
 * example {@code context: ['production=prod-eu']}; the first cluster is the current context.
 */
public final class KubernetesCluster extends AbstractDescribableImpl<KubernetesCluster> {
    private static final int MAX_NAME = 63;

    private final String name;
    @CheckForNull
    private final String serverUrl;
    private final String credentialsId;
    @CheckForNull
    private String namespace;
    private boolean skipTlsVerify;

    /**
     * Creates a cluster.
     *
     * @param name the context name, for example {@code prod-eu}
     * @param serverUrl the API server, for example {@code https://k8s.example.com:6443}; may be empty with a kubeconfig
     * @param credentialsId a Secret file (kubeconfig) or Secret text (token) credential
     */
    @DataBoundConstructor
    public KubernetesCluster(final String name, @CheckForNull final String serverUrl, final String credentialsId) {
        this.name = ensureName(name);
        this.serverUrl = LotaBotsConfiguration.ensureHttpUrl("serverUrl", serverUrl);
        this.credentialsId = ensureCredentialsId(credentialsId);
    }

    public String getName() {
        return name;
    }

    @CheckForNull
    public String getServerUrl() {
        return serverUrl;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    /**
     * Sets the namespace of the cluster's context.
     *
     * @param namespace the namespace, or empty
     */
    @DataBoundSetter
    public void setNamespace(@CheckForNull final String namespace) {
        this.namespace = ensureNamespace(namespace);
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    /**
     * Sets whether the API server's certificate is not verified (test clusters only).
     *
     * @param skipTlsVerify {@code true} to skip the verification
     */
    @DataBoundSetter
    public void setSkipTlsVerify(final boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    /**
     * Checks a cluster name: a DNS label, as kubeconfig context names usually are.
     *
     * @param name the name
     * @return the trimmed name
     * @throws IllegalArgumentException if it is empty or not a DNS label
     */
    public static String ensureName(@CheckForNull final String name) {
        String value = Util.fixEmptyAndTrim(name);
        if (value == null || value.length() > MAX_NAME || !value.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
            throw new IllegalArgumentException(Messages.KubernetesCluster_NameInvalid(Util.fixNull(name)));
        }
        return value;
    }

    /**
     * Checks a namespace.
     *
     * @param namespace the namespace, or empty
     * @return the trimmed namespace, or {@code null}
     * @throws IllegalArgumentException if it is not a DNS label
     */
    @CheckForNull
    public static String ensureNamespace(@CheckForNull final String namespace) {
        String value = Util.fixEmptyAndTrim(namespace);
        if (value != null && (value.length() > MAX_NAME || !value.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"))) {
            throw new IllegalArgumentException(Messages.KubernetesCluster_NamespaceInvalid(value));
        }
        return value;
    }

    /**
     * Checks that a credentials id is given.
     *
     * @param credentialsId the id
     * @return the trimmed id
     * @throws IllegalArgumentException if it is empty
     */
    public static String ensureCredentialsId(@CheckForNull final String credentialsId) {
        String value = Util.fixEmptyAndTrim(credentialsId);
        if (value == null) {
            throw new IllegalArgumentException(Messages.KubernetesCluster_CredentialsMissing());
        }
        return value;
    }

    static CredentialsMatcher kubeconfigOrToken() {
        return CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    /**
     * The form of a cluster.
     */
    @Extension
    @Symbol("kubernetesCluster")
    public static final class DescriptorImpl extends Descriptor<KubernetesCluster> {
        @Override
        public String getDisplayName() {
            return Messages.KubernetesCluster_DisplayName();
        }

        /**
         * Fills the credentials: Secret files (kubeconfig) and Secret texts (token).
         *
         * @param credentialsId the current value
         * @return the choices
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter final String credentialsId) {
            return CredentialsFields.fill(kubeconfigOrToken(), credentialsId);
        }

        /**
         * Checks the credentials.
         *
         * @param value the id
         * @return the result
         */
        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter final String value) {
            FormValidation required = LotaBotsConfiguration.validate(() -> ensureCredentialsId(value));
            if (required.kind != FormValidation.Kind.OK) {
                return required;
            }
            return CredentialsFields.check(kubeconfigOrToken(), value, Messages.KubernetesCluster_CredentialsType());
        }

        /**
         * Checks the name.
         *
         * @param value the name
         * @return the result
         */
        @POST
        public FormValidation doCheckName(@QueryParameter final String value) {
            return LotaBotsConfiguration.validate(() -> ensureName(value));
        }

        /**
         * Checks the API server URL.
         *
         * @param value the URL
         * @return the result
         */
        @POST
        public FormValidation doCheckServerUrl(@QueryParameter final String value) {
            return LotaBotsConfiguration.validate(() -> LotaBotsConfiguration.ensureHttpUrl("serverUrl", value));
        }

        /**
         * Checks the namespace.
         *
         * @param value the namespace
         * @return the result
         */
        @POST
        public FormValidation doCheckNamespace(@QueryParameter final String value) {
            return LotaBotsConfiguration.validate(() -> ensureNamespace(value));
        }
    }
}
