package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotErrorCode;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code --caused-by MESSAGE_ID} option of {@code scenario run} and of the bot subcommands: the message, in the
 * run's journal, that started the run (what {@code lotabots react} passes). The run takes the message's correlation
 * id, every message it publishes names the message as its cause, and a scenario gets its payload as parameters
 * ({@code trigger.type}, {@code trigger.environment}, ...).
 */
final class CausedBy {
    /** The option's name. */
    static final String OPTION = "--caused-by";
    /** Its help. */
    static final String HELP = "The id of the message, in the journal, that started this run (lotabots react passes it):"
            + " the run takes its correlation id and names it as the cause of every message it publishes.";

    private CausedBy() {
    }

    /**
     * Finds the triggering message in the journal.
     *
     * @param journalFile the journal
     * @param id the message id given
     * @return the message
     * @throws LotaBotsException naming the id and the journal if it is not there
     */
    static Message find(final Path journalFile, final String id) {
        AtomicReference<Message> found = new AtomicReference<>();
        try (Journal journal = Journal.at(journalFile)) {
            journal.scan(MessageFilter.ALL, message -> {
                if (message.getId().equals(id)) {
                    found.set(message);
                }
            });
        }
        if (found.get() == null) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, OPTION + " " + id + ": the journal " + journalFile
                    + " has no message with that id. Give the id of a message of this journal (lotabots messages"
                    + " lists them), or the journal that holds it with --journal.");
        }
        return found.get();
    }

    /**
     * Returns the run parameters a scenario gets from its triggering message: {@code trigger.id},
     * {@code trigger.type} and each top-level payload field that is a single value.
     *
     * @param trigger the message, or {@code null}
     * @return the parameters
     */
    static Map<String, String> parameters(@CheckForNull final Message trigger) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (trigger == null) {
            return parameters;
        }
        parameters.put("trigger.id", trigger.getId());
        parameters.put("trigger.type", trigger.getType());
        for (Iterator<Map.Entry<String, JsonNode>> it = trigger.getPayload().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                parameters.put("trigger." + field.getKey(), field.getValue().asText());
            }
        }
        return parameters;
    }
}
