package io.lotabots.artifact;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Keeps artifacts in an S3 bucket or an S3-compatible server (MinIO, Ceph, S3Proxy) through the AWS SDK v2 with
 * the JDK's HTTP client: the key {@code build-42/app.jar} with the prefix {@code ci} is the object
 * {@code ci/build-42/app.jar}, and its URL {@code s3://bucket/ci/build-42/app.jar}. S3 writes objects atomically.
 *
 * <p>Credentials are given explicitly (the CLI reads {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN}) or, when not given, come from the SDK's default chain (profiles, container and
 * instance roles). The secret key is handed to the SDK only: it is in no field, log line or message of this
 * class.</p>
 */
public final class S3ArtifactStore implements ArtifactStore {
    /** The region used when none is given. */
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    @CheckForNull
    private final URI endpoint;

    private S3ArtifactStore(final Builder builder, final S3Client client) {
        this.client = client;
        this.bucket = builder.bucket;
        this.prefix = builder.prefix;
        this.endpoint = builder.endpoint;
    }

    /**
     * Starts a store over a bucket.
     *
     * @param bucket the bucket name, for example {@code artifacts}
     * @return a builder
     * @throws LotaBotsException with {@link ArtifactErrorCode#INVALID_LOCATION} for a name S3 would refuse
     */
    public static Builder builder(final String bucket) {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, "'" + bucket + "' is not a valid S3"
                    + " bucket name: use 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with"
                    + " a letter or digit.");
        }
        return new Builder(bucket);
    }

    /**
     * Returns the bucket.
     *
     * @return the bucket name
     */
    public String getBucket() {
        return bucket;
    }

    /**
     * Returns the prefix every key is put under.
     *
     * @return the prefix without leading or trailing {@code /}, empty for none
     */
    public String getPrefix() {
        return prefix;
    }

    private String objectKey(final String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    @Override
    public String put(final String key, final Path file) {
        String objectKey = objectKey(ArtifactKeys.checkFile(key));
        try {
            long size = Files.size(file);
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(objectKey).contentLength(size).build(),
                    RequestBody.fromFile(file));
        }
        catch (IOException e) {
            throw LotaBotsException.of(ArtifactErrorCode.STORE_FAILURE, "Cannot read '" + file + "' to store it as '"
                    + key + "': " + e.getMessage(), e);
        }
        catch (NoSuchBucketException e) {
            throw noSuchBucket(e);
        }
        catch (SdkException e) {
            throw failure("Cannot store '" + key + "' in " + this, e);
        }
        return urlOf(key);
    }

    @Override
    public String urlOf(final String key) {
        return "s3://" + bucket + "/" + objectKey(ArtifactKeys.checkFileOrFolder(key));
    }

    @Override
    public boolean exists(final String key) {
        String objectKey = objectKey(ArtifactKeys.checkFile(key));
        try {
            client.headObject(HeadObjectRequest.builder().bucket(bucket).key(objectKey).build());
            return true;
        }
        catch (NoSuchKeyException e) {
            return false;
        }
        catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("Cannot check '" + key + "' in " + this, e);
        }
        catch (SdkException e) {
            throw failure("Cannot check '" + key + "' in " + this, e);
        }
    }

    @Override
    public InputStream get(final String key) {
        String objectKey = objectKey(ArtifactKeys.checkFile(key));
        try {
            return client.getObject(request -> request.bucket(bucket).key(objectKey));
        }
        catch (NoSuchKeyException e) {
            throw LotaBotsException.of(ArtifactErrorCode.NOT_FOUND, "Nothing is stored under '" + key + "' in "
                    + this + ".", e);
        }
        catch (NoSuchBucketException e) {
            throw noSuchBucket(e);
        }
        catch (SdkException e) {
            throw failure("Cannot read '" + key + "' from " + this, e);
        }
    }

    private LotaBotsException noSuchBucket(final Exception e) {
        return LotaBotsException.of(ArtifactErrorCode.STORE_FAILURE, "The bucket '" + bucket + "' does not exist"
                + (endpoint == null ? "" : " at " + endpoint) + "; create it or correct the store location.", e);
    }

    private LotaBotsException failure(final String what, final SdkException e) {
        return LotaBotsException.of(ArtifactErrorCode.STORE_FAILURE, what + ": " + e.getMessage()
                + ". Check the endpoint, region, bucket and credentials.", e);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + (endpoint == null ? "" : " at "
                + endpoint);
    }

    /**
     * Builds an {@link S3ArtifactStore}.
     */
    public static final class Builder {
        private final String bucket;
        private String prefix = "";
        private String region = DEFAULT_REGION;
        @CheckForNull
        private URI endpoint;
        @CheckForNull
        private Boolean pathStyle;
        @CheckForNull
        private AwsCredentialsProvider credentials;

        private Builder(final String bucket) {
            this.bucket = bucket;
        }

        /**
         * Sets the prefix every key is put under.
         *
         * @param value the prefix, for example {@code ci/app}; leading and trailing {@code /} are dropped
         * @return this
         * @throws LotaBotsException with {@link ArtifactErrorCode#INVALID_LOCATION} for a prefix with empty,
         *         {@code .} or {@code ..} segments
         */
        public Builder prefix(final String value) {
            String trimmed = value.replaceAll("^/+", "").replaceAll("/+$", "");
            if (!trimmed.isEmpty()) {
                try {
                    ArtifactKeys.checkFile(trimmed);
                }
                catch (LotaBotsException e) {
                    throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, "The S3 prefix '" + value
                            + "' is not valid: " + e.getMessage(), e);
                }
            }
            this.prefix = trimmed;
            return this;
        }

        /**
         * Sets the region.
         *
         * @param value the region, {@value #DEFAULT_REGION} by default
         * @return this
         */
        public Builder region(final String value) {
            if (value.isBlank()) {
                throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION,
                        "The S3 region is empty; give one like eu-west-1.");
            }
            this.region = value.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Sets the endpoint of an S3-compatible server. Unless told otherwise with {@link #pathStyleAccess},
         * a store with an endpoint uses path-style access ({@code http://host:9000/bucket/key}), which such
         * servers expect.
         *
         * @param value the endpoint, for example {@code http://127.0.0.1:9000}, or {@code null} for AWS
         * @return this
         * @throws LotaBotsException with {@link ArtifactErrorCode#INVALID_LOCATION} for an endpoint that is not
         *         an http or https URL, or that has credentials in it
         */
        public Builder endpoint(@CheckForNull final String value) {
            if (value == null || value.isBlank()) {
                this.endpoint = null;
                return this;
            }
            URI uri;
            try {
                uri = URI.create(value.trim());
            }
            catch (IllegalArgumentException e) {
                throw invalidEndpoint(value, "it is not a URL", e);
            }
            if (uri.getScheme() == null || !Pattern.matches("(?i)https?", uri.getScheme()) || uri.getHost() == null) {
                throw invalidEndpoint(value, "give an http or https URL with a host, like http://127.0.0.1:9000",
                        null);
            }
            if (uri.getRawUserInfo() != null) {
                throw LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, "The S3 endpoint has credentials in"
                        + " it; give them as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead.");
            }
            this.endpoint = uri;
            return this;
        }

        private static LotaBotsException invalidEndpoint(final String value, final String problem,
                @CheckForNull final Exception cause) {
            String message = "The S3 endpoint '" + value + "' is not valid: " + problem + ".";
            return cause == null ? LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, message)
                    : LotaBotsException.of(ArtifactErrorCode.INVALID_LOCATION, message, cause);
        }

        /**
         * Sets whether the bucket goes into the path ({@code host/bucket/key}) rather than the host name.
         *
         * @param value {@code true} for path-style access
         * @return this
         */
        public Builder pathStyleAccess(final boolean value) {
            this.pathStyle = value;
            return this;
        }

        /**
         * Sets the credentials. Without this call the SDK's default chain is used.
         *
         * @param accessKeyId the access key id
         * @param secretAccessKey the secret access key; it is never logged
         * @param sessionToken the session token of temporary credentials, or {@code null}
         * @return this
         */
        public Builder credentials(final String accessKeyId, final String secretAccessKey,
                @CheckForNull final String sessionToken) {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            this.credentials = StaticCredentialsProvider.create(sessionToken == null || sessionToken.isEmpty()
                    ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                    : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
            return this;
        }

        /**
         * Builds the store. No request is made yet.
         *
         * @return the store
         */
        public S3ArtifactStore build() {
            S3ClientBuilder builder = S3Client.builder()
                    .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                            .socketTimeout(Duration.ofMinutes(2)).build())
                    .region(Region.of(region))
                    .credentialsProvider(credentials == null ? DefaultCredentialsProvider.builder().build()
                            : credentials);
            URI uri = endpoint;
            if (uri != null) {
                // S3-compatible servers often lack the newer flexible checksums; send them only when required.
                builder.endpointOverride(uri)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            builder.forcePathStyle(pathStyle == null ? Boolean.valueOf(uri != null) : pathStyle);
            return new S3ArtifactStore(this, builder.build());
        }
    }
}
