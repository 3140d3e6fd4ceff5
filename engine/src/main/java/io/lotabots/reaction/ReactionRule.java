package io.lotabots.reaction;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One rule of a rules file: on a message of a type whose payload meets the conditions, and that follows the earlier
 * messages the rule asks for, start a scenario or a bot, at most {@code throttle} times per window.
 *
 * @param name the rule's name, unique in its file; the record of handled reactions and every log line use it
 * @param on the message type that triggers the rule
 * @param conditions conditions on the triggering message's payload, all of which must hold
 * @param after earlier messages that must exist, all of them
 * @param action what to start
 * @param throttle the most starts per window
 * @param line the line of the rules file where the rule starts, for messages
 */
public record ReactionRule(String name, String on, List<FieldCondition> conditions, List<Prior> after,
        Action action, Throttle throttle, int line) {
    /**
     * Copies the lists.
     *
     * @param name the rule's name
     * @param on the message type
     * @param conditions conditions on the payload
     * @param after earlier messages required
     * @param action what to start
     * @param throttle the most starts per window
     * @param line the line where the rule starts
     */
    public ReactionRule {
        conditions = List.copyOf(conditions);
        after = List.copyOf(after);
    }

    /**
     * An earlier message a rule requires: of a type, within a window before the triggering message, with the same
     * values of some payload fields (the same environment or service) and meeting conditions of its own.
     *
     * @param type the earlier message's type
     * @param within how long before the triggering message it may be
     * @param same payload fields whose values must be equal in both messages, for example {@code environment}
     * @param conditions conditions on the earlier message's payload
     */
    public record Prior(String type, Duration within, List<String> same, List<FieldCondition> conditions) {
        /**
         * Copies the lists.
         *
         * @param type the type
         * @param within the window
         * @param same the fields that must be equal
         * @param conditions the conditions
         */
        public Prior {
            same = List.copyOf(same);
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * What a rule starts.
     *
     * @param kind a scenario or a bot
     * @param target the scenario's name or the bot's id
     * @param options for a bot its options by name ({@code channel}); for a scenario the overrides by stage id or
     *        bot id and option ({@code deploy.strategy}), as {@code scenario run --set} takes them
     * @param parameters a scenario's run parameters ({@code --param})
     * @param approvals a scenario's approval points approved up front ({@code --approve})
     */
    public record Action(Kind kind, String target, Map<String, Object> options, Map<String, String> parameters,
            List<String> approvals) {
        /**
         * Copies the collections.
         *
         * @param kind a scenario or a bot
         * @param target the scenario or bot
         * @param options the options
         * @param parameters the parameters
         * @param approvals the approvals
         */
        public Action {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
            parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
            approvals = List.copyOf(approvals);
        }

        /**
         * Describes the action for people.
         *
         * @return for example {@code scenario incident-response}
         */
        @Override
        public String toString() {
            return (kind == Kind.SCENARIO ? "scenario " : "bot ") + target;
        }
    }

    /**
     * Whether an action starts a scenario or a bot.
     */
    public enum Kind {
        /** A built-in scenario, as {@code lotabots scenario run NAME}. */
        SCENARIO,
        /** One bot, as {@code lotabots BOT}. */
        BOT
    }

    /**
     * The most runs a rule starts per window; a start beyond it is throttled: not started, and said so.
     *
     * @param max the most starts
     * @param per the window
     */
    public record Throttle(int max, Duration per) {
        /** The default: five starts per hour. */
        public static final Throttle DEFAULT = new Throttle(5, Duration.ofHours(1));
    }
}
