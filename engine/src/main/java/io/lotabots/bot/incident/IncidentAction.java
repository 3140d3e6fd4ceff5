package io.lotabots.bot.incident;

import java.util.Arrays;
import java.util.Locale;

/**
 * What IncidentBot does in one run.
 */
public enum IncidentAction {
    /** Opens an incident, or adds the repeat to the open one with the same dedup key. */
    OPEN,
    /** Someone takes the incident: acknowledged, escalation stops. */
    ACKNOWLEDGE,
    /** Adds a note to the incident's timeline. */
    NOTE,
    /** Changes severity, status (acknowledged, mitigated), title, summary or commander. */
    UPDATE,
    /** Closes the incident. */
    RESOLVE,
    /** Writes the post-mortem draft. */
    POSTMORTEM,
    /** Shows an incident with its timeline; changes nothing. */
    SHOW,
    /** Lists incidents; changes nothing. */
    LIST,
    /** Applies the escalation policy now. */
    ESCALATE;

    /**
     * Returns the word of the action, as the option {@code action} takes it.
     *
     * @return the word, for example {@code acknowledge}
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns whether the action changes the incident, so that responders are told.
     *
     * @return {@code true} for open, acknowledge, note, update, resolve and escalate
     */
    public boolean changes() {
        return this != SHOW && this != LIST && this != POSTMORTEM;
    }

    /**
     * Returns the words of every action.
     *
     * @return the words, in declaration order
     */
    static String[] words() {
        return Arrays.stream(values()).map(IncidentAction::word).toArray(String[]::new);
    }

    /**
     * Returns the action of a word.
     *
     * @param word the word
     * @return the action
     */
    static IncidentAction of(final String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
