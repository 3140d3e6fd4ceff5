package io.lotabots.bus;

import io.lotabots.message.BuildCompleted;
import io.lotabots.message.Message;
import io.lotabots.message.TestCompleted;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFilterTest {
    private static final String RUN = TestMessages.CORRELATION_ID;

    private static final Message BROADCAST = TestMessages.message(TestMessages.buildCompleted());
    private static final Message ADDRESSED = TestMessages.message(TestMessages.testCompleted()).toBuilder()
            .destination("DeployBot").build();
    private static final Message UNCORRELATED = TestMessages.message(TestMessages.securityScanCompleted())
            .toBuilder().correlationId(null).build();
    private static final List<Message> ALL_MESSAGES = List.of(BROADCAST, ADDRESSED, UNCORRELATED);

    @Test
    void shouldMatchEveryMessageWhenAllSetsAreEmpty() {
        MessageFilter empty = new MessageFilter(Set.of(), Set.of(), Set.of(), null);

        assertThat(ALL_MESSAGES).allMatch(empty::matches).allMatch(MessageFilter.ALL::matches);
        assertThat(empty).isEqualTo(MessageFilter.ALL);
    }

    @Test
    void shouldMatchOnlyTheGivenTypes() {
        MessageFilter filter = MessageFilter.ofTypes(BuildCompleted.TYPE, TestCompleted.TYPE);

        assertThat(ALL_MESSAGES).filteredOn(filter::matches).containsExactly(BROADCAST, ADDRESSED);
        assertThat(MessageFilter.ofTypes()).isEqualTo(MessageFilter.ALL);
    }

    @Test
    void shouldMatchOnlyTheGivenSources() {
        MessageFilter filter = MessageFilter.ALL.withSources(Set.of("TestBot", "SecurityBot"));

        assertThat(ALL_MESSAGES).filteredOn(filter::matches).containsExactly(ADDRESSED, UNCORRELATED);
    }

    @Test
    void shouldNotMatchBroadcastsWithDestinationFilter() {
        MessageFilter filter = MessageFilter.ALL.withDestinations(Set.of("DeployBot"));

        assertThat(filter.matches(BROADCAST)).isFalse();
        assertThat(filter.matches(ADDRESSED)).isTrue();
        assertThat(MessageFilter.ALL.withDestinations(Set.of("NotificationBot")).matches(ADDRESSED)).isFalse();
        assertThat(filter.accepts(BuildCompleted.TYPE, "BuildBot", null, RUN)).isFalse();
    }

    @Test
    void shouldMatchOnlyTheGivenCorrelationId() {
        MessageFilter filter = MessageFilter.ALL.withCorrelationId(RUN);

        assertThat(ALL_MESSAGES).filteredOn(filter::matches).containsExactly(BROADCAST, ADDRESSED);
        assertThat(MessageFilter.ALL.withCorrelationId("job/app/main#41").matches(BROADCAST)).isFalse();
        assertThat(filter.withCorrelationId(null)).isEqualTo(MessageFilter.ALL);
    }

    @Test
    void shouldRequireEveryAttributeToMatch() {
        MessageFilter filter = MessageFilter.ofTypes(TestCompleted.TYPE)
                .withSources(Set.of("TestBot"))
                .withDestinations(Set.of("DeployBot"))
                .withCorrelationId(RUN);

        assertThat(ALL_MESSAGES).filteredOn(filter::matches).containsExactly(ADDRESSED);
        assertThat(filter.withSources(Set.of("BuildBot")).matches(ADDRESSED)).isFalse();
        assertThat(filter.withCorrelationId("other").matches(ADDRESSED)).isFalse();
        assertThat(filter.withTypes(Set.of(BuildCompleted.TYPE)).matches(ADDRESSED)).isFalse();
    }

    @Test
    void shouldKeepTheOtherAttributesWhenOneIsChanged() {
        MessageFilter filter = MessageFilter.ofTypes(TestCompleted.TYPE).withSources(Set.of("TestBot"));

        MessageFilter changed = filter.withDestinations(Set.of("DeployBot")).withCorrelationId(RUN);

        assertThat(changed.types()).containsExactly(TestCompleted.TYPE);
        assertThat(changed.sources()).containsExactly("TestBot");
        assertThat(changed.destinations()).containsExactly("DeployBot");
        assertThat(changed.correlationId()).isEqualTo(RUN);
        assertThat(filter.destinations()).isEmpty();
    }

    @Test
    void shouldDecideFromTheEnvelopeAsForTheMessage() {
        MessageFilter filter = MessageFilter.ofTypes(TestCompleted.TYPE).withDestinations(Set.of("DeployBot"));

        for (Message message : ALL_MESSAGES) {
            assertThat(filter.accepts(message.getType(), message.getSource(),
                    message.getDestination().orElse(null), message.getCorrelationId().orElse(null)))
                    .isEqualTo(filter.matches(message));
        }
    }

    @Test
    void shouldCopyTheSetsItIsGiven() {
        Set<String> types = new HashSet<>(Set.of(TestCompleted.TYPE));
        MessageFilter filter = MessageFilter.ALL.withTypes(types);

        types.add(BuildCompleted.TYPE);

        assertThat(filter.matches(BROADCAST)).isFalse();
        assertThat(filter.types()).containsExactly(TestCompleted.TYPE);
    }
}
