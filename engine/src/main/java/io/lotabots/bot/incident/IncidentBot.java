package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.BusMessage;
import io.lotabots.message.IncidentCreated;
import io.lotabots.message.IncidentPostmortemWritten;
import io.lotabots.message.IncidentResolved;
import io.lotabots.message.IncidentUpdated;
import io.lotabots.message.Message;
import io.lotabots.util.DurableFiles;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs incidents with the pipeline.
 *
 * <ol>
 *     <li>{@code open} opens an incident in the store, or, while an incident with the same dedup key
 *     ({@code <service>/<alert name>} by default) is open, adds the repeat to it: two alerts for one service give one
 *     incident with two entries, also from two processes at once. The severity is the given one, else the alert's
 *     mapped through {@code severityMap} (critical P1, error P2, warning P3, info P4).</li>
 *     <li>{@code acknowledge}, {@code note}, {@code update}, {@code resolve} change it as one step of the store; a
 *     change that does not fit its status (resolving a resolved incident) is refused and nothing changes.</li>
 *     <li>After each stored change the responders (paging, war room, escalation) are told, and what they did or
 *     could not do is added to the incident: a vendor that is down is a warning on its timeline, never a lost
 *     incident.</li>
 *     <li>Every change is announced: {@code incident.created}, {@code incident.updated}, {@code incident.resolved},
 *     {@code incident.postmortem_written}, each with the incident's id, the triggering message as causation and the
 *     run's correlation id, which the incident links.</li>
 *     <li>{@code show} and {@code postmortem} build the timeline from the journal ({@link IncidentTimeline});
 *     {@code postmortem} fills a template ({@link PostmortemTemplate}) and writes the draft through the context's
 *     output rule.</li>
 * </ol>
 */
public final class IncidentBot implements Bot<IncidentRequest, IncidentResult> {
    private static final String DEFAULT_ENVIRONMENT = "production";

    private final IncidentResponders.Factory responders;
    private final BotDescriptor<IncidentRequest> descriptor;
    private final java.util.function.BiFunction<IncidentRequest, BotContext, IncidentStore> stores;

    /**
     * Creates the bot with the responders registered for {@link java.util.ServiceLoader}
     * ({@code META-INF/services/io.lotabots.bot.incident.IncidentResponders$Factory}: paging, war room and escalation
     * through NotificationBot's channels), or, when none is registered, responders that tell no one.
     */
    public IncidentBot() {
        this(java.util.ServiceLoader.load(IncidentResponders.Factory.class, IncidentBot.class.getClassLoader())
                .findFirst().orElseGet(IncidentResponders.Factory::none));
    }

    /**
     * Creates the bot with the given responders.
     *
     * @param responders makes the responders of each run from its options; their options join the descriptor's
     */
    public IncidentBot(final IncidentResponders.Factory responders) {
        this(responders, IncidentBot::store);
    }

    /**
     * Creates the bot with the given responders and stores: for a front-end that keeps incidents elsewhere than in
     * the workspace (the Jenkins home) or in another kind of store.
     *
     * @param responders makes the responders of each run from its options; their options join the descriptor's
     * @param stores returns the store a request names; {@link #store(IncidentRequest, BotContext)} by default
     */
    public IncidentBot(final IncidentResponders.Factory responders,
            final java.util.function.BiFunction<IncidentRequest, BotContext, IncidentStore> stores) {
        this.responders = Objects.requireNonNull(responders);
        this.descriptor = IncidentBotDescriptor.of(responders);
        this.stores = Objects.requireNonNull(stores);
    }

    @Override
    public BotDescriptor<IncidentRequest> getDescriptor() {
        return descriptor;
    }

    /**
     * Returns the store a request names: the file store in its folder, resolved through the context's output rule,
     * or the PostgreSQL database its {@code store} names, with the user and password of the context's secrets
     * {@value IncidentStores#USER_VARIABLE} and {@value IncidentStores#PASSWORD_VARIABLE}.
     *
     * @param request the request
     * @param context the context
     * @return the store
     */
    public static IncidentStore store(final IncidentRequest request, final BotContext context) {
        if (request.store().startsWith("jdbc:")) {
            return PostgresIncidentStore.connect(request.store(),
                    context.getSecret(IncidentStores.USER_VARIABLE).orElse(null),
                    context.getSecret(IncidentStores.PASSWORD_VARIABLE).orElse(null));
        }
        return FileIncidentStore.in(context.getOutputs().resolve(request.storeFolder(), "the incident store"));
    }

