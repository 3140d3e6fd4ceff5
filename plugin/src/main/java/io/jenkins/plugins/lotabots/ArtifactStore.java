package io.jenkins.plugins.lotabots;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;

import java.util.Locale;

import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A place where BuildBot stores artifacts (its {@code store} option): a folder on the agent, relative to the workspace
 * or absolute, or an S3 location {@code s3://bucket/prefix}. The first store of the global configuration is the
 * default. A plain {@code final} class, not a record: XStream persists it.
 */
public final class ArtifactStore extends AbstractDescribableImpl<ArtifactStore> {
    private final String name;
    private final String location;

    /**
     * Creates a store.
     *
     * @param name a short name, for example {@code releases}
     * @param location the folder or {@code s3://bucket/prefix}
     */
    @DataBoundConstructor
    public ArtifactStore(final String name, final String location) {
        this.name = ensureName(name);
        this.location = ensureLocation(location);
    }

    public String getName() {
        return name;
    }

    public String getLocation() {
        return location;
    }

    /**
     * Checks a store name.
     *
     * @param name the name
     * @return the trimmed name
     * @throws IllegalArgumentException if it is empty or not made of letters, digits, '.', '_' and '-'
     */
    public static String ensureName(final String name) {
        String value = Util.fixEmptyAndTrim(name);
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException(Messages.ArtifactStore_NameInvalid(Util.fixNull(name)));
        }
        return value;
    }

    /**
     * Checks a store location.
     *
     * @param location the folder or S3 URL
     * @return the trimmed location
     * @throws IllegalArgumentException if it is empty, has a scheme other than s3, or names no bucket
     */
    public static String ensureLocation(final String location) {
        String value = Util.fixEmptyAndTrim(location);
        if (value == null) {
            throw new IllegalArgumentException(Messages.ArtifactStore_LocationEmpty());
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.matches("[a-z][a-z0-9+.-]+://.*")
                && (!lower.startsWith("s3://") || value.length() <= "s3://".length())) {
            throw new IllegalArgumentException(Messages.ArtifactStore_LocationInvalid(value));
        }
        return value;
    }

    /**
     * The form of a store.
     */
    @Extension
    @Symbol("artifactStore")
    public static final class DescriptorImpl extends Descriptor<ArtifactStore> {
        @Override
        public String getDisplayName() {
            return Messages.ArtifactStore_DisplayName();
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
         * Checks the location.
         *
         * @param value the location
         * @return the result
         */
        @POST
        public FormValidation doCheckLocation(@QueryParameter final String value) {
            return LotaBotsConfiguration.validate(() -> ensureLocation(value));
        }
    }
}
