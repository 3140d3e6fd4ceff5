package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotabots.bot.BotContext;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BotMessagesActionTest {
    static Message message(final String type, final String source, final Map<String, ?> payload, final String time) {
        return Message.builder().type(type).source(source).time(Instant.parse(time))
                .extension(BotContext.STAGE_EXTENSION, "Test")
                .payloadJson(MessageCodec.get().toObject(payload)).build();
    }

    static Message testCompleted(final int total, final int failed, final String time) {
        return message("test.completed", "TestBot", Map.of("total_tests", total, "passed_tests", total - failed,
                "failed_tests", failed, "coverage", 81.5, "duration", 12.0, "status", "fail", "gate", "min-coverage"),
                time);
    }

    static Message scanCompleted(final int critical) {
        return message("security.scan_completed", "SecurityBot", Map.of("vulnerabilities",
                Map.of("critical", critical, "high", 3), "secrets_found", 1, "status", "pass"),
                "2026-11-24T10:00:05Z");
    }

    @Test
    void countsMessagesByTypeAndBotAndKeepsTheLatestTime() {
        BotMessagesAction action = new BotMessagesAction();

        action.record(List.of(testCompleted(10, 1, "2026-11-24T10:00:02Z"),
                message("custom.note", "Pipeline", Map.of("text", "hi"), "2026-11-24T10:00:09Z"),
                testCompleted(12, 0, "2026-11-24T10:00:03Z")));

        assertThat(action.getTotal()).isEqualTo(3);
        assertThat(action.getCountsByType()).containsExactly(Map.entry("custom.note", 1),
                Map.entry("test.completed", 2));
        assertThat(action.getCountsByBot()).containsExactly(Map.entry("Pipeline", 1), Map.entry("TestBot", 2));
        assertThat(action.getLastMessageTime()).isEqualTo("2026-11-24T10:00:09Z");
        assertThat(action.getFileName()).isEqualTo("messages.jsonl");
    }

    @Test
    void keepsTheTrendNumbersOfTheLastTestAndSecurityMessages() {
        BotMessagesAction action = new BotMessagesAction();
        assertThat(action.hasTrendData()).isFalse();

        action.record(List.of(testCompleted(10, 2, "2026-11-24T10:00:02Z"), scanCompleted(4)));

        assertThat(action.hasTrendData()).isTrue();
        assertThat(action.getTestsTotal()).isEqualTo(10);
        assertThat(action.getTestsFailed()).isEqualTo(2);
        assertThat(action.getCoverage()).isEqualTo(81.5);
        assertThat(action.getSecurityCritical()).isEqualTo(4);
        assertThat(action.getSecurityHigh()).isEqualTo(3);
        assertThat(action.getSecurityMedium()).isZero();
        assertThat(action.getSecretsFound()).isEqualTo(1);
        assertThat(action.getStatusByBot()).containsEntry("TestBot", "fail").containsEntry("SecurityBot", "pass");
        assertThat(action.getGateByBot()).containsExactly(Map.entry("TestBot", "min-coverage"));
    }

    @Test
    void restoresMissingMapsAfterReadingAnOldBuildXml() {
        BotMessagesAction action = new BotMessagesAction();

        assertThat(action.readResolve()).isSameAs(action);
        assertThat(action.getCountsByType()).isEmpty();
    }

    @Test
    void timelineFilterKeepsOnlyTheChosenBotAndType() {
        Message test = testCompleted(1, 0, "2026-11-24T10:00:02Z");
        Message scan = scanCompleted(0);

        assertThat(BotMessagesAction.filterOf("TestBot", "").matches(test)).isTrue();
        assertThat(BotMessagesAction.filterOf("TestBot", "").matches(scan)).isFalse();
        assertThat(BotMessagesAction.filterOf(" ", "security.scan_completed").matches(scan)).isTrue();
        assertThat(BotMessagesAction.filterOf(null, null).matches(test)).isTrue();
    }

    @Test
    void keepsTheCountsSmallWhateverABuildPublishes() {
        BotMessagesAction action = new BotMessagesAction();
        java.util.List<Message> flood = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            flood.add(message("custom.type" + i, "Bot" + i, Map.of("status", "x".repeat(1_000)),
                    "2026-11-24T10:00:00Z"));
        }

        action.record(flood);

        assertThat(action.getTotal()).isEqualTo(500);
        assertThat(action.getCountsByType()).hasSize(BotMessagesAction.MAX_KEYS)
                .containsEntry(BotMessagesAction.OTHER, 500 - BotMessagesAction.MAX_KEYS + 1);
        assertThat(action.getCountsByBot()).hasSize(BotMessagesAction.MAX_KEYS);
        assertThat(action.getStatusByBot().values())
                .allMatch(status -> status.length() <= BotMessagesAction.MAX_KEY_LENGTH);
        assertThat(action.getStatusByBot()).hasSizeLessThanOrEqualTo(BotMessagesAction.MAX_KEYS);
    }
}
