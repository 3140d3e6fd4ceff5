package io.lotabots.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Checks the validation of every payload type: the canonical sample of {@link TestMessages} is valid and survives a
 * round trip, every required field is enforced, every optional field may be left out, and each range rule rejects
 * the values it should with a message that names the type and the field.
 */
class PayloadValidationTest {
    private static final MessageCodec CODEC = MessageCodec.get();
    private static final ObjectMapper MAPPER = CODEC.copyMapper();

    static Stream<Arguments> catalogue() {
        return MessageCatalog.all().stream()
                .map(type -> Arguments.of(Named.of(type.getName(), type), sampleOf(type)));
    }

    static Stream<Arguments> requiredFields() {
        return fields(false);
    }

    static Stream<Arguments> optionalFields() {
        return fields(true);
    }

    private static Stream<Arguments> fields(final boolean optional) {
        return MessageCatalog.all().stream()
                .flatMap(type -> type.getFields().stream()
                        .filter(field -> field.isOptional() == optional)
                        .map(field -> Arguments.of(Named.of(type.getName() + " " + field.getName(), type), field)));
    }

    private static BusMessage sampleOf(final MessageType<?> type) {
        List<BusMessage> samples = TestMessages.all().stream()
                .filter(payload -> payload.getClass() == type.getPayloadType())
                .toList();
        assertThat(samples).as("samples of %s in TestMessages.all()", type).hasSize(1);
        return samples.get(0);
    }

