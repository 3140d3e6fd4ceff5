package io.lotabots.bot;

/**
 * A bot: pure logic that takes an immutable request and a context and returns a result. It does no I/O except
 * through the context (workspace, processes, HTTP, the bus), so that the same bot runs in the CLI, in a Jenkins
 * step and in tests.
 *
 * @param <Q> the request type
 * @param <R> the result type
 */
public interface Bot<Q, R extends BotResult> {
    /**
     * Returns the descriptor: id, name, help and options.
     *
     * @return the descriptor
     */
    BotDescriptor<Q> getDescriptor();

    /**
     * Runs the bot. Problems the run can recover from are logged and reflected in the result's status; a bad input
     * that stops the bot throws a {@link io.lotabots.error.LotaBotsException} whose message says what to do.
     *
     * @param request the request
     * @param context the context
     * @return the result
     */
    R run(Q request, BotContext context);

    /**
     * Turns option values into a request and runs the bot: what a front-end does.
     *
     * @param options option name to value
     * @param context the context
     * @return the result
     */
    default R run(final java.util.Map<String, ?> options, final BotContext context) {
        return run(getDescriptor().createRequest(options, context.getOptionNaming()), context);
    }
}
