package io.lotabots.bot.incident;

import com.fasterxml.jackson.databind.JsonNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.ApprovalDenied;
import io.lotabots.message.ApprovalGranted;
import io.lotabots.message.ApprovalOverridden;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployFailed;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.DeployStarted;
import io.lotabots.message.Message;
import io.lotabots.util.Durations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post-mortem template: Markdown with placeholders {@code {{name}}} that IncidentBot fills from the incident, its
 * timeline and {@link PostmortemFacts}. A template that names a placeholder this class does not know is refused
 * with its file and line before anything is written. The built-in template has the sections Summary, Impact,
 * Timeline, Contributors, Mitigators, Learnings and Follow-ups.
 */
public final class PostmortemTemplate {
    /** The largest template read. */
    static final int MAX_TEMPLATE_BYTES = 1 << 20;

    private static final String DEFAULT = "postmortem-template.md";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String NONE = "none";
    private static final String NOT_YET = "not yet";

    /** Every placeholder, with what it holds; the documentation lists the same. */
    private static final Map<String, String> PLACEHOLDERS = placeholders();

    private final String name;
    private final String text;

    private PostmortemTemplate(final String name, final String text) {
        this.name = name;
        this.text = text;
        check();
    }

    /**
     * Returns the built-in template.
     *
     * @return the template
     */
    public static PostmortemTemplate standard() {
        try (InputStream in = PostmortemTemplate.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("The built-in post-mortem template " + DEFAULT + " is missing");
            }
            return new PostmortemTemplate("the built-in template", new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read the built-in post-mortem template", e);
        }
    }

