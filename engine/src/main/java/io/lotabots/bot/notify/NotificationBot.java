package io.lotabots.bot.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotStatus;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.bus.Subscription;
import io.lotabots.error.LotaBotsException;
import io.lotabots.http.HttpChecker;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells people about a run on the channels they use.
 *
 * <ol>
 *     <li>Checks everything before sending anything: channel names, routing rules (options and file) and each
 *     channel's settings and secrets. Secrets are read through the context, which registers them with the masker,
 *     so that no log line, message or error shows them.</li>
 *     <li>Picks what to say: the latest message of the requested type, or a summary of the run (the latest in the
 *     journal, or the one named), both with the stages of the run so far.</li>
 *     <li>Routes it: each channel gets it unless its routing rules exclude the message's type or severity.</li>
 *     <li>Delivers it with a timeout on every call and retries with backoff (honouring {@code Retry-After}) within
 *     a bounded time, and records each delivery as {@code notification.sent} or {@code notification.failed}.</li>
 *     <li>A failed delivery is a warning (UNSTABLE) and the pipeline goes on, or with {@code failOnError} a
 *     FAILURE.</li>
 * </ol>
 *
 * <p>Scenarios notify at each stage with {@link #notify(NotifyRequest, Message, BotContext)}, or once for the whole
 * run with {@link #watch(NotifyRequest, BotContext)}, which notifies every message published on the bus.</p>
 */
public final class NotificationBot implements Bot<NotifyRequest, NotifyResult> {
    private final HttpChecker.Sleeper sleeper;

    /**
     * Creates the bot; retries really wait.
     */
    public NotificationBot() {
        this(HttpChecker.Sleeper.THREAD);
    }

    /**
     * Creates the bot with the given way of waiting between retries.
     *
     * @param sleeper waits between retries; tests give one that does not sleep
     */
    public NotificationBot(final HttpChecker.Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    @Override
    public BotDescriptor<NotifyRequest> getDescriptor() {
        return NotificationBotDescriptor.get();
    }

    /**
     * Notifies about the latest message of the requested type, or sums up the run, from the context's bus (the
     * journal, in the CLI and in Jenkins).
     *
     * @param request the request
     * @param context the context
     * @return the result
     * @throws LotaBotsException for bad settings (nothing is sent then) or when there is nothing to notify about
     */
    @Override
    public NotifyResult run(final NotifyRequest request, final BotContext context) {
        Run run = new Run(request, context);
        List<Message> journal = withoutNotifications(context.getBus().query(MessageFilter.ALL));
        String stage = request.getStage().orElse(null);
        if (stage != null) {
            return run.send(Notification.stage(stage, request.getResult().orElse(null),
                    request.getSummary().map(context.getMasker()::mask).orElse(null),
                    runOf(journal, request.getRun().orElseGet(() -> currentRun(journal, context))), run.link));
        }
        String type = request.getMessageType().orElse(null);
        if (type != null) {
            Message subject = null;
            for (Message message : journal) {
                if (message.getType().equals(type) && (request.getRun().isEmpty()
                        || request.getRun().equals(message.getCorrelationId()))) {
                    subject = message;
                }
            }
            if (subject == null) {
                throw LotaBotsException.of(NotifyErrorCode.NOTHING_TO_NOTIFY, "There is no " + type + " message"
                        + request.getRun().map(id -> " of the run " + id).orElse("") + " in " + where(context)
                        + "; check the message type (lotabots messages lists them) or the run.");
            }
            return run.send(Notification.about(subject, runOf(journal, subject.getCorrelationId().orElse(null)),
                    run.link));
        }
        String runId = request.getRun().orElseGet(() -> latestRun(journal));
        List<Message> messages = runOf(journal, runId);
        if (messages.isEmpty()) {
            throw LotaBotsException.of(NotifyErrorCode.NOTHING_TO_NOTIFY, "There are no messages"
                    + (runId == null ? "" : " of the run " + runId) + " in " + where(context) + " to sum up; run a"
                    + " bot first, or give the journal with --journal and the run with --run.");
        }
        return run.send(Notification.summary(messages, run.link));
    }

    /**
     * Returns the run a stage report belongs to: the context's own run when it has messages (a scenario or a build
     * reporting on itself), else the latest run in the journal.
     */
    @CheckForNull
    private static String currentRun(final List<Message> journal, final BotContext context) {
        String own = context.getBus().getCorrelationId();
        boolean known = own != null
                && journal.stream().anyMatch(message -> own.equals(message.getCorrelationId().orElse(null)));
        return known ? own : latestRun(journal);
    }

    @CheckForNull
    private static String latestRun(final List<Message> journal) {
        return journal.isEmpty() ? null : journal.get(journal.size() - 1).getCorrelationId().orElse(null);
    }

    /**
     * Notifies about one message, with the stages of its run so far: what a scenario calls after each stage.
     *
     * @param request the channels, rules and settings
     * @param message the message, usually just published
     * @param context the context; its bus supplies the rest of the run
     * @return the result; UNSTABLE if a delivery failed, FAILURE if so and {@code failOnError} is set
     * @throws LotaBotsException for bad settings; nothing is sent then
     */
    public NotifyResult notify(final NotifyRequest request, final Message message, final BotContext context) {
        Run run = new Run(request, context);
        return run.send(about(message, context, run.link));
    }

    /**
     * Notifies every message published on the context's bus from now on (except notifications themselves), each
     * routed by the rules: a notification at every stage. Settings are checked now; a delivery that fails later is
     * logged and recorded as {@code notification.failed} and never stops the publisher.
     *
     * @param request the channels, rules and settings
     * @param context the context
     * @return the subscription; close it at the end of the run
     * @throws LotaBotsException for bad settings
     */
    public Subscription watch(final NotifyRequest request, final BotContext context) {
        Run run = new Run(request, context);
        return context.getBus().subscribe(MessageFilter.ALL, message -> {
            if (!isNotification(message)) {
                try {
                    run.send(about(message, context, run.link));
                }
                catch (LotaBotsException e) {
                    context.getLog().warning("notifying " + message.getType() + " failed: "
                            + context.getMasker().mask(e.getMessage()));
                }
            }
        });
    }

    private static Notification about(final Message message, final BotContext context,
            @CheckForNull final String link) {
        String correlationId = message.getCorrelationId().orElse(null);
        List<Message> run = correlationId == null ? new ArrayList<>()
                : new ArrayList<>(withoutNotifications(context.getBus().query(MessageFilter.ALL
                        .withCorrelationId(correlationId))));
        if (!run.contains(message)) {
            run.add(message);
        }
        return Notification.about(message, run, link);
    }

    private static List<Message> runOf(final List<Message> journal, @CheckForNull final String correlationId) {
        return journal.stream().filter(message -> Objects.equals(message.getCorrelationId().orElse(null),
                correlationId)).toList();
    }

    private static List<Message> withoutNotifications(final List<Message> messages) {
        return messages.stream().filter(message -> !isNotification(message)).toList();
    }

    private static boolean isNotification(final Message message) {
        return message.getType().startsWith("notification.");
    }

    private static String where(final BotContext context) {
        Journal journal = context.getBus().getJournal();
        return journal == null ? "the messages of this run" : "the journal '" + journal.getFile() + "'";
    }

    /**
     * The checked settings of one request: routing rules, channels and the link.
     */
    private final class Run {
        private final NotifyRequest request;
        private final BotContext context;
        private final RoutingRules routing;
        private final Map<ChannelKind, Channel> channels = new EnumMap<>(ChannelKind.class);
        private final List<ChannelKind> order = new ArrayList<>();
        @CheckForNull
        private final String link;

        Run(final NotifyRequest request, final BotContext context) {
            this.request = request;
            this.context = context;
            request.getSecrets().values().forEach(context.getMasker()::add);
            RoutingRules rules = RoutingRules.parse(request.getRoutes(), NotificationBotDescriptor.ROUTE.getName());
            if (request.getRoutesFile().isPresent()) {
                rules = rules.and(RoutingRules.load(routesFile(request.getRoutesFile().get()),
                        request.getRoutesFile().get()));
            }
            this.routing = rules;
            Set<ChannelKind> chosen = new LinkedHashSet<>(request.getChannels());
            if (request.isConfiguredChannels()) {
                List<ChannelKind> configured = configuredChannels();
                chosen.addAll(configured);
                context.getLog().info("Channel 'configured': " + (configured.isEmpty() ? "no channel has its settings"
                        : configured.stream().map(ChannelKind::wireName).collect(Collectors.joining(", "))));
            }
            if (chosen.isEmpty()) {
                chosen.addAll(rules.getChannels());
            }
            if (chosen.isEmpty()) {
                chosen.add(ChannelKind.CONSOLE);
            }
            HttpCalls calls = new HttpCalls(context.getHttp(), request.getRetryPolicy().timeout(),
                    context.getClock());
            for (ChannelKind kind : chosen) {
                channels.put(kind, create(kind, calls));
                order.add(kind);
            }
            this.link = request.getLink().or(() -> context.getVariable(NotificationBotDescriptor.BUILD_URL))
                    .orElse(null);
        }

        /**
         * Returns the channels whose secrets and settings are all given, in the order of {@link ChannelKind}.
         */
        private List<ChannelKind> configuredChannels() {
            List<ChannelKind> configured = new ArrayList<>();
            if (has(NotificationBotDescriptor.SLACK_WEBHOOK_URL) || has(NotificationBotDescriptor.SLACK_BOT_TOKEN)
                    && request.getSlackChannel().isPresent()) {
                configured.add(ChannelKind.SLACK);
            }
            if (has(NotificationBotDescriptor.PAGERDUTY_ROUTING_KEY)) {
                configured.add(ChannelKind.PAGERDUTY);
            }
            if (request.getSmtpHost().isPresent() && request.getEmailFrom().isPresent()
                    && !request.getEmailTo().isEmpty()) {
                configured.add(ChannelKind.EMAIL);
            }
            if (has(NotificationBotDescriptor.WEBHOOK_URL)) {
                configured.add(ChannelKind.WEBHOOK);
            }
            if (has(NotificationBotDescriptor.TWILIO_ACCOUNT_SID) && has(NotificationBotDescriptor.TWILIO_AUTH_TOKEN)
                    && request.getSmsFrom().isPresent() && !request.getSmsTo().isEmpty()) {
                configured.add(ChannelKind.SMS);
            }
            return configured;
        }

        private boolean has(final String secret) {
            return Channel.secret(request, context, secret).isPresent();
        }

        private Path routesFile(final String name) {
            Path workspace = context.getWorkspace();
            Path file;
            try {
                file = workspace.resolve(name).normalize();
            }
            catch (InvalidPathException e) {
                throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + name + "' is not"
                        + " a valid path.");
            }
            if (!file.startsWith(workspace)) {
                throw LotaBotsException.of(NotifyErrorCode.INVALID_ROUTE, "The routing file '" + name + "' is"
                        + " outside the workspace; give a path inside it, such as .lotabots/routes.yaml.");
            }
            return file;
        }

        private Channel create(final ChannelKind kind, final HttpCalls calls) {
            return switch (kind) {
                case SLACK -> SlackChannel.create(request, context, calls);
                case PAGERDUTY -> PagerDutyChannel.create(request, context, calls);
                case EMAIL -> EmailChannel.create(request, context);
                case WEBHOOK -> WebhookChannel.create(request, context, calls);
                case SMS -> SmsChannel.create(request, context, calls);
                case CONSOLE -> LocalChannel.console();
                case FILE -> LocalChannel.file(request, context);
            };
        }

        NotifyResult send(final Notification notification) {
            EngineLog log = new EngineLog("Errors of NotificationBot:");
            LogSink out = context.getLog().and(log.masked(context.getMasker()));
            Deliveries deliveries = new Deliveries(request.getStage().map(context::withStage).orElse(context), out,
                    request.getRetryPolicy(), sleeper);
            Set<ChannelKind> routed = new LinkedHashSet<>();
            List<Message> about = notification.isSummary() ? notification.run()
                    : List.of(Objects.requireNonNull(notification.subject()));
            String stage = request.getStage().orElse(null);
            if (stage != null) {
                // A stage report goes where its severity and the type of the stage's last message are routed.
                routed.addAll(routing.channelsFor(Objects.toString(notification.messageType(), "stage"),
                        notification.severity(), new LinkedHashSet<>(order)));
            }
            else {
                for (Message message : about) {
                    routed.addAll(routing.channelsFor(message, new LinkedHashSet<>(order)));
                }
            }
            List<ChannelKind> targets = order.stream().filter(routed::contains).toList();
            String subject = stage != null ? "stage " + stage
                    : notification.isSummary() ? "the run " + Objects.toString(notification.correlationId(),
                            "without a correlation id") : String.valueOf(notification.messageType());
            if (targets.isEmpty()) {
                out.info("No routing rule sends %s (severity %s) to %s; nothing sent", subject,
                        notification.severity().wireName(), names(order));
            }
            for (ChannelKind kind : targets) {
                channels.get(kind).send(notification, deliveries);
            }
            List<String> failures = deliveries.getFailures();
            BotStatus status = failures.isEmpty() ? BotStatus.SUCCESS
                    : request.isFailOnError() ? BotStatus.FAILURE : BotStatus.UNSTABLE;
            String summary = String.format(java.util.Locale.ROOT, "Notified %s about %s: %d delivered, %d failed%s; %s",
                    targets.isEmpty() ? "no channel" : names(targets), subject, deliveries.getSent(), failures.size(),
                    failures.isEmpty() || request.isFailOnError() ? "" : " (the pipeline goes on)", status);
            // the summary is the result's: the front-end prints it once, after the log
            return new NotifyResult(status, context.getMasker().mask(summary), log, deliveries.getMessages(),
                    deliveries.getSent(), failures, targets.stream().map(ChannelKind::wireName).toList());
        }

        private String names(final List<ChannelKind> kinds) {
            return kinds.stream().map(ChannelKind::wireName).collect(Collectors.joining(", "));
        }
    }
}