    @Override
    public IncidentResult run(final IncidentRequest request, final BotContext context) {
        return new Run(request, context).run();
    }

    /**
     * One run: the store, the responders, the log and the messages published.
     */
    private final class Run {
        private final IncidentRequest request;
        private final BotContext context;
        private final EngineLog log = new EngineLog("Problems of IncidentBot:");
        private final LogSink out;
        private final List<Message> published = new ArrayList<>();
        private final IncidentStore store;
        private final String by;
        private final Instant now;

        Run(final IncidentRequest request, final BotContext context) {
            this.request = request;
            this.context = context;
            this.out = context.getLog().and(log.masked(context.getMasker()));
            this.store = stores.apply(request, context);
            this.by = actor(request, context);
            this.now = context.getClock().instant();
        }

        IncidentResult run() {
            IncidentAction action = request.action();
            IncidentResponders tell = action.changes() ? responders.create(request.responderOptions(), context)
                    : IncidentResponders.none();
            return switch (action) {
                case OPEN -> open(tell);
                case LIST -> list();
                case SHOW -> show();
                case POSTMORTEM -> postmortem();
                case ESCALATE -> first(request.id(), null) == null ? escalateDue(tell) : change(action, tell);
                default -> change(action, tell);
            };
        }

        private IncidentResult open(final IncidentResponders tell) {
            Message cause = cause();
            Optional<AlertTriggered> alert = Optional.ofNullable(cause)
                    .filter(message -> AlertTriggered.TYPE.equals(message.getType()))
                    .map(message -> message.payloadAs(AlertTriggered.class));
            String service = need(request.service(), IncidentBotDescriptor.SERVICE.getName(),
                    "the service the incident is about, for example web");
            String alertName = first(request.alertName(), alert.map(AlertTriggered::alertName).orElse(null));
            String environment = Objects.requireNonNullElse(first(request.environment(),
                    alert.map(AlertTriggered::environment).orElse(null)), DEFAULT_ENVIRONMENT);
            if (alertName == null && request.title() == null) {
                throw invalid("Opening an incident needs an alert name or a title: give "
                        + name(IncidentBotDescriptor.ALERT_NAME) + " (for example HighErrorRate) or "
                        + name(IncidentBotDescriptor.TITLE) + ".");
            }
            String title = or(request.title(), alertName + " on " + service + " (" + environment + ")");
            IncidentSeverity severity = severity(first(request.alertSeverity(),
                    alert.map(AlertTriggered::severity).orElse(null)));
            String dedupKey = or(request.dedupKey(), service + "/" + (alertName == null ? title : alertName));
            IncidentStore.Opened opened = store.open(new NewIncident(title, severity, service, environment, dedupKey,
                    by, now, links(cause)));
            Incident incident = opened.incident();
            IncidentResponders.Response response;
            if (opened.created()) {
                out.info("Opened " + incident.id() + " " + incident.title() + " (" + incident.severity() + ", "
                        + service + " in " + environment + ", dedup key " + dedupKey + ")");
                publish(new IncidentCreated(incident.id(), incident.title(), vocabulary(incident.severity()),
                        service, alertName, incident.severity().name(), environment, dedupKey), cause);
                response = respond(incident, () -> tell.opened(incident));
            } else {
                IncidentEvent repeat = incident.events().get(incident.events().size() - 1);
                out.info("The alert came again: added the repeat to the open incident " + incident.id() + " ("
                        + lower(incident.status()) + ", dedup key " + dedupKey + ")");
                publish(updated(incident, "repeated", "The alert came again: " + title), cause);
                response = respond(incident, () -> tell.updated(incident, repeat));
            }
            Incident told = addResponse(incident, response);
            return result(opened.created() ? "Opened " + told.id() : "Added the repeat to " + told.id(), told,
                    opened.created(), null, null);
        }

