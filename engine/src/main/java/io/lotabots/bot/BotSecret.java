package io.lotabots.bot;

import java.util.List;
import java.util.Objects;

/**
 * A secret a bot reads, declared in its descriptor: never an option (options show in process lists, shell history and
 * Pipeline snippets), but a variable of the environment on the command line and a credential bound to that name in
 * Jenkins. Front-ends use it to answer a user who tries to pass the secret as an option ({@code --url} for the
 * webhook URL) with the variable that holds it.
 *
 * @param variable the name of the variable, for example {@code NOTIFY_WEBHOOK_URL}
 * @param meaning what it holds, for example {@code the URL the webhook channel posts CloudEvents to}
 * @param guesses camelCase option names a user might try for it, for example {@code url} and {@code webhookUrl}
 */
public record BotSecret(String variable, String meaning, List<String> guesses) {
    /**
     * Checks and copies the values.
     *
     * @param variable the name of the variable
     * @param meaning what it holds
     * @param guesses option names a user might try
     */
    public BotSecret {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(meaning, "meaning");
        guesses = List.copyOf(guesses);
    }

    /**
     * Declares a secret.
     *
     * @param variable the name of the variable
     * @param meaning what it holds
     * @param guesses camelCase option names a user might try for it
     * @return the secret
     */
    public static BotSecret of(final String variable, final String meaning, final String... guesses) {
        return new BotSecret(variable, meaning, List.of(guesses));
    }

    /**
     * Returns the sentence that tells where the secret comes from.
     *
     * @return for example {@code The webhook URL is a secret: it is read from NOTIFY_WEBHOOK_URL, not from an option.}
     */
    public String explain() {
        return Character.toUpperCase(meaning.charAt(0)) + meaning.substring(1) + " is a secret: it is read from "
                + variable + " (an environment variable on the command line, a credential bound to that name in"
                + " Jenkins), not from an option.";
    }
}
