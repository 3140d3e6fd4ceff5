package io.jenkins.plugins.lotabots.library;

import hudson.Extension;
import hudson.PluginWrapper;
import hudson.model.ItemGroup;
import hudson.model.Job;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jenkins.model.Jenkins;

import org.jenkinsci.plugins.workflow.libs.LibraryConfiguration;
import org.jenkinsci.plugins.workflow.libs.LibraryResolver;

/**
 * Offers the pipeline library the plugin bundles as {@code @Library('lotabots') _}: trusted (it runs outside the
 * sandbox, as a global library configured by an administrator does), not loaded implicitly, and at the version of
 * the installed plugin. Its ordinal is low so that a library named {@code lotabots} that an administrator configured
 * in "Global Trusted Pipeline Libraries" is claimed first and wins.
 */
@Extension(ordinal = -100)
public final class LotaBotsLibraryResolver extends LibraryResolver {
    /** The library's name in {@code @Library}. */
    public static final String NAME = "lotabots";
    private static final String UNKNOWN_VERSION = "bundled";

    @Override
    public boolean isTrusted() {
        return true;
    }

    @Override
    public Collection<LibraryConfiguration> forJob(final Job<?, ?> job, final Map<String, String> libraryVersions) {
        if (libraryVersions.containsKey(NAME)) {
            return List.of(configuration());
        }
        return List.of();
    }

    @Override
    public Collection<LibraryConfiguration> suggestedConfigurations(final ItemGroup<?> group) {
        return List.of(configuration());
    }

    /**
     * Returns the library's configuration.
     *
     * @return a new configuration: name {@code lotabots}, the bundled retriever, the plugin's version
     */
    static LibraryConfiguration configuration() {
        LibraryConfiguration configuration = new LibraryConfiguration(NAME, new LotaBotsLibraryRetriever());
        configuration.setDefaultVersion(bundledVersion());
        configuration.setImplicit(false);
        configuration.setAllowVersionOverride(true);
        configuration.setIncludeInChangesets(false);
        return configuration;
    }

    /**
     * Returns the version of the bundled library: the installed plugin's version, without the build note a snapshot
     * carries ({@code 0.1.0-SNAPSHOT (private-...)} gives {@code 0.1.0-SNAPSHOT}).
     *
     * @return the version
     */
    static String bundledVersion() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        PluginWrapper plugin = jenkins == null ? null
                : jenkins.getPluginManager().whichPlugin(LotaBotsLibraryResolver.class);
        if (plugin == null) {
            return UNKNOWN_VERSION;
        }
        String version = plugin.getVersion().trim();
        int space = version.indexOf(' ');
        return space > 0 ? version.substring(0, space) : version;
    }
}