        private IncidentResult change(final IncidentAction action, final IncidentResponders tell) {
            String id = id();
            Message cause = cause();
            List<String> links = links(cause);
            Incident before = find(id);
            List<IncidentEvent> events = new ArrayList<>();
            List<IncidentResponders.Response> escalated = new ArrayList<>(1);
            Incident changed = store.update(id, current -> {
                events.clear();
                escalated.clear();
                Incident next = apply(action, current, events, tell);
                if (action == IncidentAction.ESCALATE) {
                    // inside the store's step: two processes escalating at once never page twice
                    IncidentResponders.Response response = respond(next, () -> tell.escalate(next, now));
                    escalated.add(response);
                    return next.withAdded(links, events).withAdded(response.links(), response.events());
                }
                return next.withAdded(links, events);
            });
            IncidentEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
            String said = events.stream().map(IncidentEvent::text).filter(text -> !text.isBlank())
                    .reduce((a, b) -> a + "; " + b).orElse("");
            IncidentResponders.Response response = IncidentResponders.Response.NOTHING;
            String summary;
            switch (action) {
                case ACKNOWLEDGE -> {
                    publish(updated(changed, "acknowledged", said), cause);
                    response = respond(changed, () -> tell.acknowledged(changed));
                    summary = "Acknowledged " + id + " by " + by;
                }
                case RESOLVE -> {
                    double seconds = Duration.between(changed.openedAt(), now).toMillis() / 1000.0;
                    publish(new IncidentResolved(id, first(request.summary(), request.note()),
                            Math.max(0, seconds)), cause);
                    response = respond(changed, () -> tell.resolved(changed));
                    summary = "Resolved " + id + " after " + io.lotabots.util.Durations.format(
                            Duration.between(changed.openedAt(), now));
                }
                case ESCALATE -> {
                    IncidentResponders.Response done = escalated.get(0);
                    escalated(changed, done, cause);
                    summary = done.events().isEmpty() ? "Nothing to escalate for " + id + " now"
                            : "Escalated " + id + ": " + done.events().size() + " step(s)";
                }
                default -> {
                    publish(updated(changed, action == IncidentAction.NOTE ? "note" : "update", said), cause);
                    IncidentEvent change = Objects.requireNonNull(last);
                    response = respond(changed, () -> tell.updated(changed, change));
                    summary = (action == IncidentAction.NOTE ? "Added a note to " : "Updated ") + id;
                }
            }
            if (before.status() != changed.status()) {
                out.info(id + ": " + lower(before.status()) + " -> " + lower(changed.status()));
            }
            Incident told = addResponse(changed, response);
            return result(summary, told, false, null, null);
        }

        /**
         * Escalates every open incident nobody has acknowledged whose escalation is due now: lists the triggered
         * incidents, then, for each, applies the escalation policy inside one step of the store, so that the status
         * checked is the status escalated and two processes running this at once never page twice (what was done is
         * read back from the incident's events). An incident acknowledged, mitigated or resolved meanwhile is left
         * alone; a vendor that fails is a warning on that incident's timeline, and an incident that cannot be read or
         * changed is a warning of the run: neither stops the others.
         */
        private IncidentResult escalateDue(final IncidentResponders tell) {
            Message cause = cause();
            List<String> ids = new ArrayList<>();
            store.forEach(IncidentQuery.all().statuses(IncidentStatus.TRIGGERED).service(request.service())
                    .environment(request.environment()), incident -> ids.add(incident.id()));
            List<Incident> escalated = new ArrayList<>();
            int steps = 0;
            for (String id : ids) {
                List<IncidentResponders.Response> done = new ArrayList<>(1);
                Incident changed;
                try {
                    changed = store.update(id, current -> {
                        done.clear();
                        if (current.status() != IncidentStatus.TRIGGERED) {
                            return current;
                        }
                        IncidentResponders.Response response = respond(current, () -> tell.escalate(current, now));
                        done.add(response);
                        return current.withAdded(response.links(), response.events());
                    });
                }
                catch (LotaBotsException e) {
                    out.warning("Cannot escalate " + id + ": " + e.getMessage());
                    continue;
                }
                if (!done.isEmpty() && !done.get(0).events().isEmpty()) {
                    escalated(changed, done.get(0), cause);
                    escalated.add(changed);
                    steps += done.get(0).events().size();
                }
            }
            String summary = escalated.isEmpty() ? "Nothing to escalate now (" + ids.size() + " triggered "
                    + (ids.size() == 1 ? "incident" : "incidents") + " in " + store.location() + ")"
                    : "Escalated " + escalated.size() + " of " + ids.size() + " triggered "
                            + (ids.size() == 1 ? "incident" : "incidents") + ": " + steps + " step(s)";
            out.info(summary);
            return new IncidentResult(summary, log, published, IncidentAction.ESCALATE, escalated, false, null, null,
                    true);
        }

