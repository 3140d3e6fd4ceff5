package io.lotabots.bot.notify;

import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.OptionNaming;
import io.lotabots.error.LotaBotsException;

import java.time.Duration;

/**
 * The one place of the ranges and messages of the options that NotificationBot and IncidentBot's paging share
 * ({@code retries}, {@code timeout}, {@code smtpPort}): {@link NotificationBotDescriptor}, {@link IncidentPaging}'s
 * factory and {@link NotifyRequest} check them here, each reporting a problem the way its caller names the option.
 */
final class NotifyOptionChecks {
    /** The lowest TCP port. */
    static final int MIN_PORT = 1;
    /** The highest TCP port. */
    static final int MAX_PORT = 65_535;

    private NotifyOptionChecks() {
    }

    /**
     * Turns a problem with an option's value into the exception its caller throws.
     */
    @FunctionalInterface
    interface Invalid {
        /**
         * Returns the exception for a problem.
         *
         * @param option the option whose value is wrong
         * @param problem what is wrong, for example {@code must be between 1 and 65535, was 70000}
         * @return the exception to throw
         */
        RuntimeException of(BotOption<?> option, String problem);
    }

    /**
     * Reports a problem as a {@link BotErrorCode#INVALID_OPTION} naming the option as the user wrote it and the bot,
     * for example {@code Option 'smtpPort' of IncidentBot must be between 1 and 65535, was 70000.}
     *
     * @param naming how the front-end names options
     * @param bot the bot's name, for example {@link NotificationBotDescriptor#NAME}
     * @return the way to report problems
     */
    static Invalid asOption(final OptionNaming naming, final String bot) {
        return (option, problem) -> invalidOption(naming, bot, option, problem);
    }

    /**
     * Returns the {@link BotErrorCode#INVALID_OPTION} of a problem with an option's value.
     *
     * @param naming how the front-end names options
     * @param bot the bot's name
     * @param option the option
     * @param problem what is wrong; a full stop is added unless it ends with one
     * @return the exception, for example {@code Option 'retries' of NotificationBot must be between 0 and 20, was 99.}
     */
    static LotaBotsException invalidOption(final OptionNaming naming, final String bot, final BotOption<?> option,
            final String problem) {
        return LotaBotsException.of(BotErrorCode.INVALID_OPTION, "Option '" + naming.nameOf(option) + "' of " + bot
                + " " + problem + (problem.endsWith(".") ? "" : "."));
    }

    /**
     * Checks the number of retries ({@link NotificationBotDescriptor#RETRIES}).
     *
     * @param retries the value
     * @param invalid reports a problem
     * @return the value, between 0 and {@link RetryPolicy#MAX_RETRIES}
     */
    static int retries(final int retries, final Invalid invalid) {
        if (retries < 0 || retries > RetryPolicy.MAX_RETRIES) {
            throw invalid.of(NotificationBotDescriptor.RETRIES, "must be between 0 and " + RetryPolicy.MAX_RETRIES
                    + ", was " + retries);
        }
        return retries;
    }

    /**
     * Checks the timeout of every call ({@link NotificationBotDescriptor#TIMEOUT}).
     *
     * @param timeout the value
     * @param invalid reports a problem
     * @return the value, positive
     */
    static Duration timeout(final Duration timeout, final Invalid invalid) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw invalid.of(NotificationBotDescriptor.TIMEOUT, "must be positive, for example 10s");
        }
        return timeout;
    }

    /**
     * Checks the SMTP port ({@link NotificationBotDescriptor#SMTP_PORT}).
     *
     * @param port the value
     * @param invalid reports a problem
     * @return the value, between {@value #MIN_PORT} and {@value #MAX_PORT}
     */
    static int smtpPort(final int port, final Invalid invalid) {
        if (port < MIN_PORT || port > MAX_PORT) {
            throw invalid.of(NotificationBotDescriptor.SMTP_PORT, "must be between " + MIN_PORT + " and " + MAX_PORT
                    + ", was " + port);
        }
        return port;
    }
}
