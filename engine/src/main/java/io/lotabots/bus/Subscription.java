package io.lotabots.bus;

/**
 * A subscription to messages on a {@link MessageBus}. Closing it stops delivery.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /**
     * Stops delivery to this subscription.
     */
    @Override
    void close();
}