        /**
         * Logs what an escalation did and announces it as {@code incident.updated} (change {@code escalated}).
         */
        private void escalated(final Incident incident, final IncidentResponders.Response response,
                @CheckForNull final Message cause) {
            if (response.events().isEmpty()) {
                return;
            }
            report(incident, response);
            publish(updated(incident, "escalated", response.events().stream().map(IncidentEvent::text)
                    .reduce((a, b) -> a + "; " + b).orElse("")), cause);
        }

        /**
         * Applies one action to the incident as stored; runs inside the store's step, so that the status checked
         * is the status changed.
         */
        private Incident apply(final IncidentAction action, final Incident current, final List<IncidentEvent> events,
                final IncidentResponders tell) {
            String note = request.note() == null ? "" : request.note();
            switch (action) {
                case ACKNOWLEDGE -> {
                    refuseResolved(current, "acknowledge");
                    events.add(new IncidentEvent(now, IncidentEvent.ACKNOWLEDGED, by, note));
                    String commander = or(request.commander(), or(current.commander(), by));
                    IncidentStatus status = current.status() == IncidentStatus.TRIGGERED ? IncidentStatus.ACKNOWLEDGED
                            : current.status();
                    return current.with(current.title(), current.severity(), status, commander);
                }
                case NOTE -> {
                    events.add(new IncidentEvent(now, IncidentEvent.NOTE, by, need(request.note(),
                            IncidentBotDescriptor.NOTE.getName(), "the text of the note")));
                    return current;
                }
                case UPDATE -> {
                    return update(current, events, note);
                }
                case RESOLVE -> {
                    refuseResolved(current, "resolve");
                    String summary = request.summary();
                    if (summary != null) {
                        events.add(new IncidentEvent(now, IncidentEvent.SUMMARY, by, summary));
                    }
                    events.add(new IncidentEvent(now, IncidentEvent.RESOLVED, by, note));
                    return current.with(current.title(), current.severity(), IncidentStatus.RESOLVED,
                            current.commander());
                }
                case ESCALATE -> {
                    refuseResolved(current, "escalate");
                    return current;
                }
                default -> throw new IllegalStateException("not a change: " + action);
            }
        }

        private Incident update(final Incident current, final List<IncidentEvent> events, final String note) {
            refuseResolved(current, "update");
            IncidentSeverity severity = Objects.requireNonNullElse(request.severity(), current.severity());
            String title = or(request.title(), current.title());
            String commander = first(request.commander(), current.commander());
            IncidentStatus status = current.status();
            List<String> changes = new ArrayList<>();
            if (severity != current.severity()) {
                changes.add("severity " + current.severity() + " -> " + severity);
            }
            if (!title.equals(current.title())) {
                changes.add("title '" + title + "'");
            }
            if (!Objects.equals(commander, current.commander())) {
                changes.add("commander " + commander);
            }
            String wanted = request.status();
            if (wanted != null) {
                status = status(wanted);
                if (status != current.status()) {
                    changes.add("status " + lower(current.status()) + " -> " + lower(status));
                }
            }
            String summary = request.summary();
            if (summary != null) {
                events.add(new IncidentEvent(now, IncidentEvent.SUMMARY, by, summary));
            }
            if (changes.isEmpty() && summary == null && note.isEmpty()) {
                throw invalid("Nothing to update on " + current.id() + ": give " + name(IncidentBotDescriptor.SEVERITY)
                        + ", " + name(IncidentBotDescriptor.STATUS) + ", " + name(IncidentBotDescriptor.TITLE) + ", "
                        + name(IncidentBotDescriptor.SUMMARY) + ", " + name(IncidentBotDescriptor.COMMANDER) + " or "
                        + name(IncidentBotDescriptor.NOTE) + " with a new value.");
            }
            String text = String.join(", ", changes) + (note.isEmpty() ? "" : (changes.isEmpty() ? "" : ": ") + note);
            events.add(new IncidentEvent(now, status == IncidentStatus.MITIGATED
                    && current.status() != IncidentStatus.MITIGATED ? IncidentEvent.MITIGATED : IncidentEvent.UPDATED,
                    by, text.isEmpty() ? "summary" : text));
            return current.with(title, severity, status, commander);
        }

