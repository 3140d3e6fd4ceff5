package io.lotabots.artifact;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.OutputPaths;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns a store location as users write it into a store: a folder ({@code .lotabots/artifacts},
 * {@code /srv/artifacts}, {@code file:///srv/artifacts}) or an S3 bucket with an optional prefix
 * ({@code s3://artifacts/ci/app}).
 *
 * <p>A relative folder is resolved against the workspace and may not leave it, neither with {@code ..} nor through
 * a symbolic link ({@link OutputPaths}): that is almost always a mistake in a Jenkinsfile, or a committed link. An
 * absolute folder may be anywhere; choosing it is the user's decision.</p>
 */
public final class ArtifactStores {
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):.*", Pattern.DOTALL);

    private ArtifactStores() {
    }

    /**
     * Creates the store at a location.
     *
     * @param location a folder, a {@code file:} URI or {@code s3://bucket[/prefix]}
     * @param options the workspace and S3 settings
     * @return the store; close it when done
     * @throws LotaBotsException with {@link ArtifactErrorCode#INVALID_LOCATION} for a location that cannot be
     *         understood, {@link ArtifactErrorCode#OUTSIDE_WORKSPACE} for a relative folder that leaves the
     *         workspace
     */
    public static ArtifactStore parse(final String location, final Options options) {
        String text = location.trim();
        if (text.isEmpty()) {
            throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, "The artifact store is empty; give a"
                    + " folder like .lotabots/artifacts or an S3 location like s3://bucket/prefix.");
        }
        var scheme = SCHEME.matcher(text);
        if (scheme.matches() && scheme.group(1).length() > 1) {
            String name = scheme.group(1).toLowerCase(java.util.Locale.ROOT);
            if ("s3".equals(name)) {
                return s3(text, options);
            }
            if ("file".equals(name)) {
                return LocalArtifactStore.of(fileUri(text));
            }
            throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, "The artifact store '" + text
                    + "' uses the unsupported scheme '" + name + "'; give a folder or s3://bucket/prefix.");
        }
        Path path;
        try {
            path = Path.of(text);
        }
        catch (InvalidPathException e) {
            throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, "The artifact store '" + text
                    + "' is not a valid folder: " + e.getMessage(), e);
        }
        if (path.isAbsolute()) {
            return LocalArtifactStore.of(path);
        }
        Path resolved;
        try {
            resolved = OutputPaths.confinedTo(options.workspace).resolve(path, "the artifact store");
        }
        catch (LotaBotsException e) {
            throw LotaBotsException.of(ArtifactErrorCode.OUTSIDE_WORKSPACE, e.getMessage()
                    + " A relative store must stay in the workspace; give an absolute path if you mean a folder"
                    + " outside it.", e);
        }
        return LocalArtifactStore.of(resolved);
    }

    private static Path fileUri(final String text) {
        try {
            return Path.of(URI.create(text));
        }
        catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, "The artifact store '" + text
                    + "' is not a valid file URI; write it like file:///srv/artifacts.", e);
        }
    }

    private static ArtifactStore s3(final String text, final Options options) {
        if (!text.regionMatches(true, 0, "s3://", 0, "s3://".length())) {
            throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, "The artifact store '" + text
                    + "' is not an S3 location; write it like s3://bucket/prefix.");
        }
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        S3ArtifactStore.Builder builder = S3ArtifactStore.builder(bucket).prefix(prefix).region(options.s3Region)
                .endpoint(options.s3Endpoint);
        if (options.accessKeyId != null && options.secretAccessKey != null) {
            builder.credentials(options.accessKeyId, options.secretAccessKey, options.sessionToken);
        }
        return builder.build();
    }

    /**
     * What a location is resolved with: the workspace, and for S3 the endpoint, region and credentials.
     * Immutable; each {@code with} method returns a copy. {@link #toString()} shows no secret.
     */
    public static final class Options {
        private final Path workspace;
        @CheckForNull
        private final String s3Endpoint;
        private final String s3Region;
        @CheckForNull
        private final String accessKeyId;
        @CheckForNull
        private final String secretAccessKey;
        @CheckForNull
        private final String sessionToken;

        private Options(final Path workspace, @CheckForNull final String s3Endpoint, final String s3Region,
                @CheckForNull final String accessKeyId, @CheckForNull final String secretAccessKey,
                @CheckForNull final String sessionToken) {
            this.workspace = workspace;
            this.s3Endpoint = s3Endpoint;
            this.s3Region = s3Region;
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            this.sessionToken = sessionToken;
        }

        /**
         * Starts options for a workspace, with AWS defaults for S3.
         *
         * @param workspace the folder relative store folders are resolved against
         * @return the options
         */
        public static Options in(final Path workspace) {
            return new Options(workspace.toAbsolutePath().normalize(), null, S3ArtifactStore.DEFAULT_REGION, null,
                    null, null);
        }

        /**
         * Sets the endpoint of an S3-compatible server; path-style access is then used.
         *
         * @param value the endpoint, for example {@code http://127.0.0.1:9000}, or {@code null} for AWS
         * @return a copy with the endpoint
         */
        public Options withS3Endpoint(@CheckForNull final String value) {
            return new Options(workspace, value, s3Region, accessKeyId, secretAccessKey, sessionToken);
        }

        /**
         * Sets the S3 region.
         *
         * @param value the region, for example {@code eu-west-1}
         * @return a copy with the region
         */
        public Options withS3Region(final String value) {
            return new Options(workspace, s3Endpoint, Objects.requireNonNull(value), accessKeyId, secretAccessKey,
                    sessionToken);
        }

        /**
         * Sets the S3 credentials; without them the SDK's default chain is used.
         *
         * @param keyId the access key id
         * @param secretKey the secret access key
         * @param token the session token, or {@code null}
         * @return a copy with the credentials
         */
        public Options withS3Credentials(final String keyId, final String secretKey, @CheckForNull final String token) {
            return new Options(workspace, s3Endpoint, s3Region, Objects.requireNonNull(keyId),
                    Objects.requireNonNull(secretKey), token);
        }

        @Override
        public String toString() {
            return "workspace " + workspace + (s3Endpoint == null ? "" : ", S3 endpoint " + s3Endpoint)
                    + ", region " + s3Region + (accessKeyId == null ? "" : ", access key id " + accessKeyId);
        }
    }
}
