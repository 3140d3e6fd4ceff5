package io.jenkins.plugins.lotabots;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;

import java.util.List;

import jenkins.model.Jenkins;

import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Fills and checks the {@code credentialsId} fields of the global configuration as the credentials plugin's consumer
 * guide says: only administrators see the list, the current value is always kept, and a check reports an id that
 * does not exist (or has the wrong type) without ever reading the secret.
 */
@Restricted(NoExternalUse.class)
public final class CredentialsFields {
    private CredentialsFields() {
    }

    /**
     * Returns the credentials an administrator may choose, matching the given filter, plus the current value.
     *
     * @param matcher which credentials fit the field
     * @param value the current value
     * @return the model; only the current value for users without {@link Jenkins#ADMINISTER}
     */
    public static ListBoxModel fill(final CredentialsMatcher matcher, @CheckForNull final String value) {
        String current = value == null ? "" : value;
        StandardListBoxModel result = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            result.includeCurrentValue(current);
            return result;
        }
        result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), matcher)
                .includeCurrentValue(current);
        return result;
    }

    /**
     * Checks that the credentials id exists and fits the field.
     *
     * @param matcher which credentials fit the field
     * @param value the id; empty is fine (the service is not used)
     * @param expected what the field needs, for the message (for example "Secret text")
     * @return the result; OK for users without {@link Jenkins#ADMINISTER}
     */
    public static FormValidation check(final CredentialsMatcher matcher, @CheckForNull final String value,
            final String expected) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        if (exists(CredentialsMatchers.allOf(matcher, CredentialsMatchers.withId(value)))) {
            return FormValidation.ok();
        }
        if (exists(CredentialsMatchers.withId(value))) {
            return FormValidation.error(Messages.CredentialsFields_WrongType(value, expected));
        }
        return FormValidation.error(Messages.CredentialsFields_Missing(value));
    }

    private static boolean exists(final CredentialsMatcher matcher) {
        return !new StandardListBoxModel()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), matcher)
                .isEmpty();
    }
}
