package io.lotabots.reaction;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.message.Message;

import java.time.Instant;
import java.util.List;

/**
 * What rule evaluation needs to know about the past: the earlier messages of a type in a time range, the causes of
 * earlier messages (to follow a causation chain), and the reactions already started. The command line keeps it in
 * memory while it follows a journal ({@link RecentMessages}) together with its {@link ReactionLedger}; a Jenkins
 * trigger can answer it from the journals and records it keeps.
 */
public interface ReactionHistory {
    /**
     * Returns the earlier messages of a type whose time is in the range.
     *
     * @param type the message type
     * @param from the earliest time, inclusive
     * @param until the latest time, inclusive
     * @return the messages, any order
     */
    List<Message> earlier(String type, Instant from, Instant until);

    /**
     * Returns the causation id of an earlier message.
     *
     * @param messageId the id of a message
     * @return the id of its cause, or {@code null} when it has none or the message is unknown
     */
    @CheckForNull
    String causeOf(String messageId);

    /**
     * Returns whether a rule started (or was throttled in) a reaction to a message.
     *
     * @param rule the rule's name
     * @param messageId the id of the triggering message
     * @return whether the rule handled that message
     */
    boolean reacted(String rule, String messageId);

    /**
     * Returns how many runs a rule started since a time.
     *
     * @param rule the rule's name
     * @param since the start of the window
     * @return the number of starts
     */
    long startsSince(String rule, Instant since);
}