        private IncidentStatus status(final String word) {
            return switch (word) {
                case "triggered" -> IncidentStatus.TRIGGERED;
                case "acknowledged" -> IncidentStatus.ACKNOWLEDGED;
                case "mitigated" -> IncidentStatus.MITIGATED;
                case "resolved" -> throw LotaBotsException.of(IncidentErrorCode.INVALID_TRANSITION, "An incident is"
                        + " resolved with the action resolve, not with update; it records the resolution and tells"
                        + " the responders.");
                default -> throw invalid("Option " + name(IncidentBotDescriptor.STATUS) + " '" + word + "' is a filter"
                        + " of list; update takes triggered, acknowledged or mitigated.");
            };
        }

        private void refuseResolved(final Incident incident, final String verb) {
            if (incident.status() == IncidentStatus.RESOLVED) {
                String when = incident.lastEvent(IncidentEvent.RESOLVED).map(event -> " at " + event.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " by "
                        + event.actor()).orElse("");
                throw LotaBotsException.of(IncidentErrorCode.INVALID_TRANSITION, "Cannot " + verb + " "
                        + incident.id() + ": it was resolved" + when + ". Nothing changed; open a new incident if the"
                        + " problem is back, or add a note.");
            }
        }

        private IncidentResult list() {
            String status = Objects.requireNonNullElse(request.status(), "open");
            // the store reads only what the query keeps: the open incidents through the file store's index
            IncidentQuery query = switch (status) {
                case "all" -> IncidentQuery.all();
                case "open" -> IncidentQuery.open();
                default -> IncidentQuery.all().statuses(IncidentStatus.valueOf(status.toUpperCase(Locale.ROOT)));
            };
            List<Incident> listed = store.list(query.service(request.service())
                    .environment(request.environment()));
            String summary = listed.size() + (listed.size() == 1 ? " incident" : " incidents") + " ("
                    + status + (request.service() == null ? "" : ", service " + request.service())
                    + (request.environment() == null ? "" : ", environment " + request.environment()) + ")";
            return new IncidentResult(summary, log, published, IncidentAction.LIST, listed, false, null, null);
        }

        private IncidentResult show() {
            Incident incident = find(id());
            IncidentTimeline timeline = timeline(incident);
            return result(incident.id() + " " + lower(incident.status()) + ", " + incident.severity() + ", "
                    + timeline.entries().size() + " timeline entries", incident, false, timeline, null);
        }

        private IncidentResult postmortem() {
            String id = id();
            Message cause = cause();
            String templateFile = request.template();
            PostmortemTemplate template = templateFile == null || templateFile.isBlank() ? PostmortemTemplate.standard()
                    : PostmortemTemplate.read(context.getWorkspace().resolve(templateFile));
            Incident incident = find(id);
            String given = or(request.postmortemFile(), IncidentBotDescriptor.DEFAULT_POSTMORTEM_FOLDER + "/" + id
                    + ".md");
            Path file = context.getOutputs().resolve(given, "the post-mortem of " + id);
            IncidentTimeline timeline = timeline(incident);
            String draft = template.render(timeline);
            try {
                java.nio.file.Files.createDirectories(Objects.requireNonNull(file.getParent()));
                DurableFiles.replace(file, draft.getBytes(StandardCharsets.UTF_8));
            }
            catch (IOException e) {
                throw LotaBotsException.of(IncidentErrorCode.STORE_FAILURE, "Cannot write the post-mortem of " + id
                        + " to '" + file + "': " + e.getMessage() + ". Check that the folder can be written.", e);
            }
            String shown = file.startsWith(context.getWorkspace())
                    ? context.getWorkspace().relativize(file).toString().replace('\\', '/') : file.toString();
            Incident recorded = store.update(id, current -> current.withAdded(links(cause),
                    List.of(new IncidentEvent(now, IncidentEvent.POSTMORTEM, by, "draft written to " + shown))));
            PostmortemFacts facts = PostmortemFacts.of(timeline);
            out.info("Wrote the post-mortem draft of " + id + " to " + shown + ": time to detect "
                    + io.lotabots.util.Durations.format(facts.timeToDetect()) + ", time to mitigate "
                    + facts.timeToMitigate().map(io.lotabots.util.Durations::format).orElse("not yet")
                    + ", total downtime " + facts.totalDowntime().map(io.lotabots.util.Durations::format)
                            .orElse("not yet"));
            publish(new IncidentPostmortemWritten(id, shown, seconds(facts.timeToDetect()),
                    facts.timeToMitigate().map(IncidentBot::seconds).orElse(null),
                    facts.totalDowntime().map(IncidentBot::seconds).orElse(null)), cause);
            // the figure a scenario run reports in its stage summary and notification
            return result("Wrote the post-mortem draft of " + id + " to " + shown + ": total downtime "
                    + facts.totalDowntime().map(io.lotabots.util.Durations::format).orElse("not yet"), recorded, false,
                    timeline, shown);
        }