    /**
     * Reads a user's template.
     *
     * @param file the file
     * @return the template
     * @throws LotaBotsException with {@link IncidentErrorCode#TEMPLATE_INVALID} naming the file, and the line of an
     *         unknown placeholder
     */
    public static PostmortemTemplate read(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_TEMPLATE_BYTES + 1);
            if (bytes.length > MAX_TEMPLATE_BYTES) {
                throw invalid("The post-mortem template '" + file + "' is larger than 1 MiB; give a Markdown"
                        + " template.");
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new PostmortemTemplate("'" + file + "'", text);
        }
        catch (CharacterCodingException e) {
            throw invalid("The post-mortem template '" + file + "' is not UTF-8 text; save it as UTF-8.");
        }
        catch (IOException e) {
            throw LotaBotsException.of(IncidentErrorCode.TEMPLATE_INVALID, "Cannot read the post-mortem template '"
                    + file + "': " + e.getMessage() + ". Check the path given with template.", e);
        }
    }

    /**
     * Returns the placeholders a template may use, with what each holds.
     *
     * @return name to meaning, in documentation order
     */
    public static Map<String, String> getPlaceholders() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(PLACEHOLDERS));
    }

    private void check() {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = PLACEHOLDER.matcher(lines[i]);
            while (matcher.find()) {
                if (!PLACEHOLDERS.containsKey(matcher.group(1))) {
                    throw invalid(name.replace("'", "") + ":" + (i + 1) + ": the placeholder {{" + matcher.group(1)
                            + "}} is unknown. Known placeholders: " + String.join(", ", new TreeSet<>(
                                    PLACEHOLDERS.keySet())) + ".");
                }
            }
            int open = lines[i].replaceAll(PLACEHOLDER.pattern(), "").indexOf("{{");
            if (open >= 0) {
                throw invalid(name.replace("'", "") + ":" + (i + 1) + ": '{{' at column " + (open + 1) + " opens no"
                        + " placeholder; write placeholders as {{name}} on one line.");
            }
        }
    }

    private static LotaBotsException invalid(final String message) {
        return LotaBotsException.of(IncidentErrorCode.TEMPLATE_INVALID, message);
    }

    /**
     * Fills the template.
     *
     * @param timeline the incident's timeline
     * @return the Markdown draft
     */
    public String render(final IncidentTimeline timeline) {
        Map<String, String> values = values(timeline);
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1))));
    }

    private static Map<String, String> values(final IncidentTimeline timeline) {
        Incident incident = timeline.getIncident();
        PostmortemFacts facts = PostmortemFacts.of(timeline);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", incident.id());
        values.put("title", incident.title());
        values.put("severity", incident.severity().name());
        values.put("status", incident.status().name().toLowerCase(Locale.ROOT));
        values.put("service", incident.service());
        values.put("environment", incident.environment());
        values.put("commander", incident.commander() == null ? NONE : incident.commander());
        values.put("dedup_key", incident.dedupKey());
        values.put("opened_at", TIME.format(incident.openedAt()));
        values.put("detected_at", TIME.format(facts.detectedAt()));
        values.put("impact_start", TIME.format(facts.impactStart()));
        values.put("acknowledged_at", time(facts.acknowledgedAt()));
        values.put("mitigated_at", time(facts.mitigatedAt()));
        values.put("resolved_at", time(facts.resolvedAt()));
        values.put("time_to_detect", Durations.format(facts.timeToDetect()));
        values.put("time_to_acknowledge", duration(facts.timeToAcknowledge()));
        values.put("time_to_mitigate", duration(facts.timeToMitigate()));
        values.put("time_to_resolve", duration(facts.timeToResolve()));
        values.put("total_downtime", duration(facts.totalDowntime()));
        values.put("summary", incident.summary().orElse("What happened, in a few sentences. (No summary was given"
                + " with update or resolve.)"));
        values.put("timeline", timeline.renderMarkdown().strip());
        values.put("deploys", list(timeline, Set.of(DeployStarted.TYPE, DeployCompleted.TYPE, DeployFailed.TYPE),
                PostmortemTemplate::deploy));
        values.put("rollbacks", list(timeline, Set.of(DeployRolledBack.TYPE), message -> "rolled back "
                + field(message, "environment") + " from " + field(message, "from_version") + " to "
                + field(message, "to_version") + ": " + field(message, "reason")));
        values.put("approvals", list(timeline, Set.of(ApprovalGranted.TYPE, ApprovalOverridden.TYPE,
                ApprovalDenied.TYPE), PostmortemTemplate::approval));
        values.put("notes", bullets(incident.events().stream().filter(event -> event.kind().equals(IncidentEvent.NOTE))
                .map(event -> TIME.format(event.time()) + " " + event.actor() + ": " + event.text()).toList()));
        values.put("links", bullets(incident.links()));
        return values;
    }

    private static String deploy(final Message message) {
        String verb = switch (message.getType()) {
            case DeployStarted.TYPE -> "started deploying";
            case DeployCompleted.TYPE -> "deployed";
            default -> "failed to deploy";
        };
        return verb + " " + field(message, "version") + " to " + field(message, "environment")
                + message.getPayloadField("strategy").map(strategy -> " (" + strategy.asText() + ")").orElse("")
                + message.getPayloadField("reason").map(reason -> ": " + reason.asText()).orElse("");
    }

    private static String approval(final Message message) {
        return switch (message.getType()) {
            case ApprovalGranted.TYPE -> field(message, "approver") + " approved " + field(message, "gate")
                    + message.getPayloadField("comment").map(comment -> " (" + comment.asText() + ")").orElse("");
            case ApprovalOverridden.TYPE -> field(message, "by") + " overrode " + field(message, "gate") + ": "
                    + field(message, "reason");
            default -> message.getPayloadField("approver").map(JsonNode::asText).orElse("the run") + " denied "
                    + field(message, "gate") + ": " + field(message, "reason");
        };
    }

    private static String list(final IncidentTimeline timeline, final Set<String> types,
            final Function<Message, String> line) {
        List<String> lines = new ArrayList<>();
        for (IncidentTimeline.Entry entry : timeline.entries()) {
            Message message = entry.message();
            if (message != null && types.contains(message.getType())) {
                lines.add(timeline.offset(entry.time()) + " (" + TIME.format(entry.time()) + ", " + message.getSource()
                        + "): " + line.apply(message));
            }
        }
        return bullets(lines);
    }

    private static String bullets(final List<String> lines) {
        return lines.isEmpty() ? "- " + NONE : "- " + String.join("\n- ", lines);
    }

    private static String field(final Message message, final String name) {
        return message.getPayloadField(name).map(JsonNode::asText).orElse("?");
    }

    private static String time(@CheckForNull final Instant time) {
        return time == null ? NOT_YET : TIME.format(time);
    }

    private static String duration(final Optional<Duration> duration) {
        return duration.map(Durations::format).orElse(NOT_YET);
    }

    private static Map<String, String> placeholders() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("id", "the incident's id, INC-<number>");
        map.put("title", "its title");
        map.put("severity", "P1 to P4");
        map.put("status", "triggered, acknowledged, mitigated or resolved");
        map.put("service", "the service affected");
        map.put("environment", "the environment affected");
        map.put("commander", "who leads it, or none");
        map.put("dedup_key", "its dedup key");
        map.put("opened_at", "when it was opened");
        map.put("detected_at", "the detection: the first alert of the timeline, else the opening");
        map.put("impact_start", "the start of impact: the last deploy at or before the detection, else the detection");
        map.put("acknowledged_at", "the first acknowledgement, or 'not yet'");
        map.put("mitigated_at", "the mitigation, or 'not yet'");
        map.put("resolved_at", "the resolution, or 'not yet'");
        map.put("time_to_detect", "start of impact to detection");
        map.put("time_to_acknowledge", "opening to first acknowledgement");
        map.put("time_to_mitigate", "detection to mitigation");
        map.put("time_to_resolve", "opening to resolution");
        map.put("total_downtime", "start of impact to mitigation");
        map.put("summary", "the last summary given with update or resolve");
        map.put("timeline", "the timeline as a Markdown table");
        map.put("deploys", "the deploys of the timeline, one bullet each");
        map.put("rollbacks", "the rollbacks of the timeline, one bullet each");
        map.put("approvals", "who approved, overrode or denied what, one bullet each");
        map.put("notes", "the notes, one bullet each");
        map.put("links", "the runs and messages the incident links, one bullet each");
        return java.util.Collections.unmodifiableMap(map);
    }
}
