package io.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.message.BusMessage;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Carries messages between bots. Publishing stamps the envelope (id, time, correlation id), checks the payload
 * against its type, appends the message to the journal if there is one, and then delivers it to the subscribers
 * whose filter matches, in the publishing thread. A subscriber that throws does not stop the others or the
 * publisher; its failure goes to the bus's warning sink.
 *
 * <p>A bus is shared by every bot of one run and is thread-safe: parallel branches publish concurrently.</p>
 */
public final class MessageBus {
    private final Clock clock;
    private final Supplier<String> ids;
    @CheckForNull
    private final String correlationId;
    @CheckForNull
    private final String causationId;
    @CheckForNull
    private final Journal journal;
    private final Consumer<String> warnings;
    private final UnaryOperator<String> masking;
    private final List<Message> published = Collections.synchronizedList(new ArrayList<>());
    private final List<Registered> subscribers = new CopyOnWriteArrayList<>();

    private MessageBus(final Builder builder) {
        this.clock = builder.clock;
        this.ids = builder.ids;
        this.correlationId = builder.correlationId;
        this.causationId = builder.causationId;
        this.journal = builder.journal;
        this.warnings = builder.warnings;
        this.masking = builder.masking;
    }

    /**
     * Starts a bus.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the correlation id that this bus puts on messages published without one.
     *
     * @return the correlation id, or {@code null}
     */
    @CheckForNull
    public String getCorrelationId() {
        return correlationId;
    }

    /**
     * Returns the journal of this bus.
     *
     * @return the journal, or {@code null} for a bus that keeps messages in memory only
     */
    @CheckForNull
    public Journal getJournal() {
        return journal;
    }

    /**
     * Publishes a typed payload as a broadcast.
     *
     * @param source the sending bot
     * @param payload the payload
     * @return the published message
     */
    public Message publish(final String source, final BusMessage payload) {
        return publish(Message.builder(payload).source(source));
    }

    /**
     * Publishes a typed payload addressed to a bot, caused by an earlier message.
     *
     * @param source the sending bot
     * @param destination the addressed bot, or {@code null} for a broadcast
     * @param payload the payload
     * @param cause the message that caused this one, or {@code null}
     * @return the published message
     */
    public Message publish(final String source, @CheckForNull final String destination, final BusMessage payload,
            @CheckForNull final Message cause) {
        Message.Builder builder = Message.builder(payload).source(source).destination(destination);
        if (cause != null) {
            builder.causationId(cause.getId());
            cause.getCorrelationId().ifPresent(builder::correlationId);
        }
        return publish(builder);
    }

    /**
     * Publishes a message. Id, time and correlation id are set by the bus where the builder has none; the
     * builder's own values are kept.
     *
     * @param draft the message to publish; its unset id, time and correlation id are filled in
     * @return the published message
     * @throws io.lotabots.message.InvalidMessageException if the message is not valid or too large; nothing is
     *         recorded then
     */
    public Message publish(final Message.Builder draft) {
        Message message = draft.withDefaults(ids.get(), clock.instant(), correlationId).withDefaultCause(causationId)
                .build()
                .withTextsReplaced(masking);
        deliver(message);
        return message;
    }

    /**
     * Publishes a complete message as it is, for example one received from another build.
     *
     * @param message the message
     * @throws io.lotabots.message.InvalidMessageException if the payload is not valid for its type, or the message
     *         is too large; nothing is recorded then
     */
    public void publish(final Message message) {
        MessageCodec.get().validate(message, null, false);
        deliver(message.withTextsReplaced(masking));
    }

