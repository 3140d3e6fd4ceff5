package io.lotabots.cli;

import io.lotabots.bot.BotContext;
import io.lotabots.message.Message;
import io.lotabots.message.MessageSummary;
import io.lotabots.util.Durations;
import io.lotabots.workflow.StepRecord;
import io.lotabots.workflow.WorkflowRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the HTML report of a run: status and duration, one row per step with its status, duration and summary,
 * the results each bot returned (its outputs, gates included), and the message timeline with the stage of each
 * message. One self-contained file, no scripts, every value escaped.
 */
final class RunReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private RunReport() {
    }

    /**
     * Writes the report, atomically.
     *
     * @param file where
     * @param title the workflow's title
     * @param correlationId the run's correlation id
     * @param run the run
     * @param messages the run's messages
     * @return the file
     */
    static Path write(final Path file, final String title, final String correlationId, final WorkflowRun run,
            final List<Message> messages) {
        String html = render(title, correlationId, run, messages);
        try {
            Path absolute = file.toAbsolutePath();
            Path folder = absolute.getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            Files.writeString(temporary, html, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the run report " + file + ": " + e.getMessage(), e);
        }
    }

    static String render(final String title, final String correlationId, final WorkflowRun run,
            final List<Message> messages) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append(" - ").append(escape(correlationId)).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin-bottom:2em;width:100%}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}.SUCCESS{color:#1a7f37}.UNSTABLE{color:#9a6700}")
                .append(".FAILURE,.ABORTED{color:#cf222e}.NOT_RUN,.SKIPPED{color:#777}")
                .append("</style></head><body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<p>Run <code>").append(escape(correlationId))
                .append("</code>: <strong class=\"").append(run.status().name()).append("\">")
                .append(run.status().name()).append("</strong> in ").append(escape(Durations.format(run.duration())))
                .append(", started ").append(TIME.format(run.start())).append(" UTC</p>\n");
        run.interrupted().ifPresent(reason -> html.append("<p class=\"ABORTED\">The run was ").append(escape(reason))
                .append(": the steps that were running were stopped with their processes, the rest did not run.</p>\n"));

        html.append("<h2>Stages</h2>\n<table><tr><th>Step</th><th>Kind</th><th>Status</th><th>Duration</th>"
                + "<th>Summary</th></tr>\n");
        for (StepRecord step : run.steps()) {
            html.append("<tr><td>").append(escape(step.path())).append("</td><td>").append(escape(step.kind()))
                    .append("</td><td class=\"").append(step.status().name()).append("\">").append(step.status().name())
                    .append("</td><td>").append(escape(Durations.format(step.duration()))).append("</td><td>")
                    .append(escape(step.summary()));
            String error = step.error();
            if (error != null && !error.equals(step.summary())) {
                html.append("<br><em>").append(escape(error)).append("</em>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Results per bot</h2>\n");
        boolean any = false;
        for (StepRecord step : run.steps()) {
            if (step.outputs().isEmpty()) {
                continue;
            }
            any = true;
            html.append("<h3>").append(escape(step.path())).append("</h3>\n<table>");
            for (Map.Entry<String, Object> output : step.outputs().entrySet()) {
                html.append("<tr><th>").append(escape(output.getKey())).append("</th><td>")
                        .append(escape(String.valueOf(output.getValue()))).append("</td></tr>");
            }
            html.append("</table>\n");
        }
        if (!any) {
            html.append("<p>No bot returned results.</p>\n");
        }
        html.append("<h2>Message timeline</h2>\n<table><tr><th>Time (UTC)</th><th>Bot</th><th>Type</th><th>To</th>"
                + "<th>Stage</th><th>Summary</th></tr>\n");
        for (Message message : messages) {
            html.append("<tr><td>").append(TIME.format(message.getTime())).append("</td><td>")
                    .append(escape(message.getSource())).append("</td><td>").append(escape(message.getType()))
                    .append("</td><td>").append(escape(message.getDestination().orElse("-"))).append("</td><td>")
                    .append(escape(message.getExtension(BotContext.STAGE_EXTENSION).orElse("-"))).append("</td><td>")
                    .append(escape(MessageSummary.of(message))).append("</td></tr>\n");
        }
        html.append("</table>\n<p>").append(messages.size()).append(" message").append(messages.size() == 1 ? "" : "s")
                .append(". Generated by LotaBots.</p>\n</body></html>\n");
        return html.toString();
    }

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param text the text
     * @return the escaped text
     */
    static String escape(final String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Returns the report's file name for a run: {@code NAME-YYYYMMDDTHHMMSSZ.html}.
     *
     * @param workflow the workflow name
     * @param correlationId the correlation id, whose part after {@code #} is the run's time
     * @return the name
     */
    static String fileName(final String workflow, final String correlationId) {
        String stamp = correlationId.substring(correlationId.lastIndexOf('#') + 1);
        return (workflow + "-" + stamp).replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT) + ".html";
    }
}
