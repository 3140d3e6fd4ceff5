package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotabots.message.Message;
import io.lotabots.message.MessageSummary;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MessageViewTest {
    @Test
    void mapHasTheRestFieldsInOrderWithPlainNumbers() {
        Message message = BotMessagesActionTest.testCompleted(10, 1, "2026-11-24T10:00:02Z").toBuilder()
                .correlationId("jenkins/app/7").destination("NotificationBot").build();

        Map<String, Object> map = new MessageView(message).toMap();

        assertThat(map.keySet()).containsExactlyElementsOf(MessageView.FIELDS);
        assertThat(map).containsEntry("type", "test.completed").containsEntry("source", "TestBot")
                .containsEntry("destination", "NotificationBot").containsEntry("stage", "Test")
                .containsEntry("time", "2026-11-24T10:00:02Z").containsEntry("correlationId", "jenkins/app/7");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) map.get("data");
        assertThat(data.get("total_tests")).isEqualTo(10L);
        assertThat(data.get("coverage")).isEqualTo(81.5);
        assertThat(map.get("summary")).isEqualTo(MessageSummary.of(message)).asString().contains("tests=");
    }

    @Test
    void nestedObjectsAndListsBecomeMapsAndLists() {
        Message message = BotMessagesActionTest.message("custom.x", "Pipeline",
                Map.of("items", List.of(Map.of("n", 1), true)), "2026-11-24T10:00:02Z");

        Map<String, Object> data = new MessageView(message).getData();

        assertThat(data.get("items")).isEqualTo(List.of(Map.of("n", 1L), true));
        assertThat(new MessageView(message).getDestination()).isNull();
    }
}
