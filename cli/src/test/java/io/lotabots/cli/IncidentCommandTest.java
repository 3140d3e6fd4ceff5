package io.lotabots.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.incident.FileIncidentStore;
import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentBot;
import io.lotabots.bot.incident.IncidentEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lotabots incident open|ack|note|update|resolve|postmortem|show|list|escalate}.
 */
class IncidentCommandTest {
    private static final BotRegistry BOTS = BotRegistry.of(List.of(new IncidentBot()));

    @TempDir
    private Path workdir;

    private CliRun incident(final String... args) {
        List<String> all = new ArrayList<>(List.of("incident"));
        all.addAll(List.of(args));
        all.addAll(List.of("--workdir", workdir.toString()));
        return CliRun.of(BOTS, all.toArray(String[]::new));
    }

    private CliRun open() {
        return incident("open", "--service", "web", "--environment", "production", "--alert-name", "HighErrorRate",
                "--alert-severity", "critical", "--by", "monitor");
    }

    @Test
    void shouldRunAnIncidentThroughItsLifeAndShowItsTimeline() throws IOException {
        CliRun opened = open();
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        assertThat(opened.out()).startsWith("Opened INC-1\n").contains("severity P1, triggered, web in production")
                .contains("incident.created");

        assertThat(incident("ack", "INC-1", "--by", "alice").exitCode()).isZero();
        assertThat(incident("note", "--id", "INC-1", "--note", "rolling back to 1.4.1", "--by", "alice").exitCode())
                .isZero();
        assertThat(incident("update", "INC-1", "--status", "mitigated", "--severity", "P2").exitCode()).isZero();
        assertThat(incident("resolve", "INC-1", "--summary", "1.5.0 broke checkout").exitCode()).isZero();
        CliRun show = incident("show", "INC-1");

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("INC-1 HighErrorRate on web (production)", "summary: 1.5.0 broke checkout")
                .containsPattern("(?m)^T\\+0 +\\S+ \\S+ +monitor +opened")
                .containsPattern("(?m)^T\\+\\S+ +\\S+ \\S+ +alice +note +rolling back to 1.4.1")
                .containsPattern("(?m)^T\\+\\S+ +\\S+ \\S+ +\\S+ +resolved");

        CliRun postmortem = incident("postmortem", "INC-1");
        assertThat(postmortem.out()).startsWith("Wrote the post-mortem draft of INC-1 to .lotabots/postmortems/INC-1.md")
                .contains("incident.postmortem_written");
        assertThat(Files.readString(workdir.resolve(".lotabots/postmortems/INC-1.md"))).contains("## Timeline",
                "| Severity | P2 |", "| Commander | alice |");
    }

    @Test
    void shouldListIncidentsAsJson() throws IOException {
        open();
        incident("open", "--service", "db", "--alert-name", "Slow", "--severity", "P3");
        incident("resolve", "INC-2");

        CliRun open = incident("list", "--format", "json");
        CliRun all = incident("list", "--status", "all", "--format", "json");

        JsonNode openJson = new ObjectMapper().readTree(open.out());
        assertThat(openJson.get("ids")).extracting(JsonNode::asText).containsExactly("INC-1");
        assertThat(new ObjectMapper().readTree(all.out()).get("incidents")).extracting(node -> node.get("status")
                .asText()).containsExactly("triggered", "resolved");
        assertThat(incident("list", "--service", "db", "--status", "all").out())
                .contains("INC-2       P3    resolved      db");
    }

    @Test
    void shouldExitWith2NamingTheIdOrFileAndLoseNothing() throws IOException {
        open();
        incident("resolve", "INC-1");
        Path file = workdir.resolve(".lotabots/incidents/INC-1.json");
        String resolved = Files.readString(file);

        CliRun again = incident("resolve", "INC-1");
        CliRun unknown = incident("show", "INC-7");
        CliRun severity = incident("update", "INC-1", "--severity", "P0");
        Files.writeString(workdir.resolve(".lotabots/incidents/INC-5.json"), "{ not json");
        CliRun corrupt = incident("show", "INC-5");

        assertThat(again.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(again.err()).contains("Cannot resolve INC-1: it was resolved").doesNotContain("\tat ");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknown.err()).contains("There is no incident INC-7");
        assertThat(severity.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(severity.err()).contains("Option '--severity' of IncidentBot expected one of P1, P2, P3, P4, was"
                + " 'P0'");
        assertThat(corrupt.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(corrupt.err()).contains("INC-5.json").contains("cannot be read");
        assertThat(Files.readString(file)).isEqualTo(resolved);
    }

    @Test
    void shouldOpenOneIncidentWithTwoEntriesWhenTwoProcessesOpenItAtOnce() throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path log = workdir.resolve("open-" + i + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    LotaBotsCommand.class.getName(), "incident", "open", "--service", "web", "--alert-name",
                    "HighErrorRate", "--alert-severity", "critical", "--by", "monitor-" + i, "--workdir",
                    workdir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int i = 0; i < 2; i++) {
            assertThat(processes.get(i).waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(processes.get(i).exitValue()).as(Files.readString(logs.get(i), StandardCharsets.UTF_8))
                    .isZero();
        }

        List<Incident> incidents = FileIncidentStore.in(workdir.resolve(".lotabots/incidents")).list();
        assertThat(incidents).singleElement().satisfies(incident -> {
            assertThat(incident.id()).isEqualTo("INC-1");
            assertThat(incident.events()).extracting(IncidentEvent::kind).containsExactly("opened", "repeated");
            assertThat(incident.events()).extracting(IncidentEvent::actor)
                    .containsExactlyInAnyOrder("monitor-0", "monitor-1");
        });
        assertThat(logs.stream().map(log -> {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList()).anyMatch(out -> out.contains("Opened INC-1")).anyMatch(out -> out.contains("Added the repeat"
                + " to INC-1"));
        CliRun show = incident("show", "INC-1");
        assertThat(show.out()).containsPattern("monitor-\\d +opened").containsPattern("monitor-\\d +repeated");
    }
}
