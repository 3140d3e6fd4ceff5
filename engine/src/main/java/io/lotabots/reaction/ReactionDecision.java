package io.lotabots.reaction;

import io.lotabots.message.Message;

/**
 * What a rule decided about a message it matched.
 *
 * @param rule the rule
 * @param trigger the triggering message
 * @param outcome start, throttled, or a loop cut
 * @param reason for people: why the rule matched, or why it starts nothing
 */
public record ReactionDecision(ReactionRule rule, Message trigger, Outcome outcome, String reason) {
    /**
     * The outcomes of a matching rule.
     */
    public enum Outcome {
        /** Start the rule's action with the triggering message. */
        START,
        /** The rule started its most runs in the window: nothing starts, and that is reported. */
        THROTTLED,
        /** The message was caused, directly or not, by a reaction of this same rule: nothing starts. */
        LOOP
    }
}
