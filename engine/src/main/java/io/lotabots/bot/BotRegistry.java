package io.lotabots.bot;

import io.lotabots.error.LotaBotsException;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The bots this engine has. Bots register through {@link ServiceLoader} ({@code META-INF/services/io.lotabots.bot.Bot}),
 * so that a front-end lists and runs them without naming any.
 */
public final class BotRegistry {
    private final List<Bot<?, ?>> bots;

    private BotRegistry(final List<Bot<?, ?>> bots) {
        this.bots = List.copyOf(bots);
    }

    /**
     * Returns the bots registered on the class path of the engine.
     *
     * @return the registry
     */
    public static BotRegistry standard() {
        return of(ServiceLoader.load(Bot.class, BotRegistry.class.getClassLoader()).stream()
                .<Bot<?, ?>>map(provider -> provider.get()).toList());
    }

    /**
     * Returns a registry of the given bots.
     *
     * @param bots the bots
     * @return the registry
     */
    public static BotRegistry of(final List<Bot<?, ?>> bots) {
        return new BotRegistry(bots.stream()
                .sorted(Comparator.comparing((Bot<?, ?> bot) -> bot.getDescriptor().getId())).toList());
    }

    /**
     * Returns every bot, sorted by id.
     *
     * @return the bots
     */
    public List<Bot<?, ?>> getBots() {
        return bots;
    }

    /**
     * Finds a bot by id ({@code test}) or name ({@code TestBot}).
     *
     * @param idOrName the id or name
     * @return the bot
     */
    public Optional<Bot<?, ?>> find(final String idOrName) {
        return bots.stream().filter(bot -> bot.getDescriptor().getId().equals(idOrName)
                || bot.getDescriptor().getName().equals(idOrName)).findFirst();
    }

    /**
     * Returns the bot with the given id or name.
     *
     * @param idOrName the id or name
     * @return the bot
     * @throws LotaBotsException naming the known bots if there is none
     */
    public Bot<?, ?> get(final String idOrName) {
        return find(idOrName).orElseThrow(() -> LotaBotsException.of(BotErrorCode.UNKNOWN_BOT,
                "There is no bot '" + idOrName + "'. Known bots: " + (bots.isEmpty() ? "none"
                        : bots.stream().map(bot -> bot.getDescriptor().getId()).collect(Collectors.joining(", ")))
                        + "."));
    }
}
