package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.Message;
import io.lotabots.message.SecurityCveAlert;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lotabots react} starting a real scenario, build-test-deploy on a copy of examples/sample-app (until the
 * security-first scenario exists): a CVE alert that affects the codebase starts the run, which shares the alert's
 * correlation id and names the alert as the cause of what it publishes; a second {@code react} starts nothing.
 */
class ReactScenarioITest extends BuildTestDeployFixture {
    @Test
    void shouldRunTheScenarioOfARuleOnceWithTheAlertAsItsCause() throws IOException {
        Path rules = copy.getParent().resolve(copy.getFileName() + "-rules.yaml");
        StringBuilder set = new StringBuilder();
        settings().forEach((name, value) -> set.append("\n        ").append(name).append(": ").append(value));
        Files.writeString(rules, """
                rules:
                  - name: cve-fast-track
                    on: security.cve_alert
                    when: {affected: true}
                    run:
                      scenario: build-test-deploy
                      set:%s
                """.formatted(set));
        Message alert = Message.builder(new SecurityCveAlert("CVE-2021-44228", true, "org.example:lib", "1.0",
                "critical", null)).source("SecurityBot").id("cve-1").correlationId("job/app/main#12").build();
        try (Journal journal = Journal.at(copy.resolve(Journal.DEFAULT_PATH))) {
            journal.append(alert);
        }

        CliRun first = CliRun.of(BotRegistry.standard(), "react", "--rules", rules.toString(), "--workdir",
                copy.toString(), "--once");
        CliRun second = CliRun.of(BotRegistry.standard(), "react", "--rules", rules.toString(), "--workdir",
                copy.toString(), "--once");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(first.err()).contains("rule cve-fast-track: security.cve_alert with affected = true; starting"
                + " scenario build-test-deploy")
                .contains("lotabots: build-test-deploy job/app/main#12 on " + copy.toAbsolutePath().normalize())
                .contains("started by security.cve_alert cve-1")
                .contains("ended: SUCCESS (exit 0)").contains("done: 1 started, 0 failed");
        assertThat(second.err()).contains("done: 0 started");
        List<Message> run = Journal.at(copy.resolve(Journal.DEFAULT_PATH)).read(MessageFilter.ALL).stream()
                .filter(message -> !message.getId().equals("cve-1")).toList();
        assertThat(run).isNotEmpty().allSatisfy(message -> {
            assertThat(message.getCorrelationId()).contains("job/app/main#12");
            assertThat(message.getCausationId()).isPresent();
        });
        assertThat(run).extracting(Message::getType).contains("build.completed", "deploy.completed");
        assertThat(run).filteredOn(message -> message.getType().equals("build.completed")).singleElement()
                .satisfies(build -> assertThat(build.getCausationId()).contains("cve-1"));
    }
}
