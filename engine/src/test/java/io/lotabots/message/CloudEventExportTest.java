package io.lotabots.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<BusMessage> payloads() {
        return TestMessages.all();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void shouldExportEveryTypeAsAValidCloudEventThatKeepsThePayload(final BusMessage payload) throws IOException {
        Message message = TestMessages.message(payload);

        CloudEvent event = parse(CloudEventExport.toJson(message));

        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo(message.getId());
        assertThat(event.getType()).isEqualTo(message.getMessageType().orElseThrow().getCloudEventType());
        assertThat(event.getSource().toString()).isEqualTo("/lotabots/bots/" + message.getSource());
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.ofInstant(message.getTime(), ZoneOffset.UTC));
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getExtension("lotabotstype")).isEqualTo(message.getType());
        assertThat(event.getExtension("correlationid")).isEqualTo(TestMessages.CORRELATION_ID);
        JsonNode data = JSON.readTree(event.getData().toBytes());
        assertThat(data.path("customData")).isEqualTo(JSON.readTree(message.getPayload().toString()));
        assertThat(data.path("context").path("type").asText()).isEqualTo(event.getType());
        assertThat(data.path("context").path("id").asText()).isEqualTo(message.getId());
    }

    @Test
    void shouldMapBuildCompletedToTheCdEventsBuildFinishedType() throws IOException {
        Message message = TestMessages.message(TestMessages.buildCompleted());

        CloudEvent event = parse(CloudEventExport.toJson(message));
        JsonNode subject = JSON.readTree(event.getData().toBytes()).path("subject");

        assertThat(event.getType()).isEqualTo("dev.cdevents.build.finished.0.2.0");
        assertThat(event.getSubject()).isEqualTo("build-12345");
        assertThat(subject.path("id").asText()).isEqualTo("build-12345");
        assertThat(subject.path("content").path("artifactId").asText())
                .isEqualTo("s3://artifacts/build-12345.tar.gz");
    }

    @Test
    void shouldMapDeployCompletedToServiceDeployedWithEnvironmentAndArtifact() throws IOException {
        Message message = TestMessages.message(TestMessages.deployCompleted());

        CloudEvent event = parse(CloudEventExport.toJson(message));
        JsonNode content = JSON.readTree(event.getData().toBytes()).path("subject").path("content");

        assertThat(event.getType()).isEqualTo("dev.cdevents.service.deployed.0.2.0");
        assertThat(content.path("environment").path("id").asText()).isEqualTo("production");
        assertThat(content.path("artifactId").asText()).isEqualTo("1.4.2");
    }

    @Test
    void shouldReportAFailedTestRunAsFailOutcome() throws IOException {
        TestCompleted failed = new TestCompleted(10, 8, 2, 0, 0, 80.0, null, 3.0, null, "fail", "maxFailures");

        CloudEvent event = parse(CloudEventExport.toJson(TestMessages.message(failed)));

        assertThat(event.getType()).isEqualTo("dev.cdevents.testsuiterun.finished.0.2.0");
        assertThat(JSON.readTree(event.getData().toBytes()).path("subject").path("content").path("outcome")
                .asText()).isEqualTo("fail");
    }

    @Test
    void shouldUseACdEventsCustomTypeWhereCdEventsHasNone() {
        CloudEvent event = CloudEventExport.toCloudEvent(TestMessages.message(TestMessages.scalingUp()));

        assertThat(event.getType()).isEqualTo("dev.cdeventsx.lotabots-scaling.up.1.0.0");
    }

    @Test
    void shouldExportCustomTypesAndExtensionAttributes() throws IOException {
        Message custom = Message.builder().type("acme.release_signed").source("ReleaseBot")
                .destination("DeployBot").causationId("cause-1").extension("stage", "Sign")
                .payloadJson(MessageCodec.get().parseObject("{\"signer\":\"ci\"}", null)).build();

        CloudEvent event = parse(CloudEventExport.toJson(custom));

        assertThat(event.getType()).isEqualTo("dev.cdeventsx.lotabots-acme.release_signed.1.0.0");
        assertThat(event.getExtension("destination")).isEqualTo("DeployBot");
        assertThat(event.getExtension("causationid")).isEqualTo("cause-1");
        assertThat(event.getExtension("stage")).isEqualTo("Sign");
        assertThat(JSON.readTree(event.getData().toBytes()).path("customData").path("signer").asText())
                .isEqualTo("ci");
    }

    private static CloudEvent parse(final String json) {
        EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        assertThat(format).as("the CloudEvents JSON format on the class path").isNotNull();
        return format.deserialize(json.getBytes(StandardCharsets.UTF_8));
    }
}
