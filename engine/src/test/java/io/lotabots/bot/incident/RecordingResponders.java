package io.lotabots.bot.incident;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.OptionType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Responders that record what they were told and answer with a page event and a war-room link, or fail when asked
 * to, as a vendor that is down.
 */
final class RecordingResponders implements IncidentResponders, IncidentResponders.Factory {
    static final BotOption<String> ON_CALL = BotOption.optional("onCall", OptionType.STRING, "alice",
            "Who is paged.");

    final List<String> calls = new ArrayList<>();
    final List<Map<String, ?>> options = new ArrayList<>();
    boolean failing;

    @Override
    public List<BotOption<?>> options() {
        return List.of(ON_CALL);
    }

    @Override
    public IncidentResponders create(final Map<String, ?> values, final BotContext context) {
        options.add(values);
        return this;
    }

    private Response answer(final Incident incident, final String call, final Instant time) {
        calls.add(call + " " + incident.id() + " " + incident.status());
        if (failing) {
            throw new IllegalStateException("PagerDuty answered 503");
        }
        return new Response(List.of(new IncidentEvent(time, "paged", "PagerDuty", call + " sent to "
                + options.get(options.size() - 1).get("onCall"))), List.of("slack:C0" + incident.number()));
    }

    @Override
    public Response opened(final Incident incident) {
        return answer(incident, "opened", incident.updatedAt());
    }

    @Override
    public Response updated(final Incident incident, final IncidentEvent change) {
        return answer(incident, "updated:" + change.kind(), change.time());
    }

    @Override
    public Response acknowledged(final Incident incident) {
        return answer(incident, "acknowledged", incident.updatedAt());
    }

    @Override
    public Response resolved(final Incident incident) {
        return answer(incident, "resolved", incident.updatedAt());
    }

    @Override
    public Response escalate(final Incident incident, final Instant now) {
        calls.add("escalate " + incident.id() + " at " + now);
        return new Response(List.of(new IncidentEvent(now, "escalated", "PagerDuty", "paged the secondary")),
                List.of());
    }
}
