package io.lotabots.reaction;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReactionLedgerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    private Path folder;

    @Test
    void shouldRememberStartsFinishesAndThrottlesAcrossAReopen() {
        Path file = folder.resolve(".lotabots/reactions.jsonl");
        Message alert = ReactionRulesTest.alert("a1", NOW, "critical", "production");
        try (ReactionLedger ledger = ReactionLedger.open(file)) {
            ledger.started("incident", alert, NOW);
            ledger.finished("incident", "a1", "SUCCESS", NOW.plusSeconds(30));
            ledger.started("incident", ReactionRulesTest.alert("a2", NOW, "critical", null), NOW.plusSeconds(40));
            ledger.throttled("incident", "a3", "throttled: too many", NOW.plusSeconds(50));
        }

        try (ReactionLedger reopened = ReactionLedger.open(file)) {
            assertThat(reopened.handled("incident", "a1")).isTrue();
            assertThat(reopened.handled("incident", "a2")).isTrue();
            assertThat(reopened.handled("incident", "a3")).isTrue();
            assertThat(reopened.handled("other-rule", "a1")).isFalse();
            assertThat(reopened.startsSince("incident", NOW)).isEqualTo(2);
            assertThat(reopened.startsSince("incident", NOW.plusSeconds(35))).isEqualTo(1);
            assertThat(reopened.unfinished()).singleElement().satisfies(entry -> {
                assertThat(entry.messageId()).isEqualTo("a2");
                assertThat(entry.messageType()).isEqualTo("alert.triggered");
            });
            assertThat(reopened.getWarnings()).isEmpty();
        }
    }

    @Test
    void shouldSkipARecordTornByACrashAndStartTheNextOnALineOfItsOwn() throws IOException {
        Path file = folder.resolve("reactions.jsonl");
        try (ReactionLedger ledger = ReactionLedger.open(file)) {
            ledger.started("r", ReactionRulesTest.alert("a1", NOW, "critical", null), NOW);
        }
        Files.write(file, "{\"rule\":\"r\",\"message_id\":\"a2\",\"sta".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        try (ReactionLedger ledger = ReactionLedger.open(file)) {
            assertThat(ledger.getWarnings()).singleElement().asString().startsWith("reactions.jsonl:2: line is not a"
                    + " reaction record");
            ledger.finished("r", "a1", "SUCCESS", NOW);
        }
        try (ReactionLedger ledger = ReactionLedger.open(file)) {
            assertThat(ledger.unfinished()).isEmpty();
            assertThat(ledger.handled("r", "a2")).isFalse();
        }
    }

    @Test
    void shouldRefuseASecondHolderOfTheSameRecord() {
        Path file = folder.resolve("reactions.jsonl");
        try (ReactionLedger ignored = ReactionLedger.open(file)) {
            assertThatThrownBy(() -> ReactionLedger.open(file)).isInstanceOf(LotaBotsException.class)
                    .hasMessageContaining("is held by another 'lotabots react'");
        }
    }

    @Test
    void shouldKeepOnlyTheLookedBackWindowOfRecentMessages() {
        RecentMessages recent = new RecentMessages(Map.of("deploy.completed", Duration.ofMinutes(30)));
        recent.add(ReactionRulesTest.deploy("old", NOW, "production"));
        recent.add(ReactionRulesTest.alert("not-kept", NOW, "critical", "production"));
        recent.add(ReactionRulesTest.deploy("new", NOW.plus(Duration.ofMinutes(31)), "production"));

        assertThat(recent.earlier("deploy.completed", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))))
                .extracting(Message::getId).containsExactly("new");
        assertThat(recent.earlier("alert.triggered", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))))
                .isEmpty();
    }
}
