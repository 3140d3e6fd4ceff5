package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.JsonNode;

import io.lotabots.message.Message;
import io.lotabots.message.MessageSummary;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One stage of a run as a notification shows it: the stage name ({@code Tests}), how it stands, and one line of
 * plain text ({@code 370/370 passed, coverage 87.5%}).
 *
 * @param stage the stage name
 * @param state how the stage stands
 * @param text one line about the stage, plain text
 * @param message the message the line is made from
 */
record StageLine(String stage, State state, String text, Message message) {
    /**
     * How a stage stands.
     */
    enum State {
        /** Passed. */
        OK,
        /** Started, not finished yet. */
        RUNNING,
        /** Passed with warnings. */
        WARNING,
        /** Failed. */
        FAILED,
        /**
         * Something that needs a person is going on: an alert that fired or an incident that is not resolved yet.
         * It is not a stage that failed, and not one that passed.
         */
        OPEN
    }

    /**
     * Makes the line of a message.
     *
     * @param message the message
     * @return the line
     */
    static StageLine of(final Message message) {
        String type = message.getType();
        Severity severity = Severity.of(message);
        State state = type.endsWith(".started") || type.endsWith(".requested") ? State.RUNNING
                : isOpen(message) ? State.OPEN
                : severity.compareTo(Severity.ERROR) >= 0 ? State.FAILED
                : severity == Severity.WARNING ? State.WARNING : State.OK;
        return new StageLine(stageName(type), state, headline(message), message);
    }

    /**
     * Returns whether a message says that an alert or an incident is open: {@code alert.triggered}, and
     * {@code incident.created} or {@code incident.updated} of an incident that is not resolved.
     */
    private static boolean isOpen(final Message message) {
        return switch (message.getType()) {
            case "alert.triggered", "incident.created" -> true;
            case "incident.updated" -> !"resolved".equals(optionalText(message, "status").orElse(""));
            default -> false;
        };
    }

    /**
     * Returns the stage a message type belongs to.
     *
     * @param type the type
     * @return the name, for example {@code Health checks} for {@code monitor.verdict}
     */
    static String stageName(final String type) {
        String area = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        return switch (area) {
            case "build" -> "Build";
            case "test" -> "Tests";
            case "security" -> "Security";
            case "deploy" -> "Deploy";
            case "monitor" -> "Health checks";
            case "alert" -> "Alerts";
            default -> area.isEmpty() ? "Message"
                    : area.substring(0, 1).toUpperCase(Locale.ROOT) + area.substring(1).replace('_', ' ');
        };
    }

    /**
     * Returns one line of plain text about a message.
     *
     * @param message the message
     * @return the line
     */
    static String headline(final Message message) {
        return switch (message.getType()) {
            case "build.completed" -> "build " + text(message, "build_id") + " of " + text(message, "branch")
                    + " at " + shortCommit(text(message, "commit")) + " succeeded"
                    + number(message, "duration").map(value -> " in " + seconds(value)).orElse("");
            case "build.failed" -> "build " + text(message, "build_id") + " failed: " + text(message, "reason");
            case "test.completed" -> tests(message);
            case "security.scan_completed" -> security(message);
            case "deploy.started" -> "deploying " + text(message, "version") + " to "
                    + text(message, "environment") + optionalText(message, "strategy").map(s -> " (" + s + ")")
                            .orElse("");
            case "deploy.completed" -> "deployed " + text(message, "version") + " to " + text(message, "environment")
                    + number(message, "deployment_time").map(value -> " in " + seconds(value)).orElse("");
            case "deploy.failed" -> "deploying " + text(message, "version") + " to " + text(message, "environment")
                    + " failed: " + text(message, "reason");
            case "deploy.rolled_back" -> "rolled " + text(message, "environment") + " back to "
                    + text(message, "to_version") + ": " + text(message, "reason");
            case "monitor.verdict" -> verdict(message);
            case "alert.triggered" -> "alert " + text(message, "alert_name") + " (" + text(message, "severity")
                    + "): " + text(message, "metric") + " " + text(message, "value") + " crossed "
                    + text(message, "threshold");
            case "alert.resolved" -> "alert " + text(message, "alert_name") + " resolved";
            case "incident.created" -> "incident " + text(message, "incident_id") + " ("
                    + text(message, "severity") + "): " + text(message, "title");
            case "incident.updated" -> "incident " + text(message, "incident_id") + " "
                    + optionalText(message, "change").orElse("updated") + ", " + text(message, "status")
                    + optionalText(message, "note").map(n -> ": " + n).orElse("");
            case "incident.resolved" -> "incident " + text(message, "incident_id") + " resolved"
                    + optionalText(message, "resolution").map(r -> ": " + r).orElse("");
            default -> message.getType() + ": " + MessageSummary.of(message);
        };
    }

    private static String tests(final Message message) {
        long total = number(message, "total_tests").orElse(0.0).longValue();
        long passed = number(message, "passed_tests").orElse(0.0).longValue();
        long failed = number(message, "failed_tests").orElse((double) Math.max(0, total - passed)).longValue();
        StringBuilder line = new StringBuilder("tests ").append(passed).append('/').append(total).append(" passed");
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed");
        }
        number(message, "coverage").ifPresent(value -> line.append(", coverage ")
                .append(String.format(Locale.ROOT, "%.1f%%", value)));
        optionalText(message, "gate").ifPresent(gate -> line.append(", gate ").append(gate).append(" failed"));
        return line.toString();
    }

    private static String security(final Message message) {
        JsonNode counts = message.getPayloadField("vulnerabilities").orElse(null);
        long findings = 0;
        StringBuilder parts = new StringBuilder();
        if (counts != null && counts.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = counts.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                long count = field.getValue().asLong();
                findings += count;
                if (count > 0) {
                    parts.append(parts.length() == 0 ? "" : ", ").append(count).append(' ').append(field.getKey());
                }
            }
        }
        long secrets = number(message, "secrets_found").orElse(0.0).longValue();
        if (findings == 0 && secrets == 0) {
            return "security clean";
        }
        if (secrets > 0) {
            parts.append(parts.length() == 0 ? "" : ", ").append(secrets).append(secrets == 1 ? " secret" : " secrets");
        }
        return "security " + text(message, "status") + ": " + parts;
    }

    private static String verdict(final Message message) {
        String verdict = text(message, "verdict");
        String score = number(message, "score").map(value -> String.format(Locale.ROOT, "%.0f", value)).orElse("?");
        String where = optionalText(message, "environment").map(env -> " in " + env).orElse("");
        return "pass".equals(verdict) ? "health checks passing" + where + " (score " + score + ")"
                : "monitoring verdict " + verdict + where + " (score " + score + ")";
    }

    private static String seconds(final double value) {
        return io.lotabots.util.Durations.format(java.time.Duration.ofMillis(Math.round(value * 1000)));
    }

    private static String shortCommit(final String commit) {
        return commit.length() > 10 && commit.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                ? commit.substring(0, 10) : commit;
    }

    static String text(final Message message, final String field) {
        return optionalText(message, field).orElse("?");
    }

    static Optional<String> optionalText(final Message message, final String field) {
        return message.getPayloadField(field).filter(node -> node.isValueNode() && !node.isNull())
                .map(JsonNode::asText);
    }

    static Optional<Double> number(final Message message, final String field) {
        return message.getPayloadField(field).filter(JsonNode::isNumber).map(JsonNode::asDouble);
    }
}