        private IncidentTimeline timeline(final Incident incident) {
            MessageBus bus = context.getBus();
            Journal journal = bus.getJournal();
            Consumer<Consumer<Message>> messages = journal == null
                    ? consumer -> bus.getPublished().forEach(consumer)
                    : consumer -> journal.scan(MessageFilter.ALL, consumer).warnings().forEach(out::warning);
            return IncidentTimeline.of(incident, request.window(), messages);
        }

        private IncidentResult result(final String summary, final Incident incident, final boolean created,
                @CheckForNull final IncidentTimeline timeline, @CheckForNull final String postmortem) {
            return new IncidentResult(summary, log, published, request.action(), List.of(incident), created, timeline,
                    postmortem);
        }

        /**
         * Calls the responders; one that fails is a warning on the incident, which is stored already.
         */
        private IncidentResponders.Response respond(final Incident incident,
                final java.util.function.Supplier<IncidentResponders.Response> call) {
            try {
                return call.get();
            }
            catch (RuntimeException e) {
                String problem = "The responders failed for " + incident.id() + ": " + e.getMessage();
                out.warning(problem);
                return new IncidentResponders.Response(List.of(new IncidentEvent(context.getClock().instant(),
                        IncidentEvent.WARNING, IncidentBotDescriptor.NAME, problem)), List.of());
            }
        }

        private Incident addResponse(final Incident incident, final IncidentResponders.Response response) {
            if (response.events().isEmpty() && response.links().isEmpty()) {
                return incident;
            }
            report(incident, response);
            return store.update(incident.id(), current -> current.withAdded(response.links(), response.events()));
        }

        private void report(final Incident incident, final IncidentResponders.Response response) {
            for (IncidentEvent event : response.events()) {
                if (IncidentEvent.WARNING.equals(event.kind())) {
                    out.warning(incident.id() + ": " + event.text());
                } else {
                    out.info(incident.id() + ": " + event.kind() + " " + event.text());
                }
            }
        }

        private void publish(final BusMessage payload, @CheckForNull final Message cause) {
            Message.Builder builder = Message.builder(payload).source(IncidentBotDescriptor.NAME);
            if (cause != null) {
                builder.causationId(cause.getId());
            }
            context.getStage().ifPresent(stage -> builder.extension(BotContext.STAGE_EXTENSION, stage));
            published.add(context.getBus().publish(builder));
        }

        private IncidentUpdated updated(final Incident incident, final String change, final String note) {
            String status = incident.status() == IncidentStatus.RESOLVED ? "mitigated" : lower(incident.status());
            return new IncidentUpdated(incident.id(), status, note.isBlank() ? null : note,
                    incident.severity().name(), change, by);
        }

