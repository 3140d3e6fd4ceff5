package io.lotabots.bus;

import io.lotabots.message.BuildCompleted;
import io.lotabots.message.InvalidMessageException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;
import io.lotabots.message.MessageErrorCode;
import io.lotabots.message.SecurityScanCompleted;
import io.lotabots.message.TestCompleted;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageBusTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    private static final String RUN = "job/app/main#42";

    @TempDir
    Path folder;

    private final AtomicInteger nextId = new AtomicInteger();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private MessageBus.Builder bus() {
        return MessageBus.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .ids(() -> "id-" + nextId.incrementAndGet())
                .correlationId(RUN)
                .warnings(warnings::add);
    }

    private Journal journal() {
        return Journal.at(folder.resolve("messages.jsonl"));
    }

    // --- publishing ---

    @Test
    void findsTheLatestMessageOfItsOwnRunElseOfAnyRun() {
        MessageBus bus = MessageBus.builder().correlationId("run-2").build();
        Message own = bus.publish(Message.builder(TestMessages.buildCompleted()).source("BuildBot"));
        Message other = bus.publish(Message.builder(TestMessages.buildCompleted()).source("BuildBot")
                .correlationId("run-1"));
        bus.publish(Message.builder(TestMessages.testCompleted()).source("TestBot"));

        assertThat(bus.latestOfRun(MessageFilter.ofTypes(BuildCompleted.TYPE), message -> true)).contains(own);
        assertThat(bus.latestOfRun(MessageFilter.ofTypes(BuildCompleted.TYPE),
                message -> !message.equals(own))).contains(other);
        assertThat(bus.latestOfRun(MessageFilter.ofTypes(SecurityScanCompleted.TYPE), message -> true)).isEmpty();
        assertThat(MessageBus.builder().build().latestOfRun(MessageFilter.ALL, message -> true)).isEmpty();
    }

    @Test
    void shouldMaskEveryTextOfAMessageBeforeItIsJournaledOrDelivered() throws Exception {
        String secret = "xoxb-0123456789-s3cr3t";
        io.lotabots.util.SecretMasker masker = new io.lotabots.util.SecretMasker().add(secret);
        List<Message> delivered = new ArrayList<>();
        try (Journal journal = journal()) {
            MessageBus bus = bus().journal(journal).masking(masker::mask).build();
            bus.subscribe(MessageFilter.ALL, delivered::add);
            Message published = bus.publish(Message.builder().type("custom.leak").source("Pipeline")
                    .extension("stage", "Deploy " + secret)
                    .payloadJson(MessageCodec.get().parseObject("{\"log_tail\": [\"token=" + secret + "\"],"
                            + " \"nested\": {\"url\": \"https://hooks.example/" + secret + "\"}, \"n\": 3}",
                            null)));

            assertThat(published.toString()).doesNotContain(secret).contains("token=****")
                    .contains("https://hooks.example/****").contains("\"n\":3");
            assertThat(published.getExtension("stage")).contains("Deploy ****");
            assertThat(delivered).containsExactly(published);
        }
        assertThat(java.nio.file.Files.readString(folder.resolve("messages.jsonl"))).doesNotContain(secret)
                .contains("token=****");
    }

    @Test
    void shouldKeepAMessageWithoutSecretsAsItIs() {
        Message message = Message.builder(TestMessages.buildCompleted()).source("BuildBot").build();

        assertThat(message.withTextsReplaced(text -> text)).isSameAs(message);
    }

    @Test
    void shouldStampIdTimeAndCorrelationIdOfTheBusOnPublish() {
        MessageBus bus = bus().build();

        Message published = bus.publish("BuildBot", TestMessages.buildCompleted());

        assertThat(published.getId()).isEqualTo("id-1");
        assertThat(published.getTime()).isEqualTo(NOW);
        assertThat(published.getCorrelationId()).contains(RUN);
        assertThat(published.getSource()).isEqualTo("BuildBot");
        assertThat(published.getDestination()).isEmpty();
        assertThat(published.getCausationId()).isEmpty();
        assertThat(published.getType()).isEqualTo(BuildCompleted.TYPE);
        assertThat(published.payloadAs(BuildCompleted.class)).isEqualTo(TestMessages.buildCompleted());
        assertThat(bus.getCorrelationId()).isEqualTo(RUN);
        assertThat(bus.getPublished()).containsExactly(published);
    }

    @Test
    void shouldGiveEveryPublishedMessageItsOwnId() {
        MessageBus bus = bus().build();

        Message first = bus.publish("BuildBot", TestMessages.buildCompleted());
        Message second = bus.publish("TestBot", TestMessages.testCompleted());

        assertThat(first.getId()).isEqualTo("id-1");
        assertThat(second.getId()).isEqualTo("id-2");
    }

    @Test
    void shouldPublishWithoutCorrelationIdWhenBusHasNone() {
        MessageBus bus = bus().correlationId(null).build();

        Message published = bus.publish("BuildBot", TestMessages.buildCompleted());

        assertThat(published.getCorrelationId()).isEmpty();
    }

    @Test
    void shouldKeepTheBuildersOwnIdTimeAndCorrelationId() {
        MessageBus bus = bus().build();
        Instant earlier = NOW.minusSeconds(60);

        Message published = bus.publish(Message.builder(TestMessages.testCompleted())
                .source("TestBot")
                .id("own-id")
                .time(earlier)
                .correlationId("job/other/main#7"));

        assertThat(published.getId()).isEqualTo("own-id");
        assertThat(published.getTime()).isEqualTo(earlier);
        assertThat(published.getCorrelationId()).contains("job/other/main#7");
    }

    @Test
    void shouldSetCausationIdAndKeepCorrelationIdOfTheCause() {
        MessageBus bus = bus().correlationId("job/app/main#43").build();
        Message cause = TestMessages.message(TestMessages.buildCompleted());

        Message published = bus.publish("TestBot", "DeployBot", TestMessages.testCompleted(), cause);

        assertThat(published.getCausationId()).contains(cause.getId());
        assertThat(published.getCorrelationId()).contains(TestMessages.CORRELATION_ID);
        assertThat(published.getDestination()).contains("DeployBot");
        assertThat(published.getSource()).isEqualTo("TestBot");
        assertThat(published.getId()).isEqualTo("id-1");
    }

    @Test
    void shouldUseCorrelationIdOfTheBusWhenTheCauseHasNone() {
        MessageBus bus = bus().build();
        Message cause = TestMessages.message(TestMessages.buildCompleted()).toBuilder().correlationId(null).build();

        Message published = bus.publish("TestBot", null, TestMessages.testCompleted(), cause);

        assertThat(published.getCausationId()).contains(cause.getId());
        assertThat(published.getCorrelationId()).contains(RUN);
        assertThat(published.getDestination()).isEmpty();
    }

    @Test
    void shouldPublishWithoutCauseAsBroadcastOrAddressed() {
        MessageBus bus = bus().build();

        Message published = bus.publish("TestBot", "DeployBot", TestMessages.testCompleted(), null);

        assertThat(published.getCausationId()).isEmpty();
        assertThat(published.getCorrelationId()).contains(RUN);
        assertThat(published.getDestination()).contains("DeployBot");
    }

    @Test
    void shouldAppendEveryPublishedMessageToTheJournal() {
        Journal journal = journal();
        MessageBus bus = bus().journal(journal).build();

        Message first = bus.publish("BuildBot", TestMessages.buildCompleted());
        Message second = bus.publish("TestBot", TestMessages.testCompleted());

        assertThat(bus.getJournal()).isSameAs(journal);
        assertThat(journal.read(MessageFilter.ALL)).containsExactly(first, second);
    }

    @Test
    void shouldPublishCompleteMessageAsItIs() {
        MessageBus bus = bus().journal(journal()).build();
        Message received = TestMessages.message(TestMessages.testCompleted());

        bus.publish(received);

        assertThat(bus.query(MessageFilter.ALL)).containsExactly(received);
        assertThat(bus.getPublished()).containsExactly(received);
    }

    // --- refusing ---

    @Test
    void shouldRefuseInvalidPayloadAndNeitherJournalNorDeliverIt() {
        Journal journal = journal();
        MessageBus bus = bus().journal(journal).build();
        List<Message> delivered = new ArrayList<>();
        bus.subscribe(MessageFilter.ALL, delivered::add);
        Message.Builder draft = Message.builder()
                .type(TestCompleted.TYPE)
                .source("TestBot")
                .payloadJson(MessageCodec.get().parseObject(
                        "{\"total_tests\":370,\"passed_tests\":370,\"duration\":45.2,\"coverage\":120.0}", null));

        assertThatThrownBy(() -> bus.publish(draft))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(MessageErrorCode.INVALID_FIELD);
                    assertThat(e.getField()).isEqualTo("coverage");
                });

        assertThat(journal.getFile()).doesNotExist();
        assertThat(delivered).isEmpty();
        assertThat(bus.getPublished()).isEmpty();
        assertThat(bus.query(MessageFilter.ALL)).isEmpty();
    }

    @Test
    void shouldRefuseReceivedMessageWithInvalidPayloadAndNeitherJournalNorDeliverIt() {
        Journal journal = journal();
        MessageBus bus = bus().journal(journal).build();
        List<Message> delivered = new ArrayList<>();
        bus.subscribe(MessageFilter.ALL, delivered::add);
        String json = MessageCodec.get().toJson(TestMessages.message(TestMessages.testCompleted()))
                .replace("\"coverage\":87.5", "\"coverage\":120.0");
        Message received = MessageCodec.get().read(json);

        assertThatThrownBy(() -> bus.publish(received))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.getCode()).isEqualTo(MessageErrorCode.INVALID_FIELD));

        assertThat(journal.getFile()).doesNotExist();
        assertThat(delivered).isEmpty();
        assertThat(bus.getPublished()).isEmpty();
    }

    @Test
    void shouldRefuseTooLargeMessageAndNeitherJournalNorDeliverIt() {
        Journal journal = journal();
        MessageBus bus = bus().journal(journal).build();
        List<Message> delivered = new ArrayList<>();
        bus.subscribe(MessageFilter.ALL, delivered::add);
        Message.Builder huge = Message.builder()
                .type("custom.huge")
                .source("BuildBot")
                .payloadJson(MessageCodec.get().toObject(
                        java.util.Map.of("data", "x".repeat(MessageCodec.MAX_MESSAGE_BYTES))));

        assertThatThrownBy(() -> bus.publish(huge))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.getCode()).isEqualTo(MessageErrorCode.TOO_LARGE));

        assertThat(journal.getFile()).doesNotExist();
        assertThat(delivered).isEmpty();
        assertThat(bus.getPublished()).isEmpty();
    }

    // --- subscriptions ---

    @Test
    void shouldDeliverOnlyMessagesOfTheSubscribedTypes() {
        MessageBus bus = bus().build();
        List<Message> delivered = new ArrayList<>();
        bus.subscribe(MessageFilter.ofTypes(TestCompleted.TYPE, SecurityScanCompleted.TYPE), delivered::add);

        bus.publish("BuildBot", TestMessages.buildCompleted());
        Message test = bus.publish("TestBot", TestMessages.testCompleted());
        Message scan = bus.publish("SecurityBot", TestMessages.securityScanCompleted());

        assertThat(delivered).containsExactly(test, scan);
    }

    @Test
    void shouldDeliverOnlyMessagesAddressedToTheSubscribedDestination() {
        MessageBus bus = bus().build();
        List<Message> delivered = new ArrayList<>();
        bus.subscribe(MessageFilter.ALL.withDestinations(Set.of("DeployBot")), delivered::add);

        bus.publish("BuildBot", TestMessages.buildCompleted());
        Message addressed = bus.publish("TestBot", "DeployBot", TestMessages.testCompleted(), null);
        bus.publish("TestBot", "NotificationBot", TestMessages.testCompleted(), null);

        assertThat(delivered).containsExactly(addressed);
    }

    @Test
    void shouldDeliverToEveryMatchingSubscriberInThePublishingThread() {
        MessageBus bus = bus().build();
        List<Thread> threads = new ArrayList<>();
        List<Message> all = new ArrayList<>();
        List<Message> builds = new ArrayList<>();
        bus.subscribe(MessageFilter.ALL, message -> {
            threads.add(Thread.currentThread());
            all.add(message);
        });
        bus.subscribe(MessageFilter.ofTypes(BuildCompleted.TYPE), builds::add);

        Message build = bus.publish("BuildBot", TestMessages.buildCompleted());
        Message test = bus.publish("TestBot", TestMessages.testCompleted());

        assertThat(all).containsExactly(build, test);
        assertThat(builds).containsExactly(build);
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void shouldNotDeliverMessagesPublishedBeforeSubscribing() {
        MessageBus bus = bus().build();
        bus.publish("BuildBot", TestMessages.buildCompleted());
        List<Message> delivered = new ArrayList<>();

        bus.subscribe(MessageFilter.ALL, delivered::add);

        assertThat(delivered).isEmpty();
    }

    @Test
    void shouldStopDeliveryWhenSubscriptionIsClosed() {
        MessageBus bus = bus().build();
        List<Message> delivered = new ArrayList<>();
        Subscription subscription = bus.subscribe(MessageFilter.ALL, delivered::add);
        Message before = bus.publish("BuildBot", TestMessages.buildCompleted());

        subscription.close();
        bus.publish("TestBot", TestMessages.testCompleted());

        assertThat(delivered).containsExactly(before);
    }

    @Test
    void shouldStopOnlyTheClosedSubscriptionEvenWhenClosedTwice() {
        MessageBus bus = bus().build();
        List<Message> delivered = new ArrayList<>();
        Consumer<Message> consumer = delivered::add;
        Subscription first = bus.subscribe(MessageFilter.ALL, consumer);
        bus.subscribe(MessageFilter.ALL, consumer);

        first.close();
        first.close();
        Message published = bus.publish("BuildBot", TestMessages.buildCompleted());

        assertThat(delivered).as("the second subscription still receives").containsExactly(published);
    }

    @Test
    void shouldKeepDeliveringAndPublishingWhenASubscriberThrows() {
        Journal journal = journal();
        MessageBus bus = bus().journal(journal).build();
        List<Message> before = new ArrayList<>();
        List<Message> after = new ArrayList<>();
        bus.subscribe(MessageFilter.ALL, before::add);
        bus.subscribe(MessageFilter.ofTypes(BuildCompleted.TYPE), message -> {
            throw new IllegalStateException("disk full in subscriber");
        });
        bus.subscribe(MessageFilter.ALL, after::add);

        Message build = bus.publish("BuildBot", TestMessages.buildCompleted());
        Message test = bus.publish("TestBot", TestMessages.testCompleted());

        assertThat(before).containsExactly(build, test);
        assertThat(after).containsExactly(build, test);
        assertThat(journal.read(MessageFilter.ALL)).containsExactly(build, test);
        assertThat(warnings).singleElement()
                .asString()
                .contains(BuildCompleted.TYPE)
                .contains("disk full in subscriber");
    }

    // --- queries ---

    @Test
    void shouldQueryMessagesThatAnotherBusAppendedToTheSameJournal() {
        Path file = folder.resolve("shared/messages.jsonl");
        MessageBus branchA = bus().journal(Journal.at(file)).build();
        MessageBus branchB = bus().journal(Journal.at(file)).correlationId("job/app/main#42/b").build();

        Message build = branchA.publish("BuildBot", TestMessages.buildCompleted());
        Message test = branchB.publish("TestBot", TestMessages.testCompleted());
        Message scan = branchA.publish("SecurityBot", TestMessages.securityScanCompleted());

        assertThat(branchA.query(MessageFilter.ALL)).containsExactly(build, test, scan);
        assertThat(branchB.query(MessageFilter.ALL)).containsExactly(build, test, scan);
        assertThat(branchA.getPublished()).containsExactly(build, scan);
    }

    @Test
    void shouldQueryByTypeSourceAndCorrelationId() {
        MessageBus bus = bus().journal(journal()).build();
        Message build = bus.publish("BuildBot", TestMessages.buildCompleted());
        Message test = bus.publish("TestBot", TestMessages.testCompleted());
        Message otherRun = bus.publish(Message.builder(TestMessages.testCompleted())
                .source("TestBot").correlationId("job/app/main#41"));
        Message scan = bus.publish("SecurityBot", TestMessages.securityScanCompleted());

        assertThat(bus.query(MessageFilter.ofTypes(TestCompleted.TYPE))).containsExactly(test, otherRun);
        assertThat(bus.query(MessageFilter.ALL.withSources(Set.of("BuildBot", "SecurityBot"))))
                .containsExactly(build, scan);
        assertThat(bus.query(MessageFilter.ALL.withCorrelationId(RUN))).containsExactly(build, test, scan);
        assertThat(bus.query(MessageFilter.ofTypes(TestCompleted.TYPE).withCorrelationId("job/app/main#41")))
                .containsExactly(otherRun);
        assertThat(bus.query(MessageFilter.ofTypes("deploy.completed"))).isEmpty();
    }

    @Test
    void shouldQueryPublishedMessagesWithoutJournal() {
        MessageBus bus = bus().build();
        Message build = bus.publish("BuildBot", TestMessages.buildCompleted());
        Message test = bus.publish("TestBot", TestMessages.testCompleted());

        assertThat(bus.getJournal()).isNull();
        assertThat(bus.query(MessageFilter.ALL)).containsExactly(build, test);
        assertThat(bus.query(MessageFilter.ofTypes(TestCompleted.TYPE))).containsExactly(test);
        assertThat(bus.query(MessageFilter.ALL.withSources(Set.of("BuildBot")))).containsExactly(build);
        assertThat(bus.query(MessageFilter.ALL.withCorrelationId("job/other#1"))).isEmpty();
    }

    @Test
    void shouldRecordEveryMessageOfConcurrentPublishers() throws Exception {
        MessageBus bus = MessageBus.builder().journal(journal()).correlationId(RUN).build();
        AtomicInteger delivered = new AtomicInteger();
        bus.subscribe(MessageFilter.ALL, message -> delivered.incrementAndGet());
        int threads = 8;
        int publishes = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String source = "Bot" + t;
                TestCompleted payload = TestMessages.testCompleted();
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < publishes; i++) {
                        bus.publish(source, payload);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(bus.getPublished()).hasSize(threads * publishes);
        assertThat(bus.query(MessageFilter.ALL)).hasSize(threads * publishes);
        assertThat(bus.query(MessageFilter.ALL.withSources(Set.of("Bot3")))).hasSize(publishes);
        assertThat(delivered).hasValue(threads * publishes);
    }
}
