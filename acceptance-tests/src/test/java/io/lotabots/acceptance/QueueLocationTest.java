package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueLocationTest {
    @Test
    void shouldReadTheItemNumberWhateverHostAndContextPathJenkinsWritesInTheLocation() {
        assertThat(QueueLocation.itemNumber("http://jenkins.example.com:8080/queue/item/42/")).isEqualTo(42);
        assertThat(QueueLocation.itemNumber("https://ci.example.com/jenkins/queue/item/7")).isEqualTo(7);
        assertThat(QueueLocation.itemNumber("/queue/item/123456/")).isEqualTo(123456);
    }

    @Test
    void shouldRefuseALocationThatNamesNoQueueItem() {
        assertThatThrownBy(() -> QueueLocation.itemNumber(null)).hasMessageContaining("without a Location header");
        assertThatThrownBy(() -> QueueLocation.itemNumber("  ")).hasMessageContaining("without a Location header");
        assertThatThrownBy(() -> QueueLocation.itemNumber("http://jenkins/job/x/3/"))
                .hasMessageContaining("names no queue item");
        assertThatThrownBy(() -> QueueLocation.itemNumber("http://jenkins/queue/item/12/api/json"))
                .hasMessageContaining("names no queue item");
        assertThatThrownBy(() -> QueueLocation.itemNumber("http://jenkins/queue/item/abc/"))
                .hasMessageContaining("names no queue item");
        assertThatThrownBy(() -> QueueLocation.itemNumber("http://jenkins/queue/item/1234567890123456789012/"))
                .hasMessageContaining("names no queue item");
        assertThatThrownBy(() -> QueueLocation.itemNumber("http://bad host/queue/item/1/"))
                .hasMessageContaining("is not a URL");
    }
}
