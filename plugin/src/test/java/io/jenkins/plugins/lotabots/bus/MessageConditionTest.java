package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.lotabots.bot.BotContext;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MessageConditionTest {
    private static Message alert(final String severity, final int count) {
        return Message.builder().type("custom.alert").source("MonitorBot")
                .extension(BotContext.STAGE_EXTENSION, "Watch")
                .payloadJson(MessageCodec.get().toObject(Map.of("severity", severity,
                        "vulnerabilities", Map.of("critical", count), "tags", List.of("a"))))
                .build();
    }

    @Test
    void emptyFilterMatchesEveryMessage() {
        assertThat(MessageCondition.parse(null).matches(alert("low", 0))).isTrue();
        assertThat(MessageCondition.parse("  ").isEmpty()).isTrue();
    }

    @Test
    void comparesPayloadTextAndEnvelopeFields() {
        MessageCondition condition = MessageCondition.parse(
                "payload.severity == 'critical' && source == \"MonitorBot\" && stage != 'Build'");

        assertThat(condition.matches(alert("critical", 0))).isTrue();
        assertThat(condition.matches(alert("low", 0))).isFalse();
    }

    @Test
    void comparesNestedNumbersWithOrderingOperators() {
        MessageCondition condition = MessageCondition.parse("payload.vulnerabilities.critical > 0");

        assertThat(condition.matches(alert("low", 2))).isTrue();
        assertThat(condition.matches(alert("low", 0))).isFalse();
        assertThat(MessageCondition.parse("payload.vulnerabilities.critical == 2").matches(alert("low", 2))).isTrue();
    }

    @Test
    void missingFieldEqualsOnlyNull() {
        assertThat(MessageCondition.parse("payload.owner == null").matches(alert("low", 0))).isTrue();
        assertThat(MessageCondition.parse("payload.owner == 'x'").matches(alert("low", 0))).isFalse();
        assertThat(MessageCondition.parse("payload.owner > 1").matches(alert("low", 0))).isFalse();
    }

    @Test
    void keepsAmpersandsInsideQuotedText() {
        assertThat(MessageCondition.parse("payload.severity == 'a && b'").matches(alert("a && b", 0))).isTrue();
    }

    @Test
    void rejectsUnknownFieldNamingThePosition() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageCondition.parse("severity == 'x'"))
                .withMessageContaining("character 1").withMessageContaining("FIELD OPERATOR VALUE");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageCondition.parse("type == 'a' && payload.x = 1"))
                .withMessageContaining("character 16");
    }

    @Test
    void rejectsOrderingAgainstText() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageCondition.parse("payload.x > 'high'"))
                .withMessageContaining("need a number");
    }

    @Test
    void rejectsHugeFilterWithoutParsingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageCondition.parse("type == '" + "x".repeat(5000) + "'"))
                .withMessageContaining("limit of 1000");
    }

    @Test
    void rejectsUnclosedQuote() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageCondition.parse("source == 'MonitorBot"));
    }
}
