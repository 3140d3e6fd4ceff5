package io.lotabots.reaction;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.message.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the past that rules look at, kept in memory that does not grow with the journal: for each type a rule
 * looks back for, the messages of the longest window it is looked back over (at most {@link #MAX_PER_TYPE}), and the
 * causes of the last {@link #MAX_CAUSES} messages, to follow causation chains.
 */
public final class RecentMessages {
    /** The most messages kept per looked-back type; the oldest go first. */
    public static final int MAX_PER_TYPE = 10_000;
    /** The most message ids whose cause is remembered. */
    public static final int MAX_CAUSES = 100_000;

    private final Map<String, Duration> lookBack;
    private final Map<String, Deque<Message>> byType = new HashMap<>();
    private final Map<String, String> causes = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, String> eldest) {
            return size() > MAX_CAUSES;
        }
    };

    /**
     * Creates an empty history.
     *
     * @param lookBack the window per type to keep, as {@link ReactionRules#lookBack()} returns it
     */
    public RecentMessages(final Map<String, Duration> lookBack) {
        this.lookBack = Map.copyOf(lookBack);
    }

    /**
     * Adds a message, after it was evaluated (a message is never its own earlier message).
     *
     * @param message the message
     */
    public void add(final Message message) {
        message.getCausationId().ifPresent(cause -> causes.put(message.getId(), cause));
        Duration window = lookBack.get(message.getType());
        if (window == null) {
            return;
        }
        Deque<Message> kept = byType.computeIfAbsent(message.getType(), type -> new ArrayDeque<>());
        kept.addLast(message);
        Instant oldest = message.getTime().minus(window);
        while (kept.size() > MAX_PER_TYPE || !kept.isEmpty() && kept.peekFirst().getTime().isBefore(oldest)) {
            kept.removeFirst();
        }
    }

    /**
     * Returns the kept messages of a type whose time is in the range.
     *
     * @param type the type
     * @param from the earliest time, inclusive
     * @param until the latest time, inclusive
     * @return the messages, oldest first
     */
    public List<Message> earlier(final String type, final Instant from, final Instant until) {
        List<Message> found = new ArrayList<>();
        for (Message message : byType.getOrDefault(type, new ArrayDeque<>())) {
            if (!message.getTime().isBefore(from) && !message.getTime().isAfter(until)) {
                found.add(message);
            }
        }
        return found;
    }

    /**
     * Returns the cause of a message seen.
     *
     * @param messageId the message's id
     * @return its causation id, or {@code null}
     */
    @CheckForNull
    public String causeOf(final String messageId) {
        return causes.get(messageId);
    }
}