        @CheckForNull
        private Message cause() {
            String id = request.cause();
            if (id == null) {
                return null;
            }
            MessageBus bus = context.getBus();
            Journal journal = bus.getJournal();
            List<Message> found = new ArrayList<>();
            Consumer<Message> keep = message -> {
                if (message.getId().equals(id)) {
                    found.add(message);
                }
            };
            if (journal == null) {
                bus.getPublished().forEach(keep);
            } else {
                journal.scan(MessageFilter.ALL, keep);
            }
            if (found.isEmpty()) {
                throw LotaBotsException.of(IncidentErrorCode.CAUSE_NOT_FOUND, "There is no message with the id '" + id
                        + "' given with " + name(IncidentBotDescriptor.CAUSE) + " in the journal"
                        + (journal == null ? "" : " '" + journal.getFile() + "'") + "; 'lotabots messages' lists"
                        + " the messages and their ids.");
            }
            return found.get(0);
        }

        private List<String> links(@CheckForNull final Message cause) {
            List<String> links = new ArrayList<>();
            String run = context.getBus().getCorrelationId();
            if (run != null) {
                links.add(run);
            }
            if (cause != null) {
                links.add(cause.getId());
                cause.getCorrelationId().filter(id -> !links.contains(id)).ifPresent(links::add);
            }
            return links;
        }

        private Incident find(final String id) {
            return store.find(id).orElseThrow(() -> LotaBotsException.of(IncidentErrorCode.NOT_FOUND,
                    "There is no incident " + id + " in '" + storeName() + "'; 'lotabots incident list --status all'"
                            + " shows the incidents there."));
        }

        private String storeName() {
            return store instanceof FileIncidentStore file ? file.getFolder().toString() : request.store();
        }

        private String id() {
            return need(request.id(), IncidentBotDescriptor.INCIDENT_ID.getName(), "the incident, for example"
                    + " INC-12");
        }

        private IncidentSeverity severity(@CheckForNull final String alertSeverity) {
            IncidentSeverity given = request.severity();
            if (given != null) {
                return given;
            }
            if (alertSeverity == null) {
                throw invalid("Opening an incident needs its severity: give " + name(IncidentBotDescriptor.SEVERITY)
                        + " (P1 to P4) or " + name(IncidentBotDescriptor.ALERT_SEVERITY) + " (mapped by "
                        + name(IncidentBotDescriptor.SEVERITY_MAP) + ").");
            }
            IncidentSeverity mapped = request.severityMap().get(alertSeverity.toLowerCase(Locale.ROOT));
            if (mapped == null) {
                throw invalid("The alert severity '" + alertSeverity + "' has no incident severity in "
                        + name(IncidentBotDescriptor.SEVERITY_MAP) + ", which maps " + String.join(", ",
                                request.severityMap().keySet()) + "; add it there (" + alertSeverity.toLowerCase(
                                        Locale.ROOT) + "=P2) or give " + name(IncidentBotDescriptor.SEVERITY) + ".");
            }
            return mapped;
        }

        private String need(@CheckForNull final String value, final String option, final String what) {
            if (value == null || value.isBlank()) {
                throw invalid(IncidentBotDescriptor.NAME + " " + request.action().word() + " needs "
                        + context.getOptionNaming().nameOf(option) + ": " + what + ".");
            }
            return value;
        }

        private String name(final io.lotabots.bot.BotOption<?> option) {
            return context.nameOf(option);
        }
    }

    private static String actor(final IncidentRequest request, final BotContext context) {
        if (!request.by().isBlank()) {
            return request.by();
        }
        return context.getVariable("BUILD_USER_ID").or(() -> context.getVariable("USER"))
                .or(() -> context.getVariable("LOGNAME"))
                .filter(user -> !user.isBlank()).orElse(IncidentBotDescriptor.NAME);
    }

    private static String or(@CheckForNull final String value, final String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }

    @CheckForNull
    private static String first(@CheckForNull final String value, @CheckForNull final String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }

    private static String lower(final IncidentStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the severity in the vocabulary of {@code incident.created}: critical, high, medium, low.
     */
    private static String vocabulary(final IncidentSeverity severity) {
        return switch (severity) {
            case P1 -> "critical";
            case P2 -> "high";
            case P3 -> "medium";
            case P4 -> "low";
        };
    }

    private static Double seconds(final Duration duration) {
        return Math.max(0, duration.toMillis()) / 1000.0;
    }

    private static LotaBotsException invalid(final String message) {
        return LotaBotsException.of(IncidentErrorCode.INVALID_INPUT, message);
    }
}
