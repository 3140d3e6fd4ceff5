package io.lotabots.bot.deploy;

import io.lotabots.artifact.FileDigest;
import io.lotabots.bot.BotContext;
import io.lotabots.bus.MessageBus;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Artifact;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.Message;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The artifact that BuildBot built, found through its {@code build.completed} message, for a directory deployment
 * that names no artifact: the build-test-deploy scenario deploys what its Build stage stored, checked against the
 * SHA-256 recorded in the message, so that what is deployed is what was built and tested.
 *
 * @param buildId the build's id, the default version of the deployment
 * @param file the file to deploy: BuildBot's stored copy when the store is a local folder, else the workspace file
 * @param shown the artifact's path relative to the workspace, for the log
 */
record BuiltArtifact(String buildId, Path file, String shown) {
    /** The endings of the files the directory target knows how to start. */
    private static final List<String> DEPLOYABLE = List.of(".jar", ".war");
    /** Build outputs that are never the application itself. */
    private static final List<String> NOT_DEPLOYABLE = List.of("-sources.jar", "-javadoc.jar", "-tests.jar",
            "-test-sources.jar");

    BuiltArtifact {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(shown, "shown");
    }

    /**
     * Finds the artifact of a {@code build.completed}: the one named (by build id or message id, from any run in the
     * journal), else the latest of the context's own run, its correlation id. A build of another run is never taken
     * without being named: a line another run, or anyone who can write the journal, appended is not this run's build.
     *
     * @param context the context
     * @param named the build id or message id the user gave with the option {@code build}, or {@code null}
     * @return the artifact, or empty when nothing is named and this run announced no build
     * @throws LotaBotsException when the named build is not in the journal, or the build stored no deployable
     *         file, several, or a file that changed since
     */
    static Optional<BuiltArtifact> find(final BotContext context, @CheckForNull final String named) {
        Optional<Message> chosen = named == null ? ofThisRun(context.getBus()) : named(context.getBus(), named);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        BuildCompleted build = chosen.get().payloadAs(BuildCompleted.class);
        List<Artifact> deployable = build.artifacts().stream().filter(BuiltArtifact::isDeployable).toList();
        if (deployable.isEmpty()) {
            throw invalid("The build " + build.buildId() + " stored no .jar or .war to deploy"
                    + (build.artifacts().isEmpty() ? " (BuildBot stores files only with its option artifacts, for"
                    + " example target/*.jar)" : " (it stored " + paths(build.artifacts()) + ")")
                    + "; give the file with the option artifact, for example artifact: 'target/app.jar'.");
        }
        if (deployable.size() > 1) {
            throw invalid("The build " + build.buildId() + " stored several files that could be deployed ("
                    + paths(deployable) + "); choose one with the option artifact, for example artifact: '"
                    + deployable.get(0).path() + "'.");
        }
        Artifact artifact = deployable.get(0);
        Path file = storedCopy(build.artifactUrl(), artifact.path())
                .orElseGet(() -> context.getWorkspace().resolve(artifact.path()).normalize());
        check(file, artifact, build.buildId());
        return Optional.of(new BuiltArtifact(build.buildId(), file, artifact.path()));
    }

    private static Optional<Message> ofThisRun(final MessageBus bus) {
        String run = bus.getCorrelationId();
        List<Message> builds = run == null
                ? bus.getPublished().stream().filter(m -> BuildCompleted.TYPE.equals(m.getType())).toList()
                : bus.query(MessageFilter.ofTypes(BuildCompleted.TYPE).withCorrelationId(run));
        return builds.isEmpty() ? Optional.empty() : Optional.of(builds.get(builds.size() - 1));
    }

    private static Optional<Message> named(final MessageBus bus, final String named) {
        List<Message> builds = bus.query(MessageFilter.ofTypes(BuildCompleted.TYPE));
        for (int i = builds.size() - 1; i >= 0; i--) {
            Message message = builds.get(i);
            if (named.equals(message.getId()) || named.equals(message.payloadAs(BuildCompleted.class).buildId())) {
                return Optional.of(message);
            }
        }
        String known = builds.stream().skip(Math.max(0, builds.size() - 5L))
                .map(m -> m.payloadAs(BuildCompleted.class).buildId()).collect(Collectors.joining(", "));
        throw invalid("No build.completed in the journal has the build id or message id '" + named + "' given with"
                + " the option build (--build); " + (known.isEmpty() ? "the journal records no build at all."
                : "the latest builds it records are " + known + "."));
    }

    /**
     * Says what to do when this run announced no build: names the options, and the latest build of another run.
     *
     * @param context the context
     * @return the sentence
     */
    static String noBuildOfThisRun(final BotContext context) {
        MessageBus bus = context.getBus();
        List<Message> builds = bus.query(MessageFilter.ofTypes(BuildCompleted.TYPE));
        String run = bus.getCorrelationId();
        String other = builds.isEmpty() ? "" : " The latest build in the journal, " + builds.get(builds.size() - 1)
                .payloadAs(BuildCompleted.class).buildId() + " of the run " + builds.get(builds.size() - 1)
                .getCorrelationId().orElse("without correlation id") + ", is deployed only when named so.";
        return "This run" + (run == null ? "" : " (" + run + ")") + " announced no build.completed, so there is"
                + " no built artifact to deploy: give the file with the option artifact (artifact: 'target/app.jar',"
                + " --artifact target/app.jar), or name the build to deploy with the option build (build:"
                + " 'build-20260301-100000', --build build-20260301-100000; a build id or a message id)." + other;
    }

    private static boolean isDeployable(final Artifact artifact) {
        String name = artifact.path().toLowerCase(Locale.ROOT);
        return DEPLOYABLE.stream().anyMatch(name::endsWith) && NOT_DEPLOYABLE.stream().noneMatch(name::endsWith)
                && !name.substring(name.lastIndexOf('/') + 1).startsWith("original-");
    }

    private static String paths(final List<Artifact> artifacts) {
        return artifacts.stream().limit(10).map(Artifact::path).collect(Collectors.joining(", "))
                + (artifacts.size() > 10 ? ", ..." : "");
    }

    /**
     * Returns the stored copy when the store is a local folder ({@code file:} URL) and the copy exists.
     */
    private static Optional<Path> storedCopy(@CheckForNull final String artifactUrl, final String path) {
        if (artifactUrl == null || !artifactUrl.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            Path folder = Path.of(URI.create(artifactUrl)).normalize();
            Path copy = folder.resolve(path).normalize();
            return copy.startsWith(folder) && Files.isRegularFile(copy) ? Optional.of(copy) : Optional.empty();
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void check(final Path file, final Artifact artifact, final String buildId) {
        if (!Files.isRegularFile(file)) {
            throw invalid("The artifact " + artifact.path() + " of the build " + buildId + " is gone ('" + file
                    + "'); build again, or give the file with the option artifact.");
        }
        String actual;
        try {
            actual = FileDigest.of(file).sha256();
        }
        catch (IOException e) {
            throw LotaBotsException.of(DeployErrorCode.INVALID_REQUEST, "Cannot read the artifact '" + file
                    + "' of the build " + buildId + ": " + e.getMessage(), e);
        }
        if (!actual.equalsIgnoreCase(artifact.sha256())) {
            throw invalid("The artifact '" + file + "' is not what the build " + buildId + " stored: its SHA-256 is "
                    + actual + ", the build recorded " + artifact.sha256() + ". Build again, or give the file with"
                    + " the option artifact.");
        }
    }

    private static LotaBotsException invalid(final String message) {
        return LotaBotsException.of(DeployErrorCode.INVALID_REQUEST, message);
    }
}
