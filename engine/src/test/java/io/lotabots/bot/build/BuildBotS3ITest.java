package io.lotabots.bot.build;

import io.lotabots.artifact.S3ProxyServer;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotStatus;
import io.lotabots.message.BuildCompleted;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BuildBotS3ITest {
    private static S3ProxyServer server;

    @TempDir
    private Path workspace;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("artifacts");
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldUploadArtifactsToS3WithCredentialsFromTheEnvironmentAndNeverLogTheSecret() {
        EngineLog console = new EngineLog("Errors:");
        BotContext context = BotContext.builder(workspace).log(console)
                .environment(Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY))
                .build();
        BuildRequest request = BuildRequest.builder()
                .command("sh -c 'mkdir -p target && printf hello > target/app.jar && echo using "
                        + S3ProxyServer.SECRET_KEY + "'")
                .artifacts(List.of("target/*.jar")).store("s3://artifacts/ci/app").s3Endpoint(server.endpoint())
                .branch("main").commit("a1b2c3d4").buildId("build-9").build();

        BuildResult result = new BuildBot(name -> Optional.empty()).run(request, context);

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getArtifactUrl()).contains("s3://artifacts/ci/app/build-9/");
        BuildCompleted payload = result.getMessages().get(0).payloadAs(BuildCompleted.class);
        assertThat(payload.artifactUrl()).isEqualTo("s3://artifacts/ci/app/build-9/");
        assertThat(payload.artifacts()).singleElement().satisfies(artifact -> {
            assertThat(artifact.path()).isEqualTo("target/app.jar");
            assertThat(artifact.size()).isEqualTo(5L);
        });
        try (S3Client client = server.client()) {
            assertThat(client.getObjectAsBytes(get -> get.bucket("artifacts").key("ci/app/build-9/target/app.jar"))
                    .asUtf8String()).isEqualTo("hello");
        }
        assertThat(console.getInfoLines()).contains("using ****")
                .anySatisfy(line -> assertThat(line).startsWith("Running sh -c 'mkdir").endsWith("echo using ****'"))
                .noneMatch(line -> line.contains(S3ProxyServer.SECRET_KEY));
        assertThat(result.getLog().getInfoLines()).noneMatch(line -> line.contains(S3ProxyServer.SECRET_KEY));
    }
}
