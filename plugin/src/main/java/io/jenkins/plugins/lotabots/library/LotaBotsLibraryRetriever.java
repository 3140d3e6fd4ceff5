package io.jenkins.plugins.lotabots.library;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Descriptor;
import hudson.model.DescriptorVisibilityFilter;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;

import org.jenkinsci.plugins.workflow.libs.LibraryRetriever;
import org.jenkinsci.plugins.workflow.libs.LibraryRetrieverDescriptor;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Retrieves the pipeline library the plugin bundles, without any SCM: copies its {@code vars/}, {@code src/} and
 * {@code resources/} into the library checkout of the build. Only the bundled version exists; asking for another
 * one aborts the build with a message naming the version to use.
 * <p>
 * It overrides both historical {@code retrieve} methods of {@link LibraryRetriever}: every release of
 * pipeline-groovy-lib calls one of them (newer ones through their default {@code retrieve3} or {@code retrieveJar}).
 */
@Restricted(NoExternalUse.class)
public final class LotaBotsLibraryRetriever extends LibraryRetriever {
    /**
     * Creates the retriever.
     */
    @DataBoundConstructor
    public LotaBotsLibraryRetriever() {
        super();
    }

    @Override
    public void retrieve(final String name, final String version, final boolean changelog, final FilePath target,
            final Run<?, ?> run, final TaskListener listener) throws Exception {
        retrieve(name, version, target, run, listener);
    }

    @Override
    public void retrieve(final String name, final String version, final FilePath target, final Run<?, ?> run,
            final TaskListener listener) throws Exception {
        String bundled = LotaBotsLibraryResolver.bundledVersion();
        if (!bundled.equals(version)) {
            throw new AbortException(Messages.LotaBotsLibraryRetriever_OtherVersion(name, version, bundled));
        }
        int files = BundledLibrary.locate(LotaBotsLibraryRetriever.class.getClassLoader()).copyTo(target);
        listener.getLogger().println(Messages.LotaBotsLibraryRetriever_Loaded(name, bundled, files));
    }

    @Override
    public FormValidation validateVersion(final String name, final String version, @CheckForNull final Item context) {
        String bundled = LotaBotsLibraryResolver.bundledVersion();
        return bundled.equals(version) ? FormValidation.ok()
                : FormValidation.error(Messages.LotaBotsLibraryRetriever_OtherVersion(name, version, bundled));
    }

    /**
     * The descriptor; hidden from the library forms, where the retriever makes no sense.
     */
    @Extension
    public static final class DescriptorImpl extends LibraryRetrieverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.LotaBotsLibraryRetriever_DisplayName();
        }
    }

    /**
     * Keeps the retriever out of the "Retrieval method" choices of Global and folder libraries.
     */
    @Extension
    public static final class HideFromForms extends DescriptorVisibilityFilter {
        @Override
        public boolean filter(@CheckForNull final Object context, final Descriptor descriptor) {
            return !(descriptor instanceof DescriptorImpl);
        }
    }
}
