package io.lotabots.artifact;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.List;
import java.util.Properties;

/**
 * A real S3-compatible server for tests: S3Proxy with an in-memory blob store, on 127.0.0.1 and a free port, with
 * AWS signature authentication. Shared with the BuildBot tests.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** The access key id the server accepts. */
    public static final String ACCESS_KEY = "lotabots-access";
    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "s3cr3t-key-that-must-never-be-logged";

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private S3ProxyServer(final S3Proxy proxy, final BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    /**
     * Starts a server and waits until it accepts requests.
     *
     * @return the running server
     * @throws Exception if it cannot start
     */
    public static S3ProxyServer start() throws Exception {
        requireJacksonForS3Proxy();
        quietServerLogs();
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        BlobStore blobStore = BlobStores.create("transient-nio2", properties);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobStore).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 10 s: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyServer(proxy, blobStore);
    }

    private static void requireJacksonForS3Proxy() {
        try {
            Class.forName("com.fasterxml.jackson.annotation.JsonSerializeAs");
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("S3Proxy 4.1.0 (Jackson 3) needs jackson-annotations 2.21 or newer on"
                    + " the test class path, but the build resolves an older one ("
                    + com.fasterxml.jackson.annotation.JsonProperty.class.getPackage().getImplementationVersion()
                    + "). Set jackson.version to 2.21.0 or newer in the parent pom.", e);
        }
    }

    /** S3Proxy brings logback, which logs at DEBUG without configuration: keep the server and SDK quiet. */
    private static void quietServerLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : List.of("org.gaul", "software.amazon.awssdk", "org.eclipse.jetty")) {
                context.getLogger(name).setLevel(Level.WARN);
            }
        }
    }

    /**
     * Returns the endpoint.
     *
     * @return for example {@code http://127.0.0.1:39123}
     */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /**
     * Returns a plain SDK client of the server, to create buckets and check what a store wrote.
     *
     * @return the client; close it
     */
    public S3Client client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /**
     * Creates a bucket.
     *
     * @param name the bucket
     */
    public void createBucket(final String name) {
        try (S3Client client = client()) {
            client.createBucket(request -> request.bucket(name));
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobStore.close();
    }
}
