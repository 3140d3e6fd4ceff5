package io.lotabots.artifact;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class S3ArtifactStoreITest {
    private static final String BUCKET = "artifacts";

    private static S3ProxyServer server;

    @TempDir
    private Path folder;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static S3ArtifactStore store(final String prefix) {
        return S3ArtifactStore.builder(BUCKET).prefix(prefix).endpoint(server.endpoint())
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null).build();
    }

    @Test
    void shouldUploadUnderPrefixReadBackAndReturnS3Url() throws IOException {
        Path file = Files.writeString(folder.resolve("app.jar"), "jar content", StandardCharsets.UTF_8);

        try (S3ArtifactStore store = store("/ci/app/")) {
            String url = store.put("build-7/target/app.jar", file);

            assertThat(url).isEqualTo("s3://artifacts/ci/app/build-7/target/app.jar");
            assertThat(store.urlOf("build-7/")).isEqualTo("s3://artifacts/ci/app/build-7/");
            assertThat(store.exists("build-7/target/app.jar")).isTrue();
            assertThat(store.exists("build-7/target/other.jar")).isFalse();
            try (InputStream in = store.get("build-7/target/app.jar")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("jar content");
            }
        }
        try (S3Client client = server.client()) {
            assertThat(client.getObjectAsBytes(request -> request.bucket(BUCKET).key("ci/app/build-7/target/app.jar"))
                    .asUtf8String()).isEqualTo("jar content");
        }
    }

    @Test
    void shouldUploadLargeFileAsStream() throws IOException {
        byte[] content = new byte[8 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        Path file = Files.write(folder.resolve("big.bin"), content);

        try (S3ArtifactStore store = store("")) {
            assertThat(store.put("build-8/big.bin", file)).isEqualTo("s3://artifacts/build-8/big.bin");
            try (InputStream in = store.get("build-8/big.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }

    @Test
    void shouldReplaceExistingObject() throws IOException {
        Path first = Files.writeString(folder.resolve("a.txt"), "first");
        Path second = Files.writeString(folder.resolve("b.txt"), "second");

        try (S3ArtifactStore store = store("replace")) {
            store.put("k/a.txt", first);
            store.put("k/a.txt", second);
            try (InputStream in = store.get("k/a.txt")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
            }
        }
    }

    @Test
    void shouldReportMissingKeyAsNotFound() {
        try (S3ArtifactStore store = store("")) {
            assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> store.get("nothing/here.txt"))
                    .satisfies(e -> assertThat(e.getCode()).isEqualTo(ArtifactErrorCode.NOT_FOUND));
        }
    }

    @Test
    void shouldNameMissingBucketAndEndpoint() throws IOException {
        Path file = Files.writeString(folder.resolve("a.txt"), "a");

        try (S3ArtifactStore store = S3ArtifactStore.builder("no-such-bucket").endpoint(server.endpoint())
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null).build()) {
            assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> store.put("b/a.txt", file))
                    .satisfies(e -> assertThat(e.getCode()).isEqualTo(ArtifactErrorCode.STORE_FAILURE))
                    .withMessageContaining("'no-such-bucket' does not exist at " + server.endpoint());
        }
    }

    @Test
    void shouldFailClearlyOnWrongCredentialsWithoutShowingTheSecret() throws IOException {
        Path file = Files.writeString(folder.resolve("a.txt"), "a");
        String wrongSecret = "wrong-secret-value-1234";

        try (S3ArtifactStore store = S3ArtifactStore.builder(BUCKET).endpoint(server.endpoint())
                .credentials(S3ProxyServer.ACCESS_KEY, wrongSecret, null).build()) {
            assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> store.put("b/a.txt", file))
                    .satisfies(e -> assertThat(e.getCode()).isEqualTo(ArtifactErrorCode.STORE_FAILURE))
                    .withMessageContaining("Check the endpoint, region, bucket and credentials")
                    .withMessageNotContaining(wrongSecret);
            assertThat(store.toString()).isEqualTo("s3://artifacts at " + server.endpoint())
                    .doesNotContain(wrongSecret);
        }
    }

    @Test
    void shouldFailClearlyWhenServerIsUnreachable() throws IOException {
        Path file = Files.writeString(folder.resolve("a.txt"), "a");

        try (S3ArtifactStore store = S3ArtifactStore.builder(BUCKET).endpoint("http://127.0.0.1:1")
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null).build()) {
            assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> store.put("b/a.txt", file))
                    .satisfies(e -> assertThat(e.getCode()).isEqualTo(ArtifactErrorCode.STORE_FAILURE))
                    .withMessageContaining("Cannot store 'b/a.txt' in s3://artifacts at http://127.0.0.1:1");
        }
    }

    @Test
    void shouldCreateS3StoreFromLocationWithEndpointAndCredentials() throws IOException {
        Path file = Files.writeString(folder.resolve("a.txt"), "via parse");
        ArtifactStores.Options options = ArtifactStores.Options.in(folder).withS3Endpoint(server.endpoint())
                .withS3Region("eu-west-1").withS3Credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null);

        try (ArtifactStore store = ArtifactStores.parse("s3://artifacts/parsed", options)) {
            assertThat(store).isInstanceOf(S3ArtifactStore.class);
            assertThat(store.put("b/a.txt", file)).isEqualTo("s3://artifacts/parsed/b/a.txt");
            assertThat(store.exists("b/a.txt")).isTrue();
        }
        assertThat(options.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }
}
