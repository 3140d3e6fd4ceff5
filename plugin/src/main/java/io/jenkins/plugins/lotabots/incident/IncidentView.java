package io.jenkins.plugins.lotabots.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Cause;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.lotabots.bus.RunJournal;
import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentBotDescriptor;
import io.lotabots.bot.incident.IncidentStore;
import io.lotabots.bot.incident.IncidentTimeline;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * An incident a build opened or changed, as its LotaBots page shows it: the incident's fields and its timeline
 * (T+0, T+1 min, ...), built by the engine's {@link IncidentTimeline} from the incident in the controller's store and
 * the messages of the build and of the build whose message started it.
 *
 * @param id the incident's id
 * @param title the title, or the problem that kept the incident from being read
 * @param severity P1 to P4, or empty
 * @param status the status, or empty
 * @param service the service, or empty
 * @param environment the environment, or empty
 * @param rows the timeline, oldest first; empty if the incident cannot be read
 */
@Restricted(NoExternalUse.class)
public record IncidentView(String id, String title, String severity, String status, String service,
        String environment, List<Row> rows) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * Creates the view.
     */
    public IncidentView {
        rows = List.copyOf(rows);
    }

    /**
     * One line of the timeline.
     *
     * @param offset from T+0, for example {@code T+1 min}
     * @param time the moment, UTC
     * @param who who acted
     * @param what the message type or event
     * @param details the details
     */
    public record Row(String offset, String time, String who, String what, String details) {
    }

    /**
     * Returns the incidents a build's messages name ({@code incident_id} of IncidentBot's messages), in the order
     * they first appear, with their timelines.
     *
     * @param run the build
     * @param messages the build's messages
     * @return the views; empty if the build touched no incident
     */
    public static List<IncidentView> of(final Run<?, ?> run, final List<Message> messages) {
        Set<String> ids = new LinkedHashSet<>();
        for (Message message : messages) {
            if (IncidentBotDescriptor.NAME.equals(message.getSource()) && message.getType().startsWith("incident.")) {
                message.getPayloadField("incident_id").filter(node -> node.isTextual())
                        .ifPresent(node -> ids.add(node.asText()));
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Message> all = new ArrayList<>(upstreamMessages(run));
        all.addAll(messages);
        IncidentStore store;
        try {
            store = ControllerIncidents.store(run);
        }
        catch (LotaBotsException e) {
            return ids.stream().map(id -> new IncidentView(id, String.valueOf(e.getMessage()), "", "", "", "",
                    List.<Row>of())).toList();
        }
        List<IncidentView> views = new ArrayList<>();
        for (String id : ids) {
            views.add(view(store, id, all));
        }
        return views;
    }

    private static IncidentView view(final IncidentStore store, final String id, final List<Message> messages) {
        Incident incident;
        try {
            incident = store.find(id).orElse(null);
        }
        catch (LotaBotsException e) {
            return new IncidentView(id, String.valueOf(e.getMessage()), "", "", "", "", List.of());
        }
        if (incident == null) {
            return new IncidentView(id, Messages.IncidentView_NotInStore(id), "", "", "", "", List.of());
        }
        IncidentTimeline timeline = IncidentTimeline.of(incident, IncidentBotDescriptor.DEFAULT_WINDOW, messages);
        List<Row> rows = new ArrayList<>();
        for (IncidentTimeline.Entry entry : timeline.entries()) {
            rows.add(new Row(timeline.offset(entry.time()), TIME.format(entry.time()), entry.who(), entry.what(),
                    entry.details()));
        }
        return new IncidentView(incident.id(), incident.title(), incident.severity().name(),
                incident.status().name().toLowerCase(Locale.ROOT), incident.service(), incident.environment(), rows);
    }

    /**
     * Returns the messages of the builds that started this one, when the current user may read them: the deploy and
     * the alert that came before an incident.
     */
    private static List<Message> upstreamMessages(final Run<?, ?> run) {
        List<Message> messages = new ArrayList<>();
        for (Cause cause : run.getCauses()) {
            if (cause instanceof Cause.UpstreamCause upstream) {
                Run<?, ?> before = upstream.getUpstreamRun();
                if (before != null && readable(before)) {
                    messages.addAll(RunJournal.of(before).read());
                }
            }
        }
        return messages;
    }

    private static boolean readable(@CheckForNull final Run<?, ?> run) {
        return run != null && run.getParent().hasPermission(Item.READ);
    }
}