    @Test
    void shouldHaveOneSampleOfEveryCatalogueType() {
        assertThat(TestMessages.all().stream().map(payload -> MessageCatalog.of(payload).getName()))
                .containsExactlyElementsOf(MessageCatalog.all().stream().map(MessageType::getName).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldBuildAndRoundTripCanonicalSample(final MessageType<?> type, final BusMessage sample) {
        Message message = TestMessages.message(sample);

        assertThat(message.getType()).isEqualTo(type.getName());
        assertThat(message.getId()).isEqualTo(TestMessages.ID);
        assertThat(message.getTime()).isEqualTo(TestMessages.TIME);
        assertThat(message.getCorrelationId()).contains(TestMessages.CORRELATION_ID);

        Message read = CODEC.read(CODEC.toJson(message));

        assertThat(read).isEqualTo(message).hasSameHashCodeAs(message);
        assertThat(read.payloadAs(type.getPayloadType())).isEqualTo(sample);
        assertThat(CODEC.validate(read, "sample", true)).isEqualTo(sample);
        assertThat(read.typedPayload()).contains(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldWriteEveryFieldOfCanonicalSampleUnderItsDocumentedName(final MessageType<?> type,
            final BusMessage sample) {
        List<String> documented = type.getFields().stream().map(MessageType.Field::getName).toList();

        assertThat(TestMessages.message(sample).getPayload().fieldNames())
                .toIterable()
                .isSubsetOf(documented);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredFields")
    void shouldRejectPayloadWithoutRequiredField(final MessageType<?> type, final MessageType.Field field) {
        BusMessage sample = sampleOf(type);
        Message message = withPayload(sample, payload -> payload.remove(field.getName()));

        InvalidMessageException error = catchThrowableOfType(InvalidMessageException.class,
                () -> CODEC.validate(message, "messages.jsonl:7", false));

        assertThat(error).as("removing required field %s of %s", field.getName(), type).isNotNull();
        assertThat(error.getCode()).isEqualTo(MessageErrorCode.INVALID_FIELD);
        assertThat(error.getField()).isEqualTo(field.getName());
        assertThat(error.getType()).isEqualTo(type.getName());
        assertThat(error.getMessage())
                .startsWith("messages.jsonl:7: ")
                .contains("message type '" + type.getName() + "'")
                .contains("field '" + field.getName() + "'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredFields")
    void shouldRejectPayloadWithNullRequiredField(final MessageType<?> type, final MessageType.Field field) {
        Message message = withPayload(sampleOf(type), payload -> payload.putNull(field.getName()));

        assertThatThrownBy(() -> CODEC.validate(message, null, false))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo(field.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionalFields")
    void shouldAcceptPayloadWithoutOptionalField(final MessageType<?> type, final MessageType.Field field) {
        Message message = withPayload(sampleOf(type), payload -> payload.remove(field.getName()));

        BusMessage typed = CODEC.validate(message, null, true);

        assertThat(typed).isInstanceOf(type.getPayloadType());
        assertThat(accessor(typed, field)).satisfiesAnyOf(
                value -> assertThat(value).isNull(),
                value -> assertThat(value).asInstanceOf(InstanceOfAssertFactories.COLLECTION).isEmpty(),
                value -> assertThat(value).asInstanceOf(InstanceOfAssertFactories.MAP).isEmpty());
    }

    @Test
    void shouldRejectCoverageAbove100() {
        assertInvalid(TestCompleted.TYPE, payload -> payload.put("coverage", 120), "coverage",
                "must be between 0 and 100, was 120.0");
    }

    @Test
    void shouldRejectNegativeCoverage() {
        assertInvalid(TestCompleted.TYPE, payload -> payload.put("branch_coverage", -0.5), "branch_coverage",
                "must be between 0 and 100");
    }

    @Test
    void shouldAcceptCoverageAtBothEndsOfTheRange() {
        assertThat(new TestCompleted(1, 1, null, null, null, 0.0, 100.0, 0.0, null, null, null).coverage())
                .isZero();
        assertThat(new TestCompleted(1, 1, null, null, null, 100.0, 0.0, 0.0, null, null, null).coverage())
                .isEqualTo(100.0);
    }

    @Test
    void shouldRejectNegativeDuration() {
        assertInvalid(TestCompleted.TYPE, payload -> payload.put("duration", -1.5), "duration",
                "must not be negative, was -1.5");
    }

    @Test
    void shouldRejectNegativeDeploymentTime() {
        assertInvalid(DeployCompleted.TYPE, payload -> payload.put("deployment_time", -42.5), "deployment_time",
                "must not be negative");
    }

    @Test
    void shouldRejectNegativeCount() {
        assertInvalid(SecurityScanCompleted.TYPE, payload -> payload.put("secrets_found", -1), "secrets_found",
                "must not be negative, was -1");
    }

    @Test
    void shouldRejectNonFiniteValue() {
        assertThatThrownBy(() -> new AlertTriggered("HighErrorRate", "critical", "error_rate", Double.NaN, 5.0, null))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("value"))
                .hasMessageContaining("must be a finite number");
    }

    @Test
    void shouldRejectMorePassedTestsThanTotalTests() {
        assertInvalid(TestCompleted.TYPE, payload -> payload.put("passed_tests", 371), "passed_tests",
                "must not be more than total_tests (370), was 371");
    }

    @Test
    void shouldRejectScalingUpThatDoesNotAddReplicas() {
        assertInvalid(ScalingUp.TYPE, payload -> payload.put("to_replicas", 3), "to_replicas",
                "must be more than from_replicas (3), was 3");
        assertInvalid(ScalingUp.TYPE, payload -> payload.put("to_replicas", 2), "to_replicas",
                "must be more than from_replicas (3), was 2");
    }

    @Test
    void shouldRejectScalingDownThatDoesNotRemoveReplicas() {
        assertInvalid(ScalingDown.TYPE, payload -> payload.put("to_replicas", 5), "to_replicas",
                "must be fewer than from_replicas (5), was 5");
        assertInvalid(ScalingDown.TYPE, payload -> payload.put("to_replicas", 6), "to_replicas",
                "must be fewer than from_replicas (5), was 6");
    }

    @Test
    void shouldRejectUnknownSeverityListingTheAllowedValues() {
        assertInvalid(AlertTriggered.TYPE, payload -> payload.put("severity", "urgent"), "severity",
                "must be one of critical, high, info, low, medium, warning; was 'urgent'");
    }

    @Test
    void shouldRejectSeverityInTheWrongCase() {
        assertInvalid(IncidentCreated.TYPE, payload -> payload.put("severity", "Critical"), "severity",
                "must be one of critical, high, low, medium; was 'Critical'");
    }

    @Test
    void shouldRejectUnknownNestedEnumValue() {
        assertThatThrownBy(() -> new CriterionResult("error_rate < 5%", "passed", null, null))
                .isInstanceOfSatisfying(InvalidMessageException.class, error -> {
                    assertThat(error.getType()).isEqualTo(MonitorVerdict.TYPE);
                    assertThat(error.getField()).isEqualTo("result");
                })
                .hasMessageContaining("must be one of fail, pass, warning; was 'passed'");
    }

    @Test
    void shouldRejectChecksumThatIsNotSha256() {
        assertInvalid(BackupCreated.TYPE, payload -> payload.put("checksum", "d41d8cd98f00b204e9800998ecf8427e"),
                "checksum", "must be a SHA-256 digest of 64 lower-case hex digits, was 'd41d8cd98f00b204e9800998ecf8427e'");
    }

    @Test
    void shouldRejectUpperCaseSha256() {
        assertThatThrownBy(() -> new Artifact("app.jar", TestMessages.ARTIFACT_SHA256.toUpperCase(), 1L))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("sha256"))
                .hasMessageContaining("must be a SHA-256 digest of 64 lower-case hex digits");
    }

    @Test
    void shouldRejectArtifactWithBadSha256() {
        Message message = withPayload(TestMessages.buildCompleted(),
                payload -> ((ObjectNode) payload.withArray("artifacts").get(0)).put("sha256", "not-a-digest"));

        assertThatThrownBy(() -> CODEC.validate(message, null, false))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getType()).isEqualTo(BuildCompleted.TYPE))
                .hasMessageContaining("sha256")
                .hasMessageContaining("must be a SHA-256 digest of 64 lower-case hex digits, was 'not-a-digest'");
    }

    @Test
    void shouldHaveRealSha256InCanonicalSamples() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");

        assertThat(HexFormat.of().formatHex(
                digest.digest(TestMessages.ARTIFACT_CONTENT.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(TestMessages.ARTIFACT_SHA256)
                .isEqualTo(TestMessages.buildCompleted().artifacts().get(0).sha256());
        assertThat(HexFormat.of().formatHex(
                digest.digest(TestMessages.BACKUP_CONTENT.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(TestMessages.BACKUP_SHA256)
                .isEqualTo(TestMessages.backupCreated().checksum());
    }

    @Test
    void shouldRejectVulnerabilitiesWithUnknownSeverity() {
        assertInvalid(SecurityScanCompleted.TYPE,
                payload -> payload.putObject("vulnerabilities").put("critical", 0).put("severe", 2),
                "vulnerabilities", "keys must be among critical, high, low, medium, unknown; were [");
    }

    @Test
    void shouldRejectVulnerabilitiesWithNegativeCount() {
        assertInvalid(SecurityScanCompleted.TYPE,
                payload -> payload.putObject("vulnerabilities").put("high", -1),
                "vulnerabilities", "counts must not be negative");
    }

    @Test
    void shouldAcceptTheSeedsPlainNumberOfVulnerabilitiesAsThatManyOfUnknownSeverity() {
        Message seed = withPayload(TestMessages.sample(SecurityScanCompleted.TYPE),
                payload -> payload.put("vulnerabilities", 3));

        SecurityScanCompleted payload = (SecurityScanCompleted) CODEC.validate(seed, "seed.json", true);

        assertThat(payload.vulnerabilities()).containsExactly(Map.entry("unknown", 3));
        assertInvalid(SecurityScanCompleted.TYPE, p -> p.put("vulnerabilities", -1), "vulnerabilities",
                "counts must not be negative");
    }

    @Test
    void shouldRoundTripScanWithoutFindings() {
        SecurityScanCompleted clean = new SecurityScanCompleted(Map.of(), 0, "pass", null, null, null);
        Message message = TestMessages.message(clean);

        assertThat(CODEC.validate(CODEC.read(CODEC.toJson(message)), null, true)).isEqualTo(clean);
    }

    @Test
    void shouldRejectListWithNullElement() {
        assertInvalid(BuildFailed.TYPE, payload -> payload.putArray("log_tail").add("[ERROR] broken").addNull(),
                "log_tail", "must not contain null elements");
    }

    @Test
    void shouldRejectNestedListWithNullElement() {
        assertInvalid(MonitorVerdict.TYPE, payload -> payload.withArray("criteria").addNull(),
                "criteria", "must not contain null elements");
    }

    @Test
    void shouldRejectListWithNullElementInConstructor() {
        assertThatThrownBy(() -> new SecurityCveAlert("CVE-2021-44228", true, null, null, null,
                Arrays.asList("pom.xml", null)))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("locations"))
                .hasMessageContaining("must not contain null elements");
    }

    @Test
    void shouldRejectMapWithNullValue() {
        assertInvalid(TestCompleted.TYPE, payload -> payload.putObject("by_kind").putNull("unit"),
                "by_kind", "must not contain null keys or values");
    }

    @Test
    void shouldRejectTextLongerThanLimit() {
        String tooLong = "x".repeat(PayloadChecks.MAX_TEXT_LENGTH + 1);

        assertInvalid(BuildCompleted.TYPE, payload -> payload.put("build_id", tooLong), "build_id",
                "is 16385 characters long, more than the limit of 16384");
        assertInvalid(DeployFailed.TYPE, payload -> payload.put("reason", tooLong), "reason",
                "more than the limit of 16384");
    }

    @Test
    void shouldAcceptTextAtTheLimit() {
        String longest = "x".repeat(PayloadChecks.MAX_TEXT_LENGTH);

        assertThat(new ApprovalGranted("deploy.production", "alice", longest).comment()).hasSize(16_384);
    }

    @Test
    void shouldRejectOptionalTextLongerThanLimit() {
        assertThatThrownBy(() -> new ApprovalGranted("deploy.production", "alice",
                "x".repeat(PayloadChecks.MAX_TEXT_LENGTH + 1)))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("comment"))
                .hasMessageContaining("more than the limit of 16384");
    }

    @Test
    void shouldRejectBlankRequiredText() {
        assertInvalid(ScalingUp.TYPE, payload -> payload.put("service", "  "), "service", "must not be empty");
    }

    @Test
    void shouldRejectInvalidPayloadWhenBuildingMessage() {
        ObjectNode payload = TestMessages.message(TestMessages.testCompleted()).getPayload().put("coverage", 120);

        assertThatThrownBy(() -> Message.builder().type(TestCompleted.TYPE).source("TestBot").payloadJson(payload)
                .build())
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        error -> assertThat(error.getField()).isEqualTo("coverage"))
                .hasMessageContaining("message type 'test.completed'")
                .hasMessageContaining("must be between 0 and 100");
    }

    @Test
    void shouldCopyCollectionsOfPayload() {
        List<String> steps = new ArrayList<>(List.of("lint"));
        BuildCompleted payload = new BuildCompleted("build-1", null, "main", "a1b2c3d4", null, null, "critical",
                steps);

        steps.add("javadoc");

        assertThat(payload.skippedSteps()).containsExactly("lint");
        assertThat(payload.artifacts()).isEmpty();
        assertThatThrownBy(() -> payload.skippedSteps().add("site"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertInvalid(final String type, final Consumer<ObjectNode> change, final String field,
            final String problem) {
        Message message = withPayload(TestMessages.sample(type), change);

        assertThatThrownBy(() -> CODEC.validate(message, "messages.jsonl:3", false))
                .isInstanceOfSatisfying(InvalidMessageException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(MessageErrorCode.INVALID_FIELD);
                    assertThat(error.getType()).isEqualTo(type);
                    assertThat(error.getField()).isEqualTo(field);
                })
                .hasMessageStartingWith("messages.jsonl:3: message type '" + type + "': field '" + field + "' ")
                .hasMessageContaining(problem);
    }

    /**
     * Returns the canonical message of a sample with its payload changed, read from JSON as a journal reader does,
     * so that the payload is not validated yet.
     */
    static Message withPayload(final BusMessage sample, final Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(CODEC.toJson(TestMessages.message(sample)));
            change.accept((ObjectNode) json.get("payload"));
            return CODEC.read(MAPPER.writeValueAsString(json));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object accessor(final BusMessage payload, final MessageType.Field field) {
        try {
            Method method = payload.getClass().getMethod(field.getComponentName());
            return method.invoke(payload);
        }
        catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
