package io.lotabots.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Exports messages as CloudEvents 1.0 with the {@code io.cloudevents} SDK. The event {@code type} is the CDEvents
 * type where the catalogue maps one ({@code dev.cdevents.build.finished.0.2.0}), otherwise a CDEvents custom type
 * ({@code dev.cdeventsx.lotabots-monitor.verdict.1.0.0}). The data is a CDEvents body: {@code context},
 * {@code subject} with the content CDEvents defines for the mapped types, and the full LotaBots payload as
 * {@code customData}, so that nothing is lost.
 *
 * <p>Envelope attributes without a CloudEvents counterpart become extension attributes: {@code correlationid},
 * {@code causationid}, {@code destination}, {@code lotabotstype} (the original type name) and the message's own
 * extensions with underscores removed.</p>
 */
public final class CloudEventExport {
    /** The CDEvents specification version the data follows. */
    public static final String CDEVENTS_VERSION = "0.4.1";

    private static final EventFormat FORMAT = new JsonFormat();
    private static final ObjectMapper MAPPER = MessageCodec.get().copyMapper();

    private CloudEventExport() {
    }

    /**
     * Converts a message to a CloudEvent.
     *
     * @param message the message
     * @return the event
     */
    public static CloudEvent toCloudEvent(final Message message) {
        String type = message.getMessageType().map(MessageType::getCloudEventType)
                .orElseGet(() -> MessageType.customCloudEventType(message.getType(), 1));
        URI source = sourceOf(message);
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getId())
                .withSource(source)
                .withType(type)
                .withTime(message.getTime().atOffset(ZoneOffset.UTC))
                .withSubject(subjectId(message))
                .withExtension("lotabotstype", message.getType());
        message.getCorrelationId().ifPresent(value -> builder.withExtension("correlationid", value));
        message.getCausationId().ifPresent(value -> builder.withExtension("causationid", value));
        message.getDestination().ifPresent(value -> builder.withExtension("destination", value));
        for (Map.Entry<String, String> extension : message.getExtensions().entrySet()) {
            String name = extension.getKey().replace("_", "");
            builder.withExtension(name.length() > 20 ? name.substring(0, 20) : name, extension.getValue());
        }
        try {
            return builder.withData("application/json", MAPPER.writeValueAsBytes(body(message, type, source)))
                    .build();
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("A message payload could not be written as JSON", e);
        }
    }

    /**
     * Writes a message as a CloudEvent in the structured JSON format.
     *
     * @param message the message
     * @return the JSON
     */
    public static String toJson(final Message message) {
        return new String(FORMAT.serialize(toCloudEvent(message)), StandardCharsets.UTF_8);
    }

    private static URI sourceOf(final Message message) {
        return URI.create("/lotabots/bots/" + URLEncoder.encode(message.getSource(), StandardCharsets.UTF_8));
    }

    private static ObjectNode body(final Message message, final String type, final URI source) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode body = nodes.objectNode();
        ObjectNode context = body.putObject("context");
        context.put("version", CDEVENTS_VERSION);
        context.put("id", message.getId());
        context.put("source", source.toString());
        context.put("type", type);
        context.put("timestamp", message.getTime().toString());
        ObjectNode subject = body.putObject("subject");
        subject.put("id", subjectId(message));
        subject.put("source", source.toString());
        subject.set("content", content(message));
        body.set("customData", message.getPayload());
        body.put("customDataContentType", "application/json");
        return body;
    }

    private static String subjectId(final Message message) {
        String field = switch (message.getType()) {
            case BuildCompleted.TYPE -> "build_id";
            case IncidentCreated.TYPE, IncidentResolved.TYPE -> "incident_id";
            case DeployCompleted.TYPE, DeployRolledBack.TYPE -> "environment";
            default -> null;
        };
        String value = field == null ? null : message.payloadNode().path(field).asText(null);
        return value == null ? message.getCorrelationId().orElse(message.getId()) : value;
    }

    private static ObjectNode content(final Message message) {
        ObjectNode payload = message.payloadNode();
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        switch (message.getType()) {
            case BuildCompleted.TYPE -> copyText(payload, "artifact_url", content, "artifactId");
            case TestCompleted.TYPE -> {
                String status = payload.path("status").asText("pass");
                content.put("outcome", "pass".equals(status) ? "pass" : "fail");
                content.putObject("testSuite").put("id", message.getCorrelationId().orElse(message.getId()));
            }
            case DeployCompleted.TYPE -> {
                content.putObject("environment").put("id", payload.path("environment").asText());
                content.put("artifactId", payload.path("version").asText());
            }
            case DeployRolledBack.TYPE -> {
                content.putObject("environment").put("id", payload.path("environment").asText());
                content.put("artifactId", payload.path("to_version").asText());
            }
            case IncidentCreated.TYPE -> {
                content.put("description", payload.path("title").asText());
                copyText(payload, "service", content, "service");
                content.put("severity", payload.path("severity").asText().toLowerCase(Locale.ROOT));
            }
            case IncidentResolved.TYPE -> copyText(payload, "resolution", content, "description");
            default -> content.setAll(message.getPayload());
        }
        return content;
    }

    private static void copyText(final ObjectNode from, final String field, final ObjectNode to,
            final String name) {
        if (from.hasNonNull(field)) {
            to.put(name, from.get(field).asText());
        }
    }
}
