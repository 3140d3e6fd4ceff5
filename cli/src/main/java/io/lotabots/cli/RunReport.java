package io.lotabots.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.lotabots.util.Durations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report of a run, and its JSON twin beside it: one self-contained file (no script, no font, nothing from
 * the network) that reads in light and dark and prints. It renders a {@link RunSummary}: the headline, one box per
 * stage like Jenkins' stage view, a card per bot result, the monitor's window as charts against the criteria's
 * limits with alerts marked, links, and the message timeline with relative times.
 */
final class RunReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final int CHART_WIDTH = 640;
    private static final int CHART_HEIGHT = 200;
    private static final int PAD = 36;
    private static final String STYLE = """
            :root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;\
            --ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--skip:#818b98;--accent:#0969da}
            @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;\
            --card:#151b23;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--skip:#9198a1;--accent:#4493f8}}
            *{box-sizing:border-box}
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;\
            padding:24px;background:var(--bg);color:var(--fg)}
            h1{font-size:1.6em;margin:.2em 0 .4em}h2{font-size:1.2em;margin:1.6em 0 .6em;border-bottom:1px solid \
            var(--line);padding-bottom:.2em}h3{font-size:1em;margin:0 0 .3em}
            .kicker{color:var(--muted);margin:0}.badge{display:inline-block;padding:.1em .6em;border-radius:1em;\
            font-weight:600;font-size:.85em;color:#fff}
            .badge.SUCCESS{background:var(--ok)}.badge.UNSTABLE{background:var(--warn)}.badge.FAILURE,\
            .badge.ABORTED{background:var(--bad)}.badge.SKIPPED,.badge.NOT_RUN{background:var(--skip)}
            header.run{border-left:6px solid var(--skip);padding:.4em 1em}header.run.SUCCESS{border-color:var(--ok)}\
            header.run.UNSTABLE{border-color:var(--warn)}header.run.FAILURE,header.run.ABORTED{border-color:var(--bad)}
            ol.stages{list-style:none;display:flex;flex-wrap:wrap;gap:10px;padding:0;margin:0}
            li.stage{flex:1 1 170px;max-width:260px;border:1px solid var(--line);border-top:6px solid var(--skip);\
            border-radius:6px;padding:8px 10px;background:var(--card)}
            li.stage.SUCCESS{border-top-color:var(--ok)}li.stage.UNSTABLE{border-top-color:var(--warn)}\
            li.stage.FAILURE,li.stage.ABORTED{border-top-color:var(--bad)}
            li.stage .name{font-weight:600}li.stage .meta{color:var(--muted);font-size:.85em}\
            li.stage .summary{font-size:.85em;margin:.3em 0 0;overflow-wrap:anywhere}
            ul.path{margin:.4em 0 0;padding-left:1em;font-size:.82em}ul.path li.FAILURE{color:var(--bad)}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}
            article.card.deploy,article.card.notify{grid-column:1/-1}
            article.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--card);\
            break-inside:avoid;overflow-wrap:anywhere}
            dl.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:.4em 0;font-size:.9em}\
            dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
            .bar{margin:.3em 0;font-size:.85em}.bar .track{height:10px;background:var(--line);border-radius:5px;\
            overflow:hidden}.bar .fill{height:100%;background:var(--accent)}
            table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border-bottom:1px solid var(--line);\
            padding:3px 6px;text-align:left;vertical-align:top}th{color:var(--muted);font-weight:600}
            td.SUCCESS,td.pass{color:var(--ok)}td.UNSTABLE,td.warning{color:var(--warn)}td.FAILURE,td.fail,\
            td.ABORTED{color:var(--bad)}
            figure.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px;background:var(--card);\
            break-inside:avoid}figure.chart svg{width:100%;height:auto;display:block}\
            figure.chart figcaption{font-size:.9em;margin-bottom:4px}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px}
            svg .axis{stroke:var(--line)}svg text{fill:var(--muted);font-size:11px}svg .series{fill:none;\
            stroke:var(--accent);stroke-width:2}svg .limit{stroke:var(--warn);stroke-dasharray:6 4}\
            svg .alert{stroke:var(--bad);stroke-width:1.5}
            a{color:var(--accent)}footer{color:var(--muted);font-size:.85em;margin-top:2em}
            @media print{body{max-width:none;padding:0}article.card,figure.chart,li.stage{background:none}\
            a::after{content:" (" attr(href) ")";font-size:.8em}}
            """;

    private RunReport() {
    }

    /**
     * Writes the report and its JSON twin ({@code .json} beside it), each atomically.
     *
     * @param file the HTML file
     * @param summary the run
     * @return the HTML file
     */
    static Path write(final Path file, final RunSummary summary) {
        Path absolute = file.toAbsolutePath();
        Path fileName = absolute.getFileName();
        String name = fileName == null ? "run-report.html" : fileName.toString();
        String jsonName = name.replaceFirst("\\.html$", "") + ".json";
        Path json = absolute.resolveSibling(jsonName);
        try {
            Path folder = absolute.getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            atomically(json, JSON.writeValueAsString(summary));
            atomically(absolute, render(summary, jsonName));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the run report " + file + ": " + e.getMessage(), e);
        }
    }

    private static void atomically(final Path file, final String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Renders the page.
     *
     * @param summary the run
     * @param jsonName the name of the JSON twin, linked from the page
     * @return the HTML
     */
    static String render(final RunSummary summary, final String jsonName) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src")
                .append(" 'unsafe-inline'; img-src data:\"><title>").append(escape(summary.headline())).append(" - ")
                .append(escape(summary.title())).append("</title>\n<style>").append(STYLE).append("</style></head>")
                .append("<body>\n");
        String status = summary.status().name();
        html.append("<header class=\"run ").append(status).append("\"><p class=\"kicker\">")
                .append(escape(summary.title())).append(" &middot; run <code>").append(escape(summary.correlationId()))
                .append("</code> &middot; started ").append(TIME.format(summary.start())).append(" UTC &middot; ")
                .append(escape(summary.duration())).append("</p>\n<h1 class=\"headline\">")
                .append(escape(summary.headline())).append("</h1><span class=\"badge ").append(status)
                .append("\" id=\"status\">").append(status).append("</span></header>\n");
        stages(summary, html);
        cards(summary, html);
        charts(summary, html);
        links(summary, html);
        incidents(summary, html);
        timeline(summary, html);
        html.append("<footer>Generated by LotaBots. The same data as JSON: <a href=\"").append(escape(jsonName))
                .append("\">").append(escape(jsonName)).append("</a></footer>\n</body></html>\n");
        return html.toString();
    }

    private static void stages(final RunSummary summary, final StringBuilder html) {
        html.append("<h2>Stages</h2>\n<ol class=\"stages\">\n");
        for (RunSummary.Stage stage : summary.stages()) {
            html.append("<li class=\"stage ").append(stage.status().name()).append("\"><div class=\"name\">")
                    .append(escape(stage.name())).append("</div><div class=\"meta\">").append(stage.status().name())
                    .append(" &middot; ").append(seconds(stage.seconds())).append("</div><p class=\"summary\">")
                    .append(escape(stage.summary())).append("</p>");
            if (!stage.failurePath().isEmpty()) {
                html.append("<ul class=\"path\">");
                for (RunSummary.PathStep step : stage.failurePath()) {
                    html.append("<li class=\"").append(step.status().name()).append("\">on failure: ")
                            .append(escape(step.name())).append(" &mdash; ").append(step.status().name())
                            .append(step.summary().isEmpty() ? "" : ": " + escape(step.summary())).append("</li>");
                }
                html.append("</ul>");
            }
            html.append("</li>\n");
        }
        html.append("</ol>\n");
    }

    private static void cards(final RunSummary summary, final StringBuilder html) {
        if (summary.cards().isEmpty()) {
            return;
        }
        html.append("<h2>Results</h2>\n<div class=\"cards\">\n");
        for (RunSummary.Card card : summary.cards()) {
            html.append("<article class=\"card ").append(escape(card.kind())).append(' ')
                    .append(card.status().name()).append("\"><h3>").append(escape(card.title()))
                    .append(" <span class=\"badge ").append(card.status().name()).append("\">")
                    .append(card.status().name()).append("</span></h3><p>").append(escape(card.line())).append("</p>");
            if (!card.facts().isEmpty()) {
                html.append("<dl class=\"facts\">");
                for (Map.Entry<String, String> fact : card.facts().entrySet()) {
                    html.append("<dt>").append(escape(fact.getKey())).append("</dt><dd>")
                            .append(escape(fact.getValue())).append("</dd>");
                }
                html.append("</dl>");
            }
            for (RunSummary.Bar bar : card.bars()) {
                double percent = Math.max(0, Math.min(100, bar.percent()));
                html.append("<div class=\"bar\"><div>").append(escape(bar.label())).append(": ")
                        .append(RunSummary.number(bar.percent())).append(" %</div><div class=\"track\" role=\"meter\"")
                        .append(" aria-valuenow=\"").append(RunSummary.number(percent)).append("\"><div class=\"fill\"")
                        .append(" style=\"width:").append(String.format(Locale.ROOT, "%.1f", percent))
                        .append("%\"></div></div></div>");
            }
            if (!card.table().isEmpty()) {
                html.append("<table><tr>");
                card.tableHead().forEach(head -> html.append("<th>").append(escape(head)).append("</th>"));
                html.append("</tr>");
                for (List<String> row : card.table()) {
                    html.append("<tr>");
                    for (String cell : row) {
                        html.append("<td class=\"").append(cell.matches("[A-Za-z_]+") ? escape(cell) : "")
                                .append("\">").append(escape(cell)).append("</td>");
                    }
                    html.append("</tr>");
                }
                html.append("</table>");
            }
            html.append("</article>\n");
        }
        html.append("</div>\n");
    }

    private static void charts(final RunSummary summary, final StringBuilder html) {
        if (summary.charts().isEmpty()) {
            return;
        }
        html.append("<h2>Monitor window</h2>\n<div class=\"charts\">\n");
        for (RunSummary.Chart chart : summary.charts()) {
            html.append("<figure class=\"chart\" data-metric=\"").append(escape(chart.metric())).append("\">")
                    .append("<figcaption><strong>").append(escape(chart.metric())).append("</strong>");
            String criterion = chart.criterion();
            if (criterion != null) {
                html.append(" &middot; ").append(escape(criterion)).append(": ")
                        .append(escape(String.valueOf(chart.result())));
            }
            if (!chart.alerts().isEmpty()) {
                html.append(" &middot; ").append(chart.alerts().size()).append(" alert")
                        .append(chart.alerts().size() == 1 ? "" : "s");
            }
            html.append("</figcaption>").append(svg(chart)).append("</figure>\n");
        }
        html.append("</div>\n");
    }

    /**
     * Draws one metric's series, the criterion's limit as a dashed line and each alert as a red mark.
     */
    static String svg(final RunSummary.Chart chart) {
        double minT = Double.MAX_VALUE;
        double maxT = -Double.MAX_VALUE;
        Double limit = chart.limit();
        double minV = limit == null ? Double.MAX_VALUE : limit;
        double maxV = limit == null ? -Double.MAX_VALUE : limit;
        int points = 0;
        for (List<double[]> series : chart.series()) {
            for (double[] point : series) {
                minT = Math.min(minT, point[0]);
                maxT = Math.max(maxT, point[0]);
                minV = Math.min(minV, point[1]);
                maxV = Math.max(maxV, point[1]);
                points++;
            }
        }
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"chart-svg\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(chart.metric())).append(" over the window\"")
                .append(" data-points=\"").append(points).append("\">");
        if (points == 0) {
            svg.append("<text x=\"").append(PAD).append("\" y=\"").append(CHART_HEIGHT / 2)
                    .append("\">no samples</text></svg>");
            return svg.toString();
        }
        minV = Math.min(minV, 0);
        if (maxV <= minV) {
            maxV = minV + 1;
        }
        maxV += (maxV - minV) * 0.08;
        if (maxT <= minT) {
            maxT = minT + 1;
        }
        double left = PAD + 10;
        double right = CHART_WIDTH - 10;
        double top = 10;
        double bottom = CHART_HEIGHT - 24;
        double spanT = maxT - minT;
        double spanV = maxV - minV;
        double fromT = minT;
        double fromV = minV;
        java.util.function.DoubleUnaryOperator x = t -> left + (t - fromT) / spanT * (right - left);
        java.util.function.DoubleUnaryOperator y = v -> bottom - (v - fromV) / spanV * (bottom - top);
        svg.append(line("axis", left, bottom, right, bottom)).append(line("axis", left, top, left, bottom));
        svg.append(text(2, y.applyAsDouble(maxV) + 10, RunSummary.number(maxV)))
                .append(text(2, bottom, RunSummary.number(minV)))
                .append(text(left, CHART_HEIGHT - 6, "+0 s"))
                .append(text(right - 40, CHART_HEIGHT - 6, "+" + RunSummary.number(spanT) + " s"));
        if (limit != null) {
            double ly = y.applyAsDouble(limit);
            svg.append(line("limit", left, ly, right, ly))
                    .append(text(right - 90, ly - 4, "limit " + RunSummary.number(limit)));
        }
        for (Double alert : chart.alerts()) {
            double ax = x.applyAsDouble(Math.max(minT, Math.min(maxT, alert)));
            svg.append(line("alert", ax, top, ax, bottom)).append("<title>alert</title>");
        }
        for (List<double[]> series : chart.series()) {
            svg.append("<polyline class=\"series\" points=\"");
            for (double[] point : series) {
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(point[0]),
                        y.applyAsDouble(point[1])));
            }
            svg.append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static String line(final String css, final double x1, final double y1, final double x2, final double y2) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", css,
                x1, y1, x2, y2);
    }

    private static String text(final double x, final double y, final String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", x, y, escape(text));
    }

    private static void links(final RunSummary summary, final StringBuilder html) {
        if (summary.links().isEmpty()) {
            return;
        }
        html.append("<h2>Links</h2>\n<ul class=\"links\">\n");
        for (RunSummary.Link link : summary.links()) {
            String target = link.target();
            // the report lies in .lotabots/reports/ of the working directory; other paths are relative to that
            String href = target.matches("(?i)(https?|file)://.*") ? target
                    : target.startsWith("/") ? "file://" + target : "../../" + target;
            html.append("<li>").append(escape(link.label())).append(": <a href=\"").append(escape(href))
                    .append("\">").append(escape(target)).append("</a></li>\n");
        }
        html.append("</ul>\n");
    }

    private static void incidents(final RunSummary summary, final StringBuilder html) {
        for (RunSummary.IncidentView incident : summary.incidents()) {
            html.append("<h2 id=\"").append(escape(incident.id())).append("\">Incident ").append(escape(incident.id()))
                    .append(": ").append(escape(incident.title())).append("</h2>\n<p class=\"kicker\">")
                    .append(escape(incident.severity())).append(" &middot; ").append(escape(incident.status()))
                    .append(" &middot; ").append(escape(incident.service())).append(" in ")
                    .append(escape(incident.environment())).append("</p>\n<table class=\"incident-timeline\"><tr>")
                    .append("<th>T</th><th>UTC</th><th>Who</th><th>What</th><th>Details</th></tr>\n");
            for (RunSummary.IncidentRow row : incident.timeline()) {
                html.append("<tr><td>").append(escape(row.offset())).append("</td><td>")
                        .append(TIME.format(row.time())).append("</td><td>").append(escape(row.who()))
                        .append("</td><td>").append(escape(row.what())).append("</td><td>")
                        .append(escape(row.details())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void timeline(final RunSummary summary, final StringBuilder html) {
        html.append("<h2>Message timeline</h2>\n<table class=\"timeline\"><tr><th>+time</th><th>UTC</th><th>Bot</th>")
                .append("<th>Type</th><th>To</th><th>Stage</th><th>Summary</th></tr>\n");
        for (RunSummary.Row row : summary.timeline()) {
            html.append("<tr><td>+").append(seconds(row.offset())).append("</td><td>")
                    .append(CLOCK.format(row.time())).append("</td><td>").append(escape(row.bot())).append("</td><td>")
                    .append(escape(row.type())).append("</td><td>").append(escape(row.to())).append("</td><td>")
                    .append(escape(row.stage())).append("</td><td>").append(escape(row.summary()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"kicker\">").append(summary.timeline().size()).append(" message")
                .append(summary.timeline().size() == 1 ? "" : "s").append(".</p>\n");
    }

    private static String seconds(final double value) {
        return Durations.format(Duration.ofMillis(Math.round(value * 1000)));
    }

    /**
     * Prints the headline and the stages as text, for the end of the console output.
     *
     * @param summary the run
     * @param out where
     */
    static void printConsole(final RunSummary summary, final java.io.PrintWriter out) {
        out.println();
        out.println(summary.status().name() + "  " + summary.headline());
        int width = summary.stages().stream().mapToInt(stage -> stage.name().length()).max().orElse(0);
        for (RunSummary.Stage stage : summary.stages()) {
            out.printf("  [%-8s] %-" + Math.max(1, width) + "s  %8s  %s%n", stage.status().name(), stage.name(),
                    seconds(stage.seconds()), stage.summary());
            for (RunSummary.PathStep step : stage.failurePath()) {
                out.printf("  %10s   on failure: %s -> %s%s%n", "", step.name(), step.status().name(),
                        step.summary().isEmpty() ? "" : ": " + step.summary());
            }
        }
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
