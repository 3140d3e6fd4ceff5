package io.lotabots.bot.notify;

import com.fasterxml.jackson.databind.JsonNode;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.message.Message;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one notification says, before a channel formats it: a title, its severity, the stages of the run so far,
 * and for a notification about one message, that message and its fields.
 *
 * @param title one line, plain text
 * @param severity how urgent it is
 * @param subject the message the notification is about, or {@code null} for a summary of a run
 * @param run the messages of the run, in order, without notifications
 * @param stages the latest line of each stage of the run, in the order the stages began
 * @param details the fields of the subject as {@code name: value} lines, empty for a summary
 * @param correlationId the run, or {@code null}
 * @param link where to read more, for example the Jenkins build URL, or {@code null}
 */
record Notification(String title, Severity severity, @CheckForNull Message subject, List<Message> run,
        List<StageLine> stages, List<String> details, @CheckForNull String correlationId, @CheckForNull String link) {
    /** The most payload fields listed in the details. */
    static final int MAX_DETAILS = 40;

    Notification {
        run = List.copyOf(run);
        stages = List.copyOf(stages);
        details = List.copyOf(details);
    }

    /**
     * Makes the notification about one message of a run.
     *
     * @param message the message
     * @param run the messages of its run, including it
     * @param link where to read more, or {@code null}
     * @return the notification
     */
    static Notification about(final Message message, final List<Message> run, @CheckForNull final String link) {
        StageLine line = StageLine.of(message);
        String title = line.stage() + ": " + line.text();
        return new Notification(title, Severity.of(message), message, run, stages(run, message), details(message),
                message.getCorrelationId().orElse(null), link);
    }

    /**
     * Makes the summary of a run.
     *
     * @param run the messages of the run, in order
     * @param link where to read more, or {@code null}
     * @return the notification
     */
    static Notification summary(final List<Message> run, @CheckForNull final String link) {
        List<StageLine> stages = stages(run, null);
        Severity worst = Severity.INFO;
        for (StageLine stage : stages) {
            worst = worst.worse(Severity.of(stage.message()));
        }
        String correlationId = run.isEmpty() ? null : run.get(run.size() - 1).getCorrelationId().orElse(null);
        Optional<StageLine> failed = stages.stream().filter(s -> s.state() == StageLine.State.FAILED).findFirst();
        long passed = stages.stream().filter(s -> s.state() == StageLine.State.OK).count();
        Optional<StageLine> open = stages.stream().filter(s -> s.state() == StageLine.State.OPEN).findFirst();
        String outcome = failed.map(s -> s.stage() + " failed: " + s.text())
                .or(() -> open.map(s -> s.stage() + " open: " + s.text()))
                .orElseGet(() -> passed == stages.size() ? (passed == 1 ? "1 stage passed"
                        : "all " + stages.size() + " stages passed")
                        : passed + " of " + stages.size() + " stages passed");
        String title = "Run " + (correlationId == null ? "" : correlationId + " ") + "- " + outcome;
        return new Notification(title, worst, null, run, stages, List.of(), correlationId, link);
    }

    /**
     * Makes the report of one stage of a run, as a front-end sends it after each stage: the stage's result sets the
     * severity, so a stage that failed before its bot published anything is still reported as failed.
     *
     * @param stage the stage's name
     * @param result the stage's result (SUCCESS, UNSTABLE, FAILURE, ABORTED, NOT_BUILT), or {@code null}
     * @param summary one line on how it ended, or {@code null}
     * @param run the messages of the run so far, in order; may be empty
     * @param link where to read more, or {@code null}
     * @return the notification
     */
    static Notification stage(final String stage, @CheckForNull final String result, @CheckForNull final String summary,
            final List<Message> run, @CheckForNull final String link) {
        String outcome = result == null ? "done" : result;
        Severity severity = result == null ? Severity.INFO : switch (result) {
            case "FAILURE" -> Severity.ERROR;
            case "UNSTABLE", "ABORTED" -> Severity.WARNING;
            default -> Severity.INFO;
        };
        String title = stage + ": " + outcome + (summary == null ? "" : " - " + summary);
        String correlationId = run.isEmpty() ? null : run.get(run.size() - 1).getCorrelationId().orElse(null);
        List<String> details = new ArrayList<>();
        details.add("stage: " + stage);
        details.add("result: " + outcome);
        if (summary != null) {
            details.add("summary: " + summary);
        }
        return new Notification(title, severity, null, run, stages(run, null), details, correlationId, link);
    }

    /**
     * Returns the latest line of each stage, in the order the stages began.
     */
    private static List<StageLine> stages(final List<Message> run, @CheckForNull final Message last) {
        Map<String, StageLine> byStage = new LinkedHashMap<>();
        for (Message message : run) {
            StageLine line = StageLine.of(message);
            byStage.put(line.stage(), line);
            if (message.equals(last)) {
                break;
            }
        }
        if (last != null && !run.contains(last)) {
            StageLine line = StageLine.of(last);
            byStage.put(line.stage(), line);
        }
        return new ArrayList<>(byStage.values());
    }

    private static List<String> details(final Message message) {
        List<String> lines = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = message.getPayload().fields();
        while (fields.hasNext() && lines.size() < MAX_DETAILS) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            String shown = value.isValueNode() ? value.asText()
                    : value.isArray() ? value.size() + (value.size() == 1 ? " entry" : " entries")
                    : value.toString();
            lines.add(field.getKey() + ": " + (shown.length() > 500 ? shown.substring(0, 497) + "..." : shown));
        }
        lines.add("type: " + message.getType() + ", from " + message.getSource() + " at " + message.getTime());
        return lines;
    }

    /**
     * Returns the type of the message the notification reports on: the subject's, or the last of the run's.
     *
     * @return the type, or {@code null} for an empty run
     */
    @CheckForNull
    String messageType() {
        if (subject != null) {
            return subject.getType();
        }
        return run.isEmpty() ? null : run.get(run.size() - 1).getType();
    }

    /**
     * Returns the message the notification reports on: the subject, or the last of the run.
     *
     * @return the message, or {@code null} for an empty run
     */
    @CheckForNull
    Message cause() {
        if (subject != null) {
            return subject;
        }
        return run.isEmpty() ? null : run.get(run.size() - 1);
    }

    /**
     * Returns whether this is a summary of a run rather than about one message.
     *
     * @return {@code true} for a summary
     */
    boolean isSummary() {
        return subject == null;
    }

    /**
     * Returns the notification as plain text: the title, the stages, the details and the link.
     *
     * @return the text, lines separated by {@code \n}
     */
    String plainText() {
        StringBuilder text = new StringBuilder(title).append('\n');
        if (!stages.isEmpty()) {
            text.append('\n');
            for (StageLine stage : stages) {
                text.append(String.format(Locale.ROOT, "[%-7s] %s: %s%n", stage.state(), stage.stage(),
                        stage.text()).replace(System.lineSeparator(), "\n"));
            }
        }
        if (!details.isEmpty()) {
            text.append('\n');
            details.forEach(line -> text.append(line).append('\n'));
        }
        if (link != null) {
            text.append('\n').append(link).append('\n');
        }
        return text.toString();
    }
}
