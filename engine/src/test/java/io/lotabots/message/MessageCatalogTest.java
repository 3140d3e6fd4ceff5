package io.lotabots.message;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks the catalogue of message types: the types the foundation issue lists, their documentation, the seed field
 * names and the CloudEvents mapping.
 */
class MessageCatalogTest {
    private static final List<String> FOUNDATION_TYPES = List.of(
            "build.completed", "build.failed", "test.completed", "security.scan_completed", "security.cve_alert",
            "deploy.started", "deploy.completed", "deploy.failed", "deploy.rolled_back", "monitor.verdict",
            "alert.triggered", "alert.resolved", "notification.sent", "notification.failed", "incident.created",
            "incident.updated", "incident.resolved", "review.completed", "migration.started",
            "migration.completed", "migration.failed", "backup.created", "backup.verified", "backup.restored",
            "maintenance.started", "maintenance.ended", "approval.requested", "approval.granted",
            "approval.overridden", "scaling.up", "scaling.down", "prediction.made");

    private static final Map<String, String> CDEVENTS_TYPES = Map.of(
            "build.completed", "dev.cdevents.build.finished.0.2.0",
            "test.completed", "dev.cdevents.testsuiterun.finished.0.2.0",
            "deploy.completed", "dev.cdevents.service.deployed.0.2.0",
            "deploy.rolled_back", "dev.cdevents.service.rolledback.0.2.0",
            "incident.created", "dev.cdevents.incident.detected.0.2.0",
            "incident.resolved", "dev.cdevents.incident.resolved.0.2.0");

    static Stream<MessageType<?>> catalogue() {
        return MessageCatalog.all().stream();
    }

    static Stream<Arguments> seedFields() {
        return Stream.of(
                Arguments.of("build.completed", List.of("build_id", "artifact_url", "branch", "commit")),
                Arguments.of("test.completed", List.of("total_tests", "passed_tests", "coverage", "duration")),
                Arguments.of("security.scan_completed", List.of("vulnerabilities", "secrets_found", "status")),
                Arguments.of("deploy.completed", List.of("environment", "version", "deployment_time")),
                Arguments.of("alert.triggered", List.of("alert_name", "severity", "metric", "value", "threshold")),
                Arguments.of("scaling.up", List.of("service", "from_replicas", "to_replicas", "reason")));
    }

    @Test
    void shouldHoldEveryTypeOfTheFoundationIssue() {
        assertThat(MessageCatalog.all()).extracting(MessageType::getName).containsAll(FOUNDATION_TYPES);
        assertThat(FOUNDATION_TYPES).hasSize(32).doesNotHaveDuplicates();
    }

    @Test
    void shouldHoldOneTypePerPayloadRecord() {
        List<Class<?>> payloadTypes = MessageCatalog.all().stream()
                .<Class<?>>map(MessageType::getPayloadType)
                .toList();

        assertThat(payloadTypes).containsExactlyInAnyOrder(BusMessage.class.getPermittedSubclasses())
                .doesNotHaveDuplicates();
        assertThat(MessageCatalog.all()).extracting(MessageType::getName).doesNotHaveDuplicates();
    }

    @Test
    void shouldListTypesSortedByName() {
        List<String> names = MessageCatalog.all().stream().map(MessageType::getName).toList();

        assertThat(names).isSorted();
    }

