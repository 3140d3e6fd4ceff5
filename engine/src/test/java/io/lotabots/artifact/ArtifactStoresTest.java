package io.lotabots.artifact;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArtifactStoresTest {
    @TempDir
    private Path workspace;

    private ArtifactStore parse(final String location) {
        return ArtifactStores.parse(location, ArtifactStores.Options.in(workspace));
    }

    private void assertRefused(final String location, final ArtifactErrorCode code, final String text) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> parse(location))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(code))
                .withMessageContaining(text);
    }

    @Test
    void shouldResolveRelativeFolderAgainstWorkspace() {
        assertThat(parse(".lotabots/artifacts")).isInstanceOfSatisfying(LocalArtifactStore.class,
                store -> assertThat(store.getRoot()).isEqualTo(workspace.resolve(".lotabots/artifacts")));
        assertThat(parse("out/../store")).isInstanceOfSatisfying(LocalArtifactStore.class,
                store -> assertThat(store.getRoot()).isEqualTo(workspace.resolve("store")));
    }

    @Test
    void shouldRefuseRelativeFolderThatLeavesWorkspace() {
        assertRefused("../artifacts", ArtifactErrorCode.OUTSIDE_WORKSPACE,
                "'../artifacts': it is outside the workspace");
        assertRefused("a/../../b", ArtifactErrorCode.OUTSIDE_WORKSPACE, "absolute path if you mean a folder outside");
    }

    @Test
    void shouldRefuseRelativeFolderThatIsALinkOutOfTheWorkspace(@TempDir final Path elsewhere) throws Exception {
        java.nio.file.Files.createSymbolicLink(workspace.resolve("store"), elsewhere);
        java.nio.file.Files.createDirectories(workspace.resolve("lotabots"));
        java.nio.file.Files.createSymbolicLink(workspace.resolve(".lotabots"), elsewhere);

        assertRefused("store", ArtifactErrorCode.OUTSIDE_WORKSPACE, "'store' is a symbolic link to '" + elsewhere);
        assertRefused(".lotabots/artifacts", ArtifactErrorCode.OUTSIDE_WORKSPACE,
                "would land in '" + elsewhere.toRealPath().resolve("artifacts") + "'");
        assertThat(parse("lotabots/artifacts")).isInstanceOf(LocalArtifactStore.class);
        try (var files = java.nio.file.Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldAcceptAbsoluteFolderAnywhereAsTheUsersChoice(@TempDir final Path elsewhere) {
        assertThat(parse(elsewhere.toString())).isInstanceOfSatisfying(LocalArtifactStore.class,
                store -> assertThat(store.getRoot()).isEqualTo(elsewhere));
        assertThat(parse(elsewhere.toUri().toString())).isInstanceOfSatisfying(LocalArtifactStore.class,
                store -> assertThat(store.getRoot()).isEqualTo(elsewhere));
    }

    @Test
    void shouldParseS3LocationWithBucketAndPrefix() {
        try (ArtifactStore store = ArtifactStores.parse("s3://my-bucket/ci/app/", ArtifactStores.Options
                .in(workspace).withS3Endpoint("http://127.0.0.1:9000").withS3Credentials("id", "secret", null))) {
            assertThat(store).isInstanceOfSatisfying(S3ArtifactStore.class, s3 -> {
                assertThat(s3.getBucket()).isEqualTo("my-bucket");
                assertThat(s3.getPrefix()).isEqualTo("ci/app");
            });
            assertThat(store.urlOf("build-1/")).isEqualTo("s3://my-bucket/ci/app/build-1/");
            assertThat(store).hasToString("s3://my-bucket/ci/app at http://127.0.0.1:9000");
        }
        try (ArtifactStore store = parse("S3://bucket")) {
            assertThat(store.urlOf("b/a.jar")).isEqualTo("s3://bucket/b/a.jar");
        }
    }

    @Test
    void shouldRefuseBadLocations() {
        assertRefused(" ", ArtifactErrorCode.INVALID_LOCATION, "is empty");
        assertRefused("gs://bucket/x", ArtifactErrorCode.INVALID_LOCATION, "unsupported scheme 'gs'");
        assertRefused("s3:bucket", ArtifactErrorCode.INVALID_LOCATION, "s3://bucket/prefix");
        assertRefused("s3://", ArtifactErrorCode.INVALID_LOCATION, "not a valid S3 bucket name");
        assertRefused("s3://Bad_Bucket/x", ArtifactErrorCode.INVALID_LOCATION, "not a valid S3 bucket name");
        assertRefused("s3://bucket/a/../b", ArtifactErrorCode.INVALID_LOCATION, "S3 prefix 'a/../b'");
        assertRefused("file://host:bad/x", ArtifactErrorCode.INVALID_LOCATION, "not a valid file URI");
    }

    @Test
    void shouldRefuseBadS3Endpoints() {
        ArtifactStores.Options options = ArtifactStores.Options.in(workspace);

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> ArtifactStores.parse("s3://bucket", options.withS3Endpoint("ftp://host")))
                .withMessageContaining("give an http or https URL");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> ArtifactStores.parse("s3://bucket", options.withS3Endpoint("http://a b")))
                .withMessageContaining("it is not a URL");
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(() -> ArtifactStores.parse("s3://bucket",
                options.withS3Endpoint("http://key:topsecret@host:9000")))
                .withMessageContaining("has credentials in it").withMessageNotContaining("topsecret");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> ArtifactStores.parse("s3://bucket", options.withS3Region(" ")))
                .withMessageContaining("region is empty");
    }
}
