package io.lotabots.bot.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.http.HttpChecker;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationFailed;
import io.lotabots.message.NotificationSent;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecretMasker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tries each delivery with the retry policy and records it: {@code notification.sent} when the channel took it,
 * {@code notification.failed} (with the reason, secrets masked, and the number of tries) when it did not. A failed
 * delivery is logged as a warning and never thrown: the caller decides what {@code failOnError} makes of it.
 */
final class Deliveries {
    /** The extension attribute that marks the {@code notification.sent} of a Slack status card. */
    static final String SLACK_CARD = "slack_card";

    private final BotContext context;
    private final LogSink out;
    private final RetryPolicy policy;
    private final HttpChecker.Sleeper sleeper;
    private final List<Message> messages = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    Deliveries(final BotContext context, final LogSink out, final RetryPolicy policy,
            final HttpChecker.Sleeper sleeper) {
        this.context = context;
        this.out = out;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /**
     * One delivery to make.
     *
     * @param channel the channel
     * @param what what is delivered, for the log, for example {@code status card}
     * @param notification the notification
     * @param card the Slack channel whose status card this is, or {@code null}
     */
    record Target(ChannelKind channel, String what, Notification notification, @CheckForNull String card) {
    }

    /**
     * Delivers with retries and records the outcome.
     *
     * @param target what is delivered where
     * @param call one try
     * @return the last try's outcome
     */
    Attempt deliver(final Target target, final Supplier<Attempt> call) {
        SecretMasker masker = context.getMasker();
        String channel = target.channel().wireName();
        int tries = 0;
        Duration spent = Duration.ZERO;
        Attempt last;
        String giveUp = "";
        while (true) {
            tries++;
            Instant start = context.getClock().instant();
            try {
                last = call.get();
            }
            catch (RuntimeException e) {
                last = Attempt.refused(HttpCalls.describe(e));
            }
            Duration took = Duration.between(start, context.getClock().instant());
            spent = spent.plus(took.isNegative() ? Duration.ZERO : took);
            if (last.kind() != Attempt.Kind.RETRY || tries > policy.retries()) {
                break;
            }
            Duration wait = last.retryAfter() != null ? last.retryAfter() : policy.backoff(tries);
            if (spent.plus(wait).compareTo(policy.maxTime()) > 0) {
                giveUp = "; gave up: the next try would start after the retry time of "
                        + HttpCalls.format(policy.maxTime())
                        + (last.retryAfter() != null ? " (Retry-After asked for " + HttpCalls.format(wait) + ")" : "");
                break;
            }
            out.info("%s: %s not delivered (%s); trying again in %s (try %d of %d)", channel, target.what(),
                    masker.mask(String.valueOf(last.reason())), HttpCalls.format(wait), tries + 1,
                    policy.retries() + 1);
            try {
                sleeper.sleep(wait);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                giveUp = "; interrupted while waiting to try again";
                break;
            }
            spent = spent.plus(wait);
        }
        Message cause = target.notification().cause();
        if (last.isDelivered()) {
            sent++;
            String givenRecipient = last.recipient();
            String givenId = last.notificationId();
            String recipient = givenRecipient == null ? null : masker.mask(givenRecipient);
            String id = givenId == null ? null : masker.mask(givenId);
            Message.Builder draft = Message.builder(new NotificationSent(channel, recipient,
                    target.notification().messageType(), id)).source(NotificationBotDescriptor.NAME);
            String card = target.card();
            if (card != null) {
                draft.extension(SLACK_CARD, card);
            }
            record(draft, cause, target.notification());
            out.info("%s: delivered %s%s%s", channel, target.what(), recipient == null ? "" : " to " + recipient,
                    id == null ? "" : " (id " + id + ")");
            return last;
        }
        String reason = masker.mask(String.valueOf(last.reason()) + giveUp);
        failures.add(channel + ": " + reason);
        record(Message.builder(new NotificationFailed(channel, abbreviate(reason), tries,
                target.notification().messageType())).source(NotificationBotDescriptor.NAME), cause,
                target.notification());
        out.warning(String.format(java.util.Locale.ROOT, "%s: could not deliver %s after %d %s: %s", channel,
                target.what(), tries, tries == 1 ? "try" : "tries", reason));
        return last;
    }

    private void record(final Message.Builder draft, @CheckForNull final Message cause,
            final Notification notification) {
        if (cause != null) {
            draft.causationId(cause.getId());
        }
        if (notification.correlationId() != null) {
            draft.correlationId(notification.correlationId());
        }
        context.getStage().ifPresent(name -> draft.extension(BotContext.STAGE_EXTENSION, name));
        messages.add(context.getBus().publish(draft));
    }

    /**
     * Records a delivery that was refused before any try, for example a channel whose settings are incomplete.
     *
     * @param channel the channel
     * @param notification the notification
     * @param reason why
     */
    void refuse(final ChannelKind channel, final Notification notification, final String reason) {
        String masked = context.getMasker().mask(reason);
        failures.add(channel.wireName() + ": " + masked);
        record(Message.builder(new NotificationFailed(channel.wireName(), abbreviate(masked), 0,
                notification.messageType())).source(NotificationBotDescriptor.NAME), notification.cause(),
                notification);
        out.warning(channel.wireName() + ": " + masked);
    }

    private static String abbreviate(final String reason) {
        return reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
    }

    List<Message> getMessages() {
        return List.copyOf(messages);
    }

    List<String> getFailures() {
        return List.copyOf(failures);
    }

    int getSent() {
        return sent;
    }

    BotContext getContext() {
        return context;
    }

    LogSink getOut() {
        return out;
    }
}