    @Test
    void shouldNotLetCallersChangeTheCatalogue() {
        List<MessageType<?>> all = MessageCatalog.all();

        assertThatThrownBy(all::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(MessageCatalog.all()).hasSameSizeAs(all).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldFindTypeByNameAndByPayload(final MessageType<?> type) {
        assertThat(MessageCatalog.find(type.getName())).containsSame(type);
        assertThat(MessageCatalog.of(type.getPayloadType())).isSameAs(type);
        assertThat(MessageCatalog.of(TestMessages.sample(type.getName()))).isSameAs(type);
        assertThat(type).hasToString(type.getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldDescribeEveryType(final MessageType<?> type) {
        Class<?> record = type.getPayloadType();

        assertThat(MessageCatalog.isWellFormedName(type.getName())).isTrue();
        assertThat(type.getVersion()).isPositive();
        assertThat(type.getDescription()).isNotBlank().endsWith(".");
        assertThat(record.isRecord()).isTrue();
        assertThat(record.getAnnotation(MessageTypeInfo.class).name()).isEqualTo(type.getName());
        assertThat(type.getFields()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldExposeTypeConstantEqualToItsName(final MessageType<?> type) throws ReflectiveOperationException {
        assertThat(type.getPayloadType().getField("TYPE").get(null)).isEqualTo(type.getName());
    }

    @Test
    void shouldDocumentEveryComponentOfEveryRecord() {
        Set<Class<?>> records = new LinkedHashSet<>();
        MessageCatalog.all().forEach(type -> collectRecords(type.getPayloadType(), records));

        assertThat(records).contains(Artifact.class, TestCounts.class, CriterionResult.class);
        for (Class<?> record : records) {
            assertThat(record.getAnnotation(Doc.class)).as("@Doc on %s", record.getSimpleName()).isNotNull();
            assertThat(record.getAnnotation(Doc.class).value()).isNotBlank();
            for (RecordComponent component : record.getRecordComponents()) {
                Doc doc = component.getAnnotation(Doc.class);
                assertThat(doc).as("@Doc on %s.%s", record.getSimpleName(), component.getName()).isNotNull();
                assertThat(doc.value()).as("@Doc of %s.%s", record.getSimpleName(), component.getName())
                        .isNotBlank()
                        .endsWith(".");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldDescribeEveryFieldWithItsJsonName(final MessageType<?> type) {
        for (MessageType.Field field : type.getFields()) {
            assertThat(field.getName()).matches("[a-z][a-z0-9_]*");
            assertThat(field.getDescription()).isNotBlank();
            assertThat(field.getJavaType()).isNotNull();
            assertThat(field.getGenericTypeName()).isNotBlank();
            assertThat(field.getComponentName()).matches("[a-z][A-Za-z0-9]*");
        }
    }

    @Test
    void shouldTranslateComponentNamesToSnakeCase() {
        MessageType.Field artifactUrl = MessageCatalog.of(BuildCompleted.class).getFields().get(1);

        assertThat(artifactUrl.getName()).isEqualTo("artifact_url");
        assertThat(artifactUrl.getComponentName()).isEqualTo("artifactUrl");
        assertThat(artifactUrl.getJavaType()).isEqualTo(String.class);
        assertThat(artifactUrl.isOptional()).isTrue();
        assertThat(MessageCatalog.of(BuildCompleted.class).getFields().get(4).getGenericTypeName())
                .isEqualTo("java.util.List<io.lotabots.message.Artifact>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedFields")
    void shouldUseTheSeedFieldNames(final String typeName, final List<String> fields) {
        MessageType<?> type = MessageCatalog.find(typeName).orElseThrow();

        assertThat(type.getFields()).extracting(MessageType.Field::getName).containsAll(fields);
        assertThat(TestMessages.message(TestMessages.sample(typeName)).getPayload().fieldNames())
                .toIterable()
                .containsAll(fields);
    }

    @Test
    void shouldKeepTheSeedOrderOfBuildCompleted() {
        assertThat(MessageCatalog.of(BuildCompleted.class).getFields()).extracting(MessageType.Field::getName)
                .startsWith("build_id", "artifact_url", "branch", "commit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldMapToCloudEventType(final MessageType<?> type) {
        String cdEventsType = CDEVENTS_TYPES.get(type.getName());

        if (cdEventsType == null) {
            assertThat(type.getCdEventsType()).isEmpty();
            assertThat(type.getCloudEventType())
                    .isEqualTo("dev.cdeventsx.lotabots-" + type.getName() + "." + type.getVersion() + ".0.0");
        }
        else {
            assertThat(type.getCdEventsType()).contains(cdEventsType);
            assertThat(type.getCloudEventType()).isEqualTo(cdEventsType);
        }
        assertThat(type.getCloudEventType()).startsWith("dev.cdevents");
    }

    @Test
    void shouldMapCdEventsTypesOfTheArchitecture() {
        assertThat(MessageCatalog.all().stream().filter(type -> type.getCdEventsType().isPresent()))
                .extracting(MessageType::getName)
                .containsExactlyInAnyOrderElementsOf(CDEVENTS_TYPES.keySet());
        assertThat(MessageCatalog.find("scaling.up").orElseThrow().getCloudEventType())
                .isEqualTo("dev.cdeventsx.lotabots-scaling.up.1.0.0");
    }

    @Test
    void shouldDropVersionSuffixFromCustomCloudEventType() {
        assertThat(MessageType.customCloudEventType("build.completed.v2", 2))
                .isEqualTo("dev.cdeventsx.lotabots-build.completed.2.0.0");
        assertThat(MessageType.customCloudEventType("acme.release_signed", 1))
                .isEqualTo("dev.cdeventsx.lotabots-acme.release_signed.1.0.0");
    }

    @Test
    void shouldNotFindCustomType() {
        assertThat(MessageCatalog.find("acme.release_signed")).isEmpty();
        assertThat(MessageCatalog.find("Build.Completed")).isEmpty();
    }

    @Test
    void shouldRefuseClassThatIsNotAPayloadOfTheCatalogue() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<BusMessage> notAPayload = (Class) Artifact.class;

        assertThatThrownBy(() -> MessageCatalog.of(notAPayload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("io.lotabots.message.Artifact is not a payload of the catalogue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"build.completed", "acme.release_signed", "a.b", "build.completed.v2", "x1.y_2.z3"})
    void shouldAcceptWellFormedTypeName(final String name) {
        assertThat(MessageCatalog.isWellFormedName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "build", "Build Completed", "Build.Completed", "BUILD.COMPLETED", "build.",
            ".completed", "build..completed", "1build.completed", "build.2completed", "build.completed-v2",
            "build completed", "_build.completed"})
    void shouldRejectMalformedTypeName(final String name) {
        assertThat(MessageCatalog.isWellFormedName(name)).isFalse();
    }

    @Test
    void shouldLimitTypeNameLength() {
        String longest = "a." + "b".repeat(MessageCatalog.MAX_TYPE_LENGTH - 2);

        assertThat(MessageCatalog.isWellFormedName(longest)).isTrue();
        assertThat(MessageCatalog.isWellFormedName(longest + "c")).isFalse();
    }

    private static void collectRecords(final Class<?> type, final Set<Class<?>> records) {
        if (!type.isRecord() || !records.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            collectRecords(component.getType(), records);
            collectTypeArguments(component.getGenericType(), records);
        }
    }

    private static void collectTypeArguments(final Type type, final Set<Class<?>> records) {
        if (type instanceof ParameterizedType parameterized) {
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> {
                if (argument instanceof Class<?> clazz) {
                    collectRecords(clazz, records);
                }
                collectTypeArguments(argument, records);
            });
        }
    }
}
