package io.lotabots.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BotMessagesViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"_class":"io.jenkins.plugins.lotabots.bus.BotMessagesAction","fileName":"messages.jsonl","total":3,
             "countsByType":{"build.completed":1,"test.completed":2},"countsByBot":{"BuildBot":1,"TestBot":2},
             "lastMessageTime":"2026-11-25T10:15:30Z",
             "messages":[
              {"id":"a1","type":"build.completed","stage":"Build","correlationId":"jenkins/app/42","data":{"branch":"main"}},
              {"id":"b2","type":"test.completed","stage":"Test","correlationId":"jenkins/app/42"},
              {"id":"c3","type":"test.completed","stage":null,"correlationId":"jenkins/app/42"}]}
            """;

    @Test
    void shouldReadCountsAndMessagesOfTheRestAnswer() throws Exception {
        BotMessagesView view = BotMessagesView.of(JSON.readTree(ANSWER));

        assertThat(view.className()).isEqualTo("io.jenkins.plugins.lotabots.bus.BotMessagesAction");
        assertThat(view.total()).isEqualTo(3);
        assertThat(view.countsByType()).containsExactly(java.util.Map.entry("build.completed", 1),
                java.util.Map.entry("test.completed", 2));
        assertThat(view.countsByBot()).containsEntry("TestBot", 2);
        assertThat(view.hasMessages()).isTrue();
        assertThat(view.messagesOfType("test.completed")).extracting(m -> m.path("id").asText())
                .containsExactly("b2", "c3");
        assertThat(view.stagesOf("test.completed")).containsExactly("Test", "");
        assertThat(view.correlationIdOf("build.completed")).isEqualTo("jenkins/app/42");
        assertThat(view.messagesOfType("build.completed").get(0).path("data").path("branch").asText())
                .isEqualTo("main");
    }

    @Test
    void shouldReadAnAnswerPrunedByATreeAsEmptyWhereFieldsAreMissing() throws Exception {
        BotMessagesView view = BotMessagesView.of(JSON.readTree("{\"total\":2,\"countsByType\":{\"custom.x\":2}}"));

        assertThat(view.total()).isEqualTo(2);
        assertThat(view.hasMessages()).isFalse();
        assertThat(view.countsByBot()).isEmpty();
        assertThat(view.messagesOfType("custom.x")).isEmpty();
        assertThatThrownBy(() -> view.correlationIdOf("custom.x")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("No message of type custom.x");
    }

    @Test
    void shouldRefuseAnAnswerThatIsNotAnObject() throws Exception {
        assertThatThrownBy(() -> BotMessagesView.of(JSON.readTree("[1,2]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1,2]");
        assertThat(BotMessagesView.of(JSON.readTree("{}")).total()).isEqualTo(-1);
    }
}
