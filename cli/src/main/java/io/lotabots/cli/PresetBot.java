package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bot seen through a subcommand that fixes some of its options and offers a few of the others, such as
 * {@code lotabots deploy rollback --environment ENV}, which is DeployBot with {@code rollback=true}. The options,
 * their help and defaults still come from the bot's descriptor.
 *
 * @param <Q> the request type
 * @param <R> the result type
 */
final class PresetBot<Q, R extends BotResult> implements Bot<Q, R> {
    private final Bot<Q, R> bot;
    private final BotDescriptor<Q> descriptor;

    private PresetBot(final Bot<Q, R> bot, final String id, final String help, final List<String> offered,
            final Map<String, Object> preset) {
        this.bot = bot;
        BotDescriptor<Q> original = bot.getDescriptor();
        List<BotOption<?>> options = new ArrayList<>();
        for (String name : offered) {
            options.add(original.findOption(name).orElseThrow(
                    () -> new IllegalArgumentException(original.getName() + " has no option " + name)));
        }
        this.descriptor = BotDescriptor.of(id, original.getName(), help, options, given -> {
            Map<String, Object> values = new LinkedHashMap<>(given.getGiven());
            values.putAll(preset);
            return original.createRequest(values, given.getNaming());
        }).withSecrets(original.getSecrets().toArray(io.lotabots.bot.BotSecret[]::new));
    }

    /**
     * Returns a bot with some options fixed and a few others offered.
     *
     * @param bot the bot
     * @param id the subcommand
     * @param help what the subcommand does
     * @param offered the options offered, by name
     * @param preset the options fixed, by name
     * @param <Q> the request type
     * @param <R> the result type
     * @return the bot behind the subcommand
     */
    static <Q, R extends BotResult> PresetBot<Q, R> of(final Bot<Q, R> bot, final String id, final String help,
            final List<String> offered, final Map<String, Object> preset) {
        return new PresetBot<>(bot, id, help, offered, preset);
    }

    /**
     * Returns DeployBot's {@code rollback} subcommand's bot.
     *
     * @param deploy DeployBot
     * @param <Q> the request type
     * @param <R> the result type
     * @return the bot behind {@code lotabots deploy rollback}
     */
    static <Q, R extends BotResult> PresetBot<Q, R> deployRollback(final Bot<Q, R> deploy) {
        return new PresetBot<>(deploy, "rollback", "rolls an environment back to the state before its last"
                + " successful deployment recorded in the journal, and announces deploy.rolled_back.",
                List.of("environment", "target", "namespace", "context", "kubeconfig", "rolloutTimeout", "url",
                        "releases", "startCommand", "stopCommand", "healthPath", "bluePort", "greenPort",
                        "startTimeout"),
                Map.of("rollback", Boolean.TRUE));
    }

    /**
     * Returns SecurityBot's {@code cve-alert} subcommand's bot: CVE alert mode with the dependency options.
     *
     * @param security SecurityBot
     * @param <Q> the request type
     * @param <R> the result type
     * @return the bot behind {@code lotabots security cve-alert}
     */
    static <Q, R extends BotResult> PresetBot<Q, R> cveAlert(final Bot<Q, R> security) {
        return new PresetBot<>(security, "cve-alert", "answers whether this codebase uses a package at a version one"
                + " advisory affects, and where, and announces security.cve_alert; exit 3 when it does.",
                List.of("advisory", "advisories", "dependencies", "sbom", "resolveMaven"),
                Map.of("secrets", "none"));
    }

    @Override
    public BotDescriptor<Q> getDescriptor() {
        return descriptor;
    }

    @Override
    public R run(final Q request, final BotContext context) {
        return bot.run(request, context);
    }
}
