package io.lotabots.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Checks reading and writing messages as JSON: round trips, unknown fields, envelope errors, wrong payload types and
 * hostile input.
 */
class MessageCodecTest {
    private static final MessageCodec CODEC = MessageCodec.get();
    private static final ObjectMapper MAPPER = CODEC.copyMapper();
    private static final String ORIGIN = "messages.jsonl:12";
    private static final String TEST_COMPLETED_PAYLOAD =
            "{\"total_tests\": 370, \"passed_tests\": 370, \"coverage\": 87.5, \"duration\": 45.2}";

    @Test
    void shouldRoundTripMessageWithEveryEnvelopeAttribute() {
        Message message = Message.builder(TestMessages.buildCompleted())
                .id("0b6f3c1e-8a2d-4f7b-9e15-c4d2a7b8e901")
                .time(Instant.parse("2026-11-24T10:15:30.123456789Z"))
                .source("BuildBot")
                .destination("TestBot")
                .correlationId("job/app/main#42")
                .causationId("7d1e5b20-3c4f-4a8e-b6d9-0f2a1c3e5b47")
                .extension("stage", "Build")
                .build();

        byte[] json = CODEC.write(message);
        Message read = CODEC.read(json, 0, json.length, ORIGIN);

        assertThat(read).isEqualTo(message).hasSameHashCodeAs(message);
        assertThat(read.getDestination()).contains("TestBot");
        assertThat(read.getCausationId()).contains("7d1e5b20-3c4f-4a8e-b6d9-0f2a1c3e5b47");
        assertThat(read.getTime()).isEqualTo(Instant.parse("2026-11-24T10:15:30.123456789Z"));
        assertThat(read.getSpecVersion()).isEqualTo("1.0");
        assertThat(read.payloadAs(BuildCompleted.class)).isEqualTo(TestMessages.buildCompleted());
        assertThat(message.toString()).isEqualTo(new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteOneLineWithEnvelopeBeforePayload() throws IOException {
        String json = CODEC.toJson(TestMessages.message(TestMessages.testCompleted()).toBuilder()
                .destination("DeployBot").causationId("c-1").extension("stage", "Test").build());

        assertThat(json).doesNotContain("\n").startsWith("{\"id\":\"" + TestMessages.ID + "\",\"specversion\":\"1.0\"");
        List<String> names = new ArrayList<>();
        MAPPER.readTree(json).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "specversion", "time", "type", "source", "destination",
                "correlation_id", "causation_id", "stage", "payload");
    }

    @Test
    void shouldReadSeedExampleOfArchitecture() throws IOException {
        String fixture = fixture("seed-build-completed.json");

        Message message = CODEC.read(fixture);

        assertThat(message.getId()).isEqualTo("0b6f3c1e-8a2d-4f7b-9e15-c4d2a7b8e901");
        assertThat(message.getTime()).isEqualTo(Instant.parse("2026-11-24T10:15:30Z"));
        assertThat(message.getType()).isEqualTo("build.completed");
        assertThat(message.getSource()).isEqualTo("BuildBot");
        assertThat(message.getDestination()).contains("TestBot");
        assertThat(message.getCorrelationId()).contains("job/app/main#42");
        assertThat(message.getCausationId()).contains("7d1e5b20-3c4f-4a8e-b6d9-0f2a1c3e5b47");
        assertThat(message.getExtensions()).isEmpty();
        assertThat(CODEC.validate(message, "seed-build-completed.json", true)).isEqualTo(
                new BuildCompleted("build-12345", "s3://artifacts/build-12345.tar.gz", "main", "a1b2c3d4", null,
                        null, null, null));
        assertThat(CODEC.toJson(message)).isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree(fixture)));
    }

    @Test
    void shouldReadOneLineOutOfABuffer() {
        byte[] first = CODEC.write(TestMessages.message(TestMessages.buildCompleted()));
        byte[] second = CODEC.write(TestMessages.message(TestMessages.testCompleted()));
        byte[] journal = new byte[first.length + 1 + second.length + 1];
        System.arraycopy(first, 0, journal, 0, first.length);
        journal[first.length] = '\n';
        System.arraycopy(second, 0, journal, first.length + 1, second.length);
        journal[journal.length - 1] = '\n';

        Message read = CODEC.read(journal, first.length + 1, second.length, "messages.jsonl:2");

        assertThat(read).isEqualTo(TestMessages.message(TestMessages.testCompleted()));
    }

    @Test
    void shouldKeepUnknownPayloadFieldsThroughReadAndWrite() throws IOException {
        Message message = CODEC.read(fixture("unknown-fields.json"));

        assertThat(message.getPayloadField("x_runner")).hasValueSatisfying(
                runner -> assertThat(runner.get("forks").asInt()).isEqualTo(2));
        assertThat(message.getPayloadField("x_note").map(JsonNode::asText)).contains("written by a newer TestBot");
        assertThat(CODEC.validate(message, null, true)).isEqualTo(
                new TestCompleted(370, 370, null, null, null, 87.5, null, 45.2, null, null, null));

        Message reread = CODEC.read(CODEC.toJson(message));

        assertThat(reread).isEqualTo(message);
        assertThat(reread.getPayload()).isEqualTo(MAPPER.readTree(fixture("unknown-fields.json")).get("payload"));
    }

    @Test
    void shouldKeepUnknownPayloadFieldsThroughToBuilder() {
        Message message = CODEC.read(fixture("unknown-fields.json"));

        Message copy = message.toBuilder().build();
        Message changed = message.toBuilder().causationId("c-9").build();

        assertThat(copy).isEqualTo(message);
        assertThat(changed.getPayload()).isEqualTo(message.getPayload());
        assertThat(changed.getPayloadField("x_shards")).hasValueSatisfying(
                shards -> assertThat(shards.size()).isEqualTo(3));
        assertThat(changed.getExtensions()).isEqualTo(message.getExtensions());
    }

    @Test
    void shouldNotLetCallersChangeThePayload() {
        Message message = TestMessages.message(TestMessages.testCompleted());

        message.getPayload().put("coverage", 120);
        message.getPayloadField("by_kind").map(ObjectNode.class::cast).orElseThrow().removeAll();

        assertThat(message.payloadAs(TestCompleted.class)).isEqualTo(TestMessages.testCompleted());
    }

    @Test
    void shouldKeepUnknownEnvelopeStringAttributesAsExtensions() {
        Message message = CODEC.read(fixture("unknown-fields.json"));

        assertThat(message.getExtensions()).containsExactly(Map.entry("stage", "Test"),
                Map.entry("x_team", "payments"));
        assertThat(message.getExtension("stage")).contains("Test");
        assertThat(message.getExtension("missing")).isEmpty();
        assertThat(CODEC.toJson(message)).contains("\"stage\":\"Test\",\"x_team\":\"payments\",\"payload\":");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "true", "null", "{\"name\": \"Test\"}", "[\"Test\"]"})
    void shouldRejectNonStringUnknownEnvelopeAttribute(final String value) {
        String json = "{\"id\":\"m-1\",\"specversion\":\"1.0\",\"time\":\"2026-11-24T10:15:30Z\","
                + "\"type\":\"test.completed\",\"source\":{\"bot_name\":\"TestBot\"},\"stage\":" + value
                + ",\"payload\":" + TEST_COMPLETED_PAYLOAD + "}";

        assertEnvelopeError(json, "stage", "an extension attribute must be text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Stage", "x-team", "_stage", "a_name_that_is_much_longer_than_forty_characters"})
    void shouldRejectExtensionWithInvalidName(final String name) {
        String json = "{\"id\":\"m-1\",\"specversion\":\"1.0\",\"time\":\"2026-11-24T10:15:30Z\","
                + "\"type\":\"test.completed\",\"source\":{\"bot_name\":\"TestBot\"},\"" + name + "\":\"Test\""
                + ",\"payload\":" + TEST_COMPLETED_PAYLOAD + "}";

        assertEnvelopeError(json, name, "is not a valid extension attribute");
    }

    @Test
    void shouldRejectExtensionNamedLikeAnEnvelopeAttribute() {
        assertThatThrownBy(() -> Message.builder(TestMessages.testCompleted()).source("TestBot")
                .extension("payload", "x").build())
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getCode()).isEqualTo(MessageErrorCode.INVALID_ENVELOPE))
                .hasMessageContaining("attribute 'payload' is not a valid extension attribute");
    }

    static Stream<Arguments> wrongPayloadTypes() {
        return Stream.of(
                Arguments.of(TestCompleted.TYPE, "total_tests", "\"abc\""),
                Arguments.of(TestCompleted.TYPE, "total_tests", "3.5"),
                Arguments.of(TestCompleted.TYPE, "total_tests", "\"5\""),
                Arguments.of(TestCompleted.TYPE, "total_tests", "true"),
                Arguments.of(TestCompleted.TYPE, "total_tests", "[370]"),
                Arguments.of(TestCompleted.TYPE, "coverage", "\"87.5\""),
                Arguments.of(TestCompleted.TYPE, "by_kind", "[]"),
                Arguments.of(BuildCompleted.TYPE, "build_id", "123"),
                Arguments.of(BuildCompleted.TYPE, "build_id", "true"),
                Arguments.of(BuildCompleted.TYPE, "build_id", "{\"id\": \"build-1\"}"),
                Arguments.of(BuildCompleted.TYPE, "artifacts", "{}"),
                Arguments.of(BuildCompleted.TYPE, "artifacts", "\"target/app.jar\""),
                Arguments.of(SecurityCveAlert.TYPE, "affected", "\"yes\""),
                Arguments.of(SecurityCveAlert.TYPE, "affected", "1"),
                Arguments.of(SecurityScanCompleted.TYPE, "vulnerabilities", "{\"high\": \"2\"}"),
                Arguments.of(BackupCreated.TYPE, "size_bytes", "1.5e3"),
                Arguments.of(MaintenanceStarted.TYPE, "ends_at", "\"tomorrow\""));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("wrongPayloadTypes")
    void shouldRejectPayloadFieldOfWrongTypeNamingTheField(final String type, final String field,
            final String json) {
        Message message = PayloadValidationTest.withPayload(TestMessages.sample(type),
                payload -> payload.set(field, parse(json)));

        assertThatThrownBy(() -> CODEC.validate(message, ORIGIN, false))
                .isInstanceOfSatisfying(InvalidMessageException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(MessageErrorCode.INVALID_FIELD);
                    assertThat(error.getType()).isEqualTo(type);
                    assertThat(error.getField()).startsWith(field);
                })
                .hasMessageStartingWith(ORIGIN + ": message type '" + type + "': field '" + field);
    }

    @Test
    void shouldSayWhatWasExpectedAndWhatWasFound() {
        Message message = PayloadValidationTest.withPayload(TestMessages.testCompleted(),
                payload -> payload.put("total_tests", "abc"));

        assertThatThrownBy(() -> CODEC.validate(message, null, false))
                .hasMessage("message type 'test.completed': field 'total_tests' must be a whole number,"
                        + " was text (\"abc\")");
    }

    @Test
    void shouldNamePathOfNestedFieldOfWrongType() {
        Message message = PayloadValidationTest.withPayload(TestMessages.buildCompleted(),
                payload -> ((ObjectNode) payload.withArray("artifacts").get(0)).put("size", "big"));

        assertThatThrownBy(() -> CODEC.validate(message, ORIGIN, false))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("artifacts[0].size"))
                .hasMessageContaining("field 'artifacts[0].size' must be a whole number, was text (\"big\")");
    }

    @Test
    void shouldNamePathOfNestedFieldInMap() {
        Message message = PayloadValidationTest.withPayload(TestMessages.testCompleted(),
                payload -> payload.putObject("by_kind").putObject("unit").put("total", "many").put("passed", 1));

        assertThatThrownBy(() -> CODEC.validate(message, ORIGIN, false))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("by_kind.unit.total"));
    }

    @Test
    void shouldNamePathOfNestedFieldOutOfRange() {
        Message message = PayloadValidationTest.withPayload(TestMessages.buildCompleted(),
                payload -> ((ObjectNode) payload.withArray("artifacts").get(0)).put("sha256", "not-a-digest"));

        assertThatThrownBy(() -> CODEC.validate(message, ORIGIN, false))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("artifacts[0].sha256"))
                .hasMessageContaining("field 'artifacts[0].sha256' must be a SHA-256 digest");
    }

    @Test
    void shouldNamePathOfMissingNestedField() {
        Message message = PayloadValidationTest.withPayload(TestMessages.monitorVerdict(),
                payload -> ((ObjectNode) payload.withArray("criteria").get(1)).remove("result"));

        assertThatThrownBy(() -> CODEC.validate(message, ORIGIN, false))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("criteria[1].result"))
                .hasMessageContaining("is required but missing");
    }

    static Stream<Arguments> badEnvelopes() {
        String payload = "\"payload\":" + TEST_COMPLETED_PAYLOAD;
        String source = "\"source\":{\"bot_name\":\"TestBot\"}";
        String head = "\"id\":\"m-1\",\"specversion\":\"1.0\",\"time\":\"2026-11-24T10:15:30Z\"";
        String type = "\"type\":\"test.completed\"";
        return Stream.of(
                Arguments.of("missing type", "type", "{" + head + "," + source + "," + payload + "}"),
                Arguments.of("empty type", "type", "{" + head + ",\"type\":\"\"," + source + "," + payload + "}"),
                Arguments.of("type not text", "type", "{" + head + ",\"type\":7," + source + "," + payload + "}"),
                Arguments.of("missing source", "source.bot_name", "{" + head + "," + type + "," + payload + "}"),
                Arguments.of("missing bot name", "source.bot_name",
                        "{" + head + "," + type + ",\"source\":{\"name\":\"TestBot\"}," + payload + "}"),
                Arguments.of("blank bot name", "source.bot_name",
                        "{" + head + "," + type + ",\"source\":{\"bot_name\":\" \"}," + payload + "}"),
                Arguments.of("bot name not text", "source.bot_name",
                        "{" + head + "," + type + ",\"source\":{\"bot_name\":5}," + payload + "}"),
                Arguments.of("source as text", "source",
                        "{" + head + "," + type + ",\"source\":\"TestBot\"," + payload + "}"),
                Arguments.of("destination without bot name", "destination.bot_name",
                        "{" + head + "," + type + "," + source + ",\"destination\":{}," + payload + "}"),
                Arguments.of("missing payload", "payload", "{" + head + "," + type + "," + source + "}"),
                Arguments.of("payload list", "payload",
                        "{" + head + "," + type + "," + source + ",\"payload\":[]}"),
                Arguments.of("payload text", "payload",
                        "{" + head + "," + type + "," + source + ",\"payload\":\"{}\"}"),
                Arguments.of("payload null", "payload",
                        "{" + head + "," + type + "," + source + ",\"payload\":null}"),
                Arguments.of("bad time", "time", "{\"id\":\"m-1\",\"specversion\":\"1.0\",\"time\":\"yesterday\","
                        + type + "," + source + "," + payload + "}"),
                Arguments.of("time without zone", "time", "{\"id\":\"m-1\",\"specversion\":\"1.0\","
                        + "\"time\":\"2026-11-24T10:15:30\"," + type + "," + source + "," + payload + "}"),
                Arguments.of("time as number", "time", "{\"id\":\"m-1\",\"specversion\":\"1.0\","
                        + "\"time\":1795860930," + type + "," + source + "," + payload + "}"),
                Arguments.of("missing time", "time", "{\"id\":\"m-1\",\"specversion\":\"1.0\","
                        + type + "," + source + "," + payload + "}"),
                Arguments.of("specversion 0.3", "specversion", "{\"id\":\"m-1\",\"specversion\":\"0.3\","
                        + "\"time\":\"2026-11-24T10:15:30Z\"," + type + "," + source + "," + payload + "}"),
                Arguments.of("missing specversion", "specversion", "{\"id\":\"m-1\","
                        + "\"time\":\"2026-11-24T10:15:30Z\"," + type + "," + source + "," + payload + "}"),
                Arguments.of("missing id", "id", "{\"specversion\":\"1.0\",\"time\":\"2026-11-24T10:15:30Z\","
                        + type + "," + source + "," + payload + "}"),
                Arguments.of("id as number", "id", "{\"id\":42,\"specversion\":\"1.0\","
                        + "\"time\":\"2026-11-24T10:15:30Z\"," + type + "," + source + "," + payload + "}"),
                Arguments.of("correlation id too long", "correlation_id", "{" + head + "," + type + "," + source
                        + ",\"correlation_id\":\"" + "j".repeat(Message.MAX_ATTRIBUTE_LENGTH + 1) + "\","
                        + payload + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnvelopes")
    void shouldRejectBadEnvelopeNamingTheAttribute(final String problem, final String attribute, final String json) {
        assertEnvelopeError(json, attribute, "");
    }

    @Test
    void shouldReadDraftAndFillIdAndTime() {
        Instant before = Instant.now();
        byte[] draft = fixture("draft-test-completed.json").getBytes(StandardCharsets.UTF_8);

        Message message = CODEC.readDraft(draft, 0, draft.length, "draft.json");

        assertThat(UUID.fromString(message.getId())).isNotNull();
        assertThat(message.getTime()).isBetween(before, Instant.now());
        assertThat(message.getSpecVersion()).isEqualTo(Message.SPEC_VERSION);
        assertThat(message.payloadAs(TestCompleted.class).totalTests()).isEqualTo(370);
        assertThat(CODEC.readDraft(draft, 0, draft.length, null).getId()).isNotEqualTo(message.getId());
    }

    @Test
    void shouldKeepIdAndTimeGivenInDraft() {
        byte[] draft = ("{\"id\":\"mine\",\"time\":\"2026-11-24T10:15:30Z\",\"type\":\"test.completed\","
                + "\"source\":{\"bot_name\":\"TestBot\"},\"payload\":" + TEST_COMPLETED_PAYLOAD + "}")
                .getBytes(StandardCharsets.UTF_8);

        Message message = CODEC.readDraft(draft, 0, draft.length, null);

        assertThat(message.getId()).isEqualTo("mine");
        assertThat(message.getTime()).isEqualTo(TestMessages.TIME);
    }

    @Test
    void shouldStillRejectBadEnvelopeInDraft() {
        byte[] draft = ("{\"specversion\":\"0.3\",\"type\":\"test.completed\",\"source\":{\"bot_name\":\"TestBot\"},"
                + "\"payload\":{}}").getBytes(StandardCharsets.UTF_8);
        byte[] noSource = "{\"type\":\"test.completed\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CODEC.readDraft(draft, 0, draft.length, "draft.json"))
                .hasMessageContaining("attribute 'specversion'");
        assertThatThrownBy(() -> CODEC.readDraft(noSource, 0, noSource.length, "draft.json"))
                .hasMessageContaining("attribute 'source.bot_name' must be set");
    }

    @Test
    void shouldAcceptCustomTypeUnlessStrict() {
        Message message = CODEC.read(envelope("acme.release_signed", "{\"signer\": \"release-key-2\", \"n\": [1]}"));

        assertThat(message.getMessageType()).isEmpty();
        assertThat(message.typedPayload()).isEmpty();
        assertThat(CODEC.validate(message, ORIGIN, false)).isNull();
        assertThat(CODEC.read(CODEC.toJson(message))).isEqualTo(message);
        assertThatThrownBy(() -> CODEC.validate(message, ORIGIN, true))
                .isInstanceOfSatisfying(InvalidMessageException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(MessageErrorCode.UNKNOWN_TYPE);
                    assertThat(error.getType()).isEqualTo("acme.release_signed");
                })
                .hasMessageStartingWith(ORIGIN + ": message type 'acme.release_signed': is not in the catalogue");
    }

    @Test
    void shouldBuildMessageOfCustomType() {
        Message message = Message.builder().type("acme.release_signed").source("ReleaseBot")
                .payloadJson(CODEC.parseObject("{\"signer\": \"release-key-2\"}", null)).build();

        assertThat(message.getPayloadField("signer").map(JsonNode::asText)).contains("release-key-2");
        assertThat(UUID.fromString(message.getId())).isNotNull();
    }

    @Test
    void shouldRefuseToReadPayloadAsRecordOfAnotherType() {
        Message message = TestMessages.message(TestMessages.testCompleted());

        assertThatThrownBy(() -> message.payloadAs(BuildCompleted.class))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("attribute 'type' is 'test.completed', so the payload cannot be read as"
                        + " build.completed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Build Completed", "build", "Build.Completed", "BUILD.COMPLETED", "build.Completed",
            "build.", ".completed", "build..completed", "1build.completed", "build.completed-v2",
            "build.completed ", "build/completed"})
    void shouldRejectMalformedTypeName(final String type) {
        assertEnvelopeError(envelope(type, TEST_COMPLETED_PAYLOAD), "type",
                "must be lower-case words separated by dots");
        assertThatThrownBy(() -> Message.builder().type(type).source("TestBot")
                .payloadJson(CODEC.parseObject(TEST_COMPLETED_PAYLOAD, null)).build())
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getCode()).isEqualTo(MessageErrorCode.INVALID_ENVELOPE))
                .hasMessageContaining("attribute 'type'");
    }

    @Test
    void shouldRejectTypeNameLongerThanLimit() {
        String type = "acme." + "a".repeat(MessageCatalog.MAX_TYPE_LENGTH);

        assertEnvelopeError(envelope(type, "{}"), "type", "must be lower-case words separated by dots");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldFailFastOnDeeplyNestedPayload() {
        int depth = 10_000;
        String nested = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);

        for (String payload : List.of("{\"deep\":" + nested + "}", objects)) {
            Throwable error = catchThrowable(() -> CODEC.read(envelope("acme.deep", payload)));

            assertThat(error).isInstanceOfSatisfying(InvalidMessageException.class,
                    invalid -> assertThat(invalid.getCode()).isEqualTo(MessageErrorCode.MALFORMED_JSON))
                    .hasMessageContaining("nested 33 levels deep, more than the 32 allowed")
                    .hasMessageContaining(String.valueOf(MessageCodec.MAX_NESTING_DEPTH));
        }
    }

    @Test
    void shouldAcceptNestingUpToTheLimit() {
        int depth = MessageCodec.MAX_NESTING_DEPTH - 2;
        String payload = "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertThat(CODEC.read(envelope("acme.deep", payload)).getPayloadField("deep")).isPresent();
    }

    @Test
    void shouldRejectMegabyteStringAsTooLarge() {
        String payload = "{\"log\":\"" + "x".repeat(1024 * 1024) + "\"}";

        assertThatThrownBy(() -> CODEC.read(envelope("acme.big", payload)))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getCode()).isEqualTo(MessageErrorCode.TOO_LARGE))
                .hasMessageContaining("more than the limit of " + MessageCodec.MAX_MESSAGE_BYTES + " bytes");
    }

    @Test
    void shouldRefuseToWriteMessageLargerThanLimit() {
        ObjectNode payload = TestMessages.message(TestMessages.buildCompleted()).getPayload();
        payload.put("x_log", "x".repeat(MessageCodec.MAX_MESSAGE_BYTES));
        Message message = Message.builder().type(BuildCompleted.TYPE).source("BuildBot").payloadJson(payload)
                .build();

        assertThatThrownBy(() -> CODEC.write(message))
                .isInstanceOfSatisfying(InvalidMessageException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(MessageErrorCode.TOO_LARGE);
                    assertThat(error.getType()).isEqualTo(BuildCompleted.TYPE);
                })
                .hasMessageContaining("more than the limit of " + MessageCodec.MAX_MESSAGE_BYTES + " bytes")
                .hasMessageContaining("keep large data in a file or artifact");
    }

    @Test
    void shouldRejectDuplicateKeys() {
        String envelopeDuplicate = "{\"id\":\"m-1\",\"id\":\"m-2\",\"specversion\":\"1.0\","
                + "\"time\":\"2026-11-24T10:15:30Z\",\"type\":\"test.completed\","
                + "\"source\":{\"bot_name\":\"TestBot\"},\"payload\":" + TEST_COMPLETED_PAYLOAD + "}";
        String payloadDuplicate = envelope(TestCompleted.TYPE,
                "{\"total_tests\": 370, \"passed_tests\": 370, \"duration\": 45.2, \"total_tests\": 1}");

        assertMalformed(envelopeDuplicate, "has the attribute 'id' twice");
        assertMalformed(payloadDuplicate, "Duplicate field 'total_tests'");
    }

    @Test
    void shouldRejectTrailingTextAfterMessage() {
        String json = envelope(TestCompleted.TYPE, TEST_COMPLETED_PAYLOAD);

        assertMalformed(json + "{}", "has more text after the message's closing '}'");
        assertMalformed(json + " garbage", "");
        assertMalformed(json + ",", "");
    }

    @Test
    void shouldAcceptTrailingWhitespace() {
        assertThat(CODEC.read(envelope(TestCompleted.TYPE, TEST_COMPLETED_PAYLOAD) + " \n").getType())
                .isEqualTo(TestCompleted.TYPE);
    }

    @Test
    void shouldRejectInvalidUtf8() {
        byte[] prefix = ("{\"id\":\"m-1\",\"specversion\":\"1.0\",\"time\":\"2026-11-24T10:15:30Z\","
                + "\"type\":\"acme.text\",\"source\":{\"bot_name\":\"TestBot\"},\"payload\":{\"note\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, json, 0, prefix.length);
        json[prefix.length] = (byte) 0xC3;
        json[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, json, prefix.length + 2, suffix.length);

        assertThatThrownBy(() -> CODEC.read(json, 0, json.length, ORIGIN))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getCode()).isEqualTo(MessageErrorCode.MALFORMED_JSON))
                .hasMessageStartingWith(ORIGIN + ": is not valid JSON")
                .hasMessageContaining("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "null", "[]", "\"message\"", "42", "true"})
    void shouldRejectInputThatIsNotAnObject(final String json) {
        assertMalformed(json, "is not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"id\":", "{\"id\":\"m-1\"", "{\"id\" \"m-1\"}", "{'id':'m-1'}",
            "{\"id\":\"m-1\",}"})
    void shouldRejectTruncatedOrInvalidJson(final String json) {
        assertMalformed(json, "");
    }

    @Test
    void shouldRejectNumberWithThousandDigits() {
        String payload = "{\"total_tests\": " + "9".repeat(1000) + ", \"passed_tests\": 1, \"duration\": 1.0}";

        assertMalformed(envelope(TestCompleted.TYPE, payload), "characters long, more than the 64 allowed");
        assertMalformed(envelope(TestCompleted.TYPE, "{\"duration\": 0." + "1".repeat(1000) + "}"),
                "characters long, more than the 64 allowed");
    }

    @Test
    void shouldSkipPayloadWhenFilterRejectsEnvelope() {
        byte[] json = envelope(TestCompleted.TYPE, "{\"total_tests\": \"abc\", \"coverage\": 120}")
                .getBytes(StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();

        Message message = CODEC.readIf(json, 0, json.length, ORIGIN, (type, source, destination, correlationId) -> {
            seen.add(type + " " + source + " " + destination + " " + correlationId);
            return false;
        });

        assertThat(message).isNull();
        assertThat(seen).containsExactly("test.completed TestBot null job/app/main#42");
        Message accepted = CODEC.readIf(json, 0, json.length, ORIGIN, (type, source, dest, id) -> true);
        assertThat(accepted).isNotNull();
        assertThatThrownBy(() -> CODEC.validate(accepted, ORIGIN, false))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("total_tests"));
    }

    @Test
    void shouldApplyReadLimitsEvenToSkippedPayload() {
        byte[] json = envelope(TestCompleted.TYPE, "{\"big\": " + "9".repeat(1000) + "}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CODEC.readIf(json, 0, json.length, ORIGIN, (type, source, dest, id) -> false))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getCode()).isEqualTo(MessageErrorCode.MALFORMED_JSON))
                .hasMessageContaining("characters long, more than the 64 allowed");
    }

    @Test
    void shouldReturnMessageThatFilterAccepts() {
        Message expected = TestMessages.message(TestMessages.alertTriggered());
        byte[] json = CODEC.write(expected);

        Message message = CODEC.readIf(json, 0, json.length, ORIGIN,
                (type, source, destination, correlationId) -> type.startsWith("alert."));

        assertThat(message).isEqualTo(expected);
    }

    @Test
    void shouldApplyFilterWhenPayloadComesBeforeEnvelope() {
        byte[] json = ("{\"payload\":" + TEST_COMPLETED_PAYLOAD + ",\"id\":\"m-1\",\"specversion\":\"1.0\","
                + "\"time\":\"2026-11-24T10:15:30Z\",\"type\":\"test.completed\","
                + "\"source\":{\"bot_name\":\"TestBot\"}}").getBytes(StandardCharsets.UTF_8);

        assertThat(CODEC.readIf(json, 0, json.length, ORIGIN, (type, source, dest, id) -> false)).isNull();
        assertThat(CODEC.readIf(json, 0, json.length, ORIGIN, (type, source, dest, id) -> true))
                .isEqualTo(CODEC.read(json, 0, json.length, ORIGIN));
    }

    @Test
    void shouldStillRejectBadEnvelopeWhenFiltering() {
        byte[] json = ("{\"id\":\"m-1\",\"specversion\":\"1.0\",\"time\":\"2026-11-24T10:15:30Z\","
                + "\"type\":\"Test Completed\",\"source\":{\"bot_name\":\"TestBot\"},\"payload\":{}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CODEC.readIf(json, 0, json.length, ORIGIN, (type, source, dest, id) -> false))
                .hasMessageContaining("attribute 'type'");
    }

    @Test
    void shouldParseObjectsWithTheSameLimits() {
        assertThat(CODEC.parseObject("{\"a\": 1}", "--payload").get("a").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> CODEC.parseObject("[1]", "--payload"))
                .hasMessage("--payload: is not a JSON object");
        assertThatThrownBy(() -> CODEC.parseObject("{\"a\": 1, \"a\": 2}", "--payload"))
                .hasMessageStartingWith("--payload: is not valid JSON")
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> CODEC.parseObject("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", null))
                .hasMessageContaining("nested 33 levels deep, more than the 32 allowed");
    }

    @Test
    void shouldConvertMapToPayload() {
        ObjectNode payload = CODEC.toObject(Map.of("total_tests", 5, "passed_tests", 5, "duration", 1.5));

        Message message = Message.builder().type(TestCompleted.TYPE).source("TestBot").payloadJson(payload).build();

        assertThat(message.payloadAs(TestCompleted.class).duration()).isEqualTo(1.5);
    }

    private static void assertEnvelopeError(final String json, final String attribute, final String problem) {
        assertThatThrownBy(() -> CODEC.read(json.getBytes(StandardCharsets.UTF_8), 0,
                json.getBytes(StandardCharsets.UTF_8).length, ORIGIN))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getCode()).isEqualTo(MessageErrorCode.INVALID_ENVELOPE))
                .hasMessageStartingWith(ORIGIN + ": attribute '" + attribute + "' ")
                .hasMessageContaining(problem);
    }

    private static void assertMalformed(final String json, final String problem) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CODEC.read(bytes, 0, bytes.length, ORIGIN))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getCode()).isEqualTo(MessageErrorCode.MALFORMED_JSON))
                .hasMessageStartingWith(ORIGIN + ": ")
                .hasMessageContaining(problem);
    }

    private static String envelope(final String type, final String payload) {
        return "{\"id\":\"m-1\",\"specversion\":\"1.0\",\"time\":\"2026-11-24T10:15:30Z\",\"type\":\"" + type
                + "\",\"source\":{\"bot_name\":\"TestBot\"},\"correlation_id\":\"job/app/main#42\",\"payload\":"
                + payload + "}";
    }

    private static JsonNode parse(final String json) {
        try {
            return MAPPER.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fixture(final String name) {
        try (InputStream in = MessageCodecTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
