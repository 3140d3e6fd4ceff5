package io.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;

import java.util.Set;

/**
 * Selects messages by type, sending bot, addressed bot and correlation id. An empty set or a {@code null} value
 * matches everything for that attribute. The filter decides from the envelope alone, so a journal reader can skip
 * the payload of every message it does not want.
 *
 * @param types the types to keep, for example {@code build.completed}; empty for all
 * @param sources the sending bots to keep; empty for all
 * @param destinations the addressed bots to keep; empty for all
 * @param correlationId the correlation id to keep, or {@code null} for all
 */
public record MessageFilter(Set<String> types, Set<String> sources, Set<String> destinations,
        @CheckForNull String correlationId) implements MessageCodec.EnvelopeFilter {
    /** The filter that keeps every message. */
    public static final MessageFilter ALL = new MessageFilter(Set.of(), Set.of(), Set.of(), null);

    /**
     * Copies the sets.
     */
    public MessageFilter {
        types = Set.copyOf(types);
        sources = Set.copyOf(sources);
        destinations = Set.copyOf(destinations);
    }

    /**
     * Returns a filter that keeps messages of the given types.
     *
     * @param typeNames the types
     * @return the filter
     */
    public static MessageFilter ofTypes(final String... typeNames) {
        return ALL.withTypes(Set.of(typeNames));
    }

    /**
     * Returns this filter keeping only the given types.
     *
     * @param typeNames the types; empty for all
     * @return the filter
     */
    public MessageFilter withTypes(final Set<String> typeNames) {
        return new MessageFilter(typeNames, sources, destinations, correlationId);
    }

    /**
     * Returns this filter keeping only messages sent by the given bots.
     *
     * @param botNames the bots; empty for all
     * @return the filter
     */
    public MessageFilter withSources(final Set<String> botNames) {
        return new MessageFilter(types, botNames, destinations, correlationId);
    }

    /**
     * Returns this filter keeping only messages addressed to the given bots.
     *
     * @param botNames the bots; empty for all
     * @return the filter
     */
    public MessageFilter withDestinations(final Set<String> botNames) {
        return new MessageFilter(types, sources, botNames, correlationId);
    }

    /**
     * Returns this filter keeping only messages of one correlation id.
     *
     * @param id the correlation id, or {@code null} for all
     * @return the filter
     */
    public MessageFilter withCorrelationId(@CheckForNull final String id) {
        return new MessageFilter(types, sources, destinations, id);
    }

    /**
     * Returns whether the message is kept.
     *
     * @param message the message
     * @return {@code true} if kept
     */
    public boolean matches(final Message message) {
        return accepts(message.getType(), message.getSource(), message.getDestination().orElse(null),
                message.getCorrelationId().orElse(null));
    }

    @Override
    public boolean accepts(final String type, final String source, @CheckForNull final String destination,
            @CheckForNull final String correlation) {
        return (types.isEmpty() || types.contains(type))
                && (sources.isEmpty() || sources.contains(source))
                && (destinations.isEmpty() || destination != null && destinations.contains(destination))
                && (correlationId == null || correlationId.equals(correlation));
    }
}
