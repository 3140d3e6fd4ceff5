package io.lotabots.bot;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a bot is, for every front-end: its id (the CLI subcommand and the base of the Pipeline step name), its name
 * ({@code TestBot}, the log prefix and the message source), one sentence of help, and its options with types,
 * defaults and help. The CLI and the plugin read these from here and repeat none of them.
 *
 * @param <Q> the request type the options turn into
 */
public final class BotDescriptor<Q> {
    private final String id;
    private final String name;
    private final String help;
    private final List<BotOption<?>> options;
    private final Function<BotOptions, Q> requestFactory;
    private final List<BotSecret> secrets;

    private BotDescriptor(final String id, final String name, final String help, final List<BotOption<?>> options,
            final Function<BotOptions, Q> requestFactory, final List<BotSecret> secrets) {
        this.id = id;
        this.name = name;
        this.help = help;
        this.options = List.copyOf(options);
        this.requestFactory = requestFactory;
        this.secrets = List.copyOf(secrets);
        if (options.stream().map(BotOption::getName).distinct().count() != options.size()) {
            throw new IllegalArgumentException("Bot " + name + " declares an option twice");
        }
    }

    /**
     * Creates a descriptor.
     *
     * @param id the id, lower case, for example {@code test}
     * @param name the name, for example {@code TestBot}
     * @param help one sentence that says what the bot does
     * @param options the options
     * @param requestFactory turns checked option values into the bot's request
     * @param <Q> the request type
     * @return the descriptor
     */
    public static <Q> BotDescriptor<Q> of(final String id, final String name, final String help,
            final List<BotOption<?>> options, final Function<BotOptions, Q> requestFactory) {
        return new BotDescriptor<>(Objects.requireNonNull(id), Objects.requireNonNull(name),
                Objects.requireNonNull(help), options, Objects.requireNonNull(requestFactory), List.of());
    }

    /**
     * Returns this descriptor with the secrets the bot reads.
     *
     * @param values the secrets
     * @return a descriptor that is this one with the secrets
     */
    public BotDescriptor<Q> withSecrets(final BotSecret... values) {
        return new BotDescriptor<>(id, name, help, options, requestFactory, List.of(values));
    }

    /**
     * Returns the secrets the bot reads: environment variables on the command line, credentials in Jenkins.
     *
     * @return the secrets, in the order they are documented
     */
    public List<BotSecret> getSecrets() {
        return secrets;
    }

    /**
     * Finds the secret a user meant when giving it as an option, for example the webhook URL for {@code url}.
     *
     * @param optionName the camelCase name the user gave
     * @return the secret
     */
    public Optional<BotSecret> findSecretFor(final String optionName) {
        return secrets.stream().filter(secret -> secret.guesses().stream()
                .anyMatch(guess -> guess.equalsIgnoreCase(optionName))).findFirst();
    }

    /**
     * Returns the id.
     *
     * @return the id, for example {@code test}
     */
    public String getId() {
        return id;
    }

    /**
     * Returns the name.
     *
     * @return the name, for example {@code TestBot}
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the Pipeline step name: the name with a lower-case first letter, as Jenkins names steps
     * ({@code TestBot} gives {@code testBot}, {@code NotificationBot} gives {@code notificationBot}).
     *
     * @return the function name, for example {@code testBot}
     */
    public String getFunctionName() {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Returns one sentence that says what the bot does.
     *
     * @return the help
     */
    public String getHelp() {
        return help;
    }

    /**
     * Returns the options, in the order they are documented.
     *
     * @return the options
     */
    public List<BotOption<?>> getOptions() {
        return options;
    }

    /**
     * Finds an option by its camelCase name.
     *
     * @param optionName the name
     * @return the option
     */
    public Optional<BotOption<?>> findOption(final String optionName) {
        return options.stream().filter(option -> option.getName().equals(optionName)).findFirst();
    }

    /**
     * Turns option values into a request.
     *
     * @param values option name to value, as {@link BotOptions#of} accepts them
     * @return the request
     * @throws io.lotabots.error.LotaBotsException if an option is unknown, missing or of the wrong kind
     */
    public Q createRequest(final Map<String, ?> values) {
        return createRequest(values, OptionNaming.PIPELINE);
    }

    /**
     * Turns option values into a request; problems name the options the way the front-end's user writes them.
     *
     * @param values option name to value, as {@link BotOptions#of} accepts them
     * @param naming how the front-end names options
     * @return the request
     * @throws io.lotabots.error.LotaBotsException if an option is unknown, missing or of the wrong kind
     */
    public Q createRequest(final Map<String, ?> values, final OptionNaming naming) {
        return requestFactory.apply(BotOptions.of(this, values, naming));
    }

    @Override
    public String toString() {
        return name;
    }
}