    /**
     * Journals and delivers a message that is known to be valid (built by {@link Message.Builder#build()}).
     */
    private void deliver(final Message message) {
        byte[] line = MessageCodec.get().write(message);
        if (journal != null) {
            journal.appendLines(List.of(line));
        }
        published.add(message);
        for (Registered subscriber : subscribers) {
            if (subscriber.filter.matches(message)) {
                try {
                    subscriber.consumer.accept(message);
                }
                catch (RuntimeException e) {
                    warnings.accept("A subscriber to " + message.getType() + " failed: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Subscribes to the messages the filter keeps, published from now on.
     *
     * @param filter which messages to deliver, for example {@link MessageFilter#ofTypes(String...)}
     * @param consumer receives the messages, in the publishing thread
     * @return the subscription; close it to stop delivery
     */
    public Subscription subscribe(final MessageFilter filter, final Consumer<Message> consumer) {
        Registered registered = new Registered(Objects.requireNonNull(filter), Objects.requireNonNull(consumer));
        subscribers.add(registered);
        return () -> subscribers.removeIf(candidate -> candidate == registered);
    }

    /**
     * Returns the messages the filter keeps. With a journal, this reads the journal, so it includes messages that
     * other buses (parallel branches, other processes) appended; without one, the messages this bus published.
     *
     * @param filter which messages to return
     * @return the messages, in publishing order
     */
    public List<Message> query(final MessageFilter filter) {
        if (journal != null) {
            return journal.read(filter);
        }
        synchronized (published) {
            return published.stream().filter(filter::matches).toList();
        }
    }

    /**
     * Returns the latest message that the filter keeps and the condition accepts, of this bus's own run (its
     * correlation id) when the run has one, else of any run: what a bot means by "the build of this run, or the last
     * one" when it looks for an earlier bot's message.
     *
     * @param filter which messages to look at
     * @param condition which of them count
     * @return the message, or empty when none counts
     */
    public Optional<Message> latestOfRun(final MessageFilter filter, final Predicate<Message> condition) {
        Message latest = null;
        Message latestOfRun = null;
        for (Message message : query(filter)) {
            if (condition.test(message)) {
                latest = message;
                if (correlationId != null && correlationId.equals(message.getCorrelationId().orElse(null))) {
                    latestOfRun = message;
                }
            }
        }
        return Optional.ofNullable(latestOfRun != null ? latestOfRun : latest);
    }

    /**
     * Returns the messages published through this bus object, in order.
     *
     * @return the messages
     */
    public List<Message> getPublished() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    /**
     * One subscription; compared by identity, so that subscribing the same consumer twice gives two.
     */
    private static final class Registered {
        private final MessageFilter filter;
        private final Consumer<Message> consumer;

        Registered(final MessageFilter filter, final Consumer<Message> consumer) {
            this.filter = filter;
            this.consumer = consumer;
        }
    }

    /**
     * Builds a {@link MessageBus}.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = () -> java.util.UUID.randomUUID().toString();
        @CheckForNull
        private String correlationId;
        @CheckForNull
        private String causationId;
        @CheckForNull
        private Journal journal;
        private Consumer<String> warnings = warning -> { };
        private UnaryOperator<String> masking = UnaryOperator.identity();

        private Builder() {
        }

        /**
         * Sets what every text of a published message passes through before it is journaled or delivered, for
         * example {@code masker::mask}, so that no secret value is recorded. The masking function is asked again for
         * every message, so secrets it learns later are masked from then on.
         *
         * @param value the masking function; the identity by default
         * @return this
         */
        public Builder masking(final UnaryOperator<String> value) {
            this.masking = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the clock that stamps the time of published messages.
         *
         * @param value the clock
         * @return this
         */
        public Builder clock(final Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets how message ids are made; random UUIDs by default.
         *
         * @param value the id supplier
         * @return this
         */
        public Builder ids(final Supplier<String> value) {
            this.ids = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the cause of the run, the id of the message that started it (a reaction's trigger), put on every
         * message published without a cause of its own, so that the causation chain leads back to the trigger.
         *
         * @param value the id of the triggering message, or {@code null}
         * @return this
         */
        public Builder causationId(@CheckForNull final String value) {
            this.causationId = value;
            return this;
        }

        /**
         * Sets the correlation id of the run, put on every message published without one.
         *
         * @param value the correlation id, for example {@code job/app/main#42}
         * @return this
         */
        public Builder correlationId(@CheckForNull final String value) {
            this.correlationId = value;
            return this;
        }

        /**
         * Sets the journal every message is appended to.
         *
         * @param value the journal
         * @return this
         */
        public Builder journal(@CheckForNull final Journal value) {
            this.journal = value;
            return this;
        }

        /**
         * Sets where warnings (a failing subscriber) go.
         *
         * @param value the sink
         * @return this
         */
        public Builder warnings(final Consumer<String> value) {
            this.warnings = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Builds the bus.
         *
         * @return the bus
         */
        public MessageBus build() {
            return new MessageBus(this);
        }
    }
}
