package io.jenkins.plugins.lotabots.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class BotMessageTriggerTest {
    @Test
    void splitsTypesGivenInOneTextBoxAndDropsDuplicates() {
        assertThat(BotMessageTrigger.normalize(List.of("alert.triggered, security.cve_alert", "alert.triggered")))
                .containsExactly("alert.triggered", "security.cve_alert");
        assertThat(BotMessageTrigger.normalize(Arrays.asList("[a.b]", null, " "))).containsExactly("a.b");
    }

    @Test
    void rejectsMalformedTypeNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> BotMessageTrigger.normalize(List.of("Alert Triggered!")))
                .withMessageContaining("'Alert'");
    }
}
