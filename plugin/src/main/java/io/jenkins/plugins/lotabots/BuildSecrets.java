package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.model.AbstractBuild;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;

import io.lotabots.util.SecretMasker;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The secret values of a build that LotaBots must mask wherever it writes: everything Jenkins masks on the build's
 * console. That is the variables a Pipeline block marks as sensitive ({@code withCredentials} bindings and password
 * parameters, through {@link EnvironmentExpander#getSensitiveVariables()}), the sensitive parameters of any build, the
 * sensitive build variables of a freestyle build's wrappers, and every variable whose name marks it as a secret
 * ({@link SecretMasker#isSecretName(String)}).
 */
@Restricted(NoExternalUse.class)
public final class BuildSecrets {
    private BuildSecrets() {
    }

    /**
     * Returns the names of the build's sensitive variables.
     *
     * @param run the build
     * @param expander the environment expander of the step's context, or {@code null} outside a Pipeline
     * @return the names
     */
    public static Set<String> sensitiveNames(final Run<?, ?> run, @CheckForNull final EnvironmentExpander expander) {
        Set<String> names = new TreeSet<>();
        if (expander != null) {
            names.addAll(expander.getSensitiveVariables());
        }
        ParametersAction parameters = run.getAction(ParametersAction.class);
        if (parameters != null) {
            for (ParameterValue parameter : parameters.getAllParameters()) {
                if (parameter.isSensitive()) {
                    names.add(parameter.getName());
                }
            }
        }
        if (run instanceof AbstractBuild<?, ?> build) {
            names.addAll(build.getSensitiveBuildVariables());
        }
        return names;
    }

    /**
     * Returns the values to mask: those of the sensitive variables and of the variables named as secrets.
     *
     * @param environment the build's environment, credentials included
     * @param sensitiveNames the names of the sensitive variables
     * @return the values, sorted
     */
    public static Set<String> values(final Map<String, String> environment, final Collection<String> sensitiveNames) {
        Set<String> values = new TreeSet<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String value = variable.getValue();
            if (value != null && value.length() >= SecretMasker.MIN_SECRET_LENGTH
                    && (sensitiveNames.contains(variable.getKey()) || SecretMasker.isSecretName(variable.getKey()))) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * Returns a masker of the given values.
     *
     * @param values the secret values
     * @return the masker
     */
    public static SecretMasker masker(final Collection<String> values) {
        SecretMasker masker = new SecretMasker();
        values.forEach(masker::add);
        return masker;
    }
}
