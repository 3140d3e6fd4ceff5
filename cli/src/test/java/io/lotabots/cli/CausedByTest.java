package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bus.Journal;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.Message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class CausedByTest {
    @TempDir
    private Path workdir;

    @Test
    void shouldTurnTheTriggersSingleValuedPayloadFieldsIntoRunParameters() {
        Message alert = Message.builder(new AlertTriggered("HighErrorRate", "critical", "error_rate", 9.5, 5.0,
                "production")).source("MonitorBot").id("a1").build();

        assertThat(CausedBy.parameters(alert)).containsExactly(entry("trigger.id", "a1"),
                entry("trigger.type", "alert.triggered"), entry("trigger.alert_name", "HighErrorRate"),
                entry("trigger.severity", "critical"), entry("trigger.metric", "error_rate"),
                entry("trigger.value", "9.5"), entry("trigger.threshold", "5.0"),
                entry("trigger.environment", "production"));
        assertThat(CausedBy.parameters(null)).isEmpty();
    }

    @Test
    void shouldRefuseAMessageIdTheJournalDoesNotHoldBeforeRunningAnything() {
        try (Journal journal = Journal.at(workdir.resolve(Journal.DEFAULT_PATH))) {
            journal.append(Message.builder(new AlertTriggered("X", "critical", "m", 1.0, 0.0, null)).source("M")
                    .id("a1").build());
        }

        CliRun run = CliRun.of(BotRegistry.of(List.of(new CountingBot())), "count", "--workdir", workdir.toString(),
                "--caused-by", "a2");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--caused-by a2: the journal " + workdir.resolve(Journal.DEFAULT_PATH)
                + " has no message with that id").doesNotContain("counting branch");
    }
}
