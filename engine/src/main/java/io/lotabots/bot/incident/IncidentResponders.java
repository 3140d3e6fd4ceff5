package io.lotabots.bot.incident;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotSecret;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is told when an incident changes: paging (PagerDuty Events v2, SMS to the on-call, e-mail to leadership for
 * P1), the war room (a Slack channel per incident) and the escalation policy. IncidentBot calls it after each change
 * is stored. What it did, and what failed, comes back as events for the incident's timeline and links to keep with
 * it, so that a vendor that is down never loses the incident: the failure is a warning on its timeline.
 */
public interface IncidentResponders {
    /**
     * Tells everyone about a new incident: pages, opens the war room.
     *
     * @param incident the incident as stored
     * @return what was done
     */
    Response opened(Incident incident);

    /**
     * Tells about a change of an open incident: a repeat of its alert, a new severity or summary, a note.
     *
     * @param incident the incident as stored
     * @param change the event that changed it
     * @return what was done
     */
    Response updated(Incident incident, IncidentEvent change);

    /**
     * Tells that someone acknowledged the incident: the page is acknowledged, escalation stops.
     *
     * @param incident the incident as stored
     * @return what was done
     */
    Response acknowledged(Incident incident);

    /**
     * Tells that the incident is resolved: the page is resolved, the war room archived.
     *
     * @param incident the incident as stored
     * @return what was done
     */
    Response resolved(Incident incident);

    /**
     * Applies the escalation policy at a moment: re-pages or pages the next level if nobody acknowledged in time.
     * Calling it twice at the same moment does nothing the second time; what was already done is read from the
     * incident's events.
     *
     * @param incident the incident as stored
     * @param now the moment
     * @return what was done, empty if nothing was due
     */
    Response escalate(Incident incident, Instant now);

    /**
     * Returns responders that tell no one.
     *
     * @return the responders
     */
    static IncidentResponders none() {
        return new IncidentResponders() {
            @Override
            public Response opened(final Incident incident) {
                return Response.NOTHING;
            }

            @Override
            public Response updated(final Incident incident, final IncidentEvent change) {
                return Response.NOTHING;
            }

            @Override
            public Response acknowledged(final Incident incident) {
                return Response.NOTHING;
            }

            @Override
            public Response resolved(final Incident incident) {
                return Response.NOTHING;
            }

            @Override
            public Response escalate(final Incident incident, final Instant now) {
                return Response.NOTHING;
            }
        };
    }

    /**
     * What responders did.
     *
     * @param events for the incident's timeline, for example {@code paged}, {@code war-room}, {@code warning}
     * @param links to keep with the incident, for example {@code slack:C0123ABC}
     */
    record Response(List<IncidentEvent> events, List<String> links) {
        /** Nothing was done. */
        public static final Response NOTHING = new Response(List.of(), List.of());

        /**
         * Copies the lists.
         */
        public Response {
            events = List.copyOf(Objects.requireNonNull(events, "events"));
            links = List.copyOf(Objects.requireNonNull(links, "links"));
        }
    }

    /**
     * Makes responders for one IncidentBot run from its options.
     */
    interface Factory {
        /**
         * Returns the options the responders read, added to IncidentBot's own.
         *
         * @return the options
         */
        List<BotOption<?>> options();

        /**
         * Returns the secrets the responders read, declared with IncidentBot's own so that every front-end binds
         * and masks them.
         *
         * @return the secrets
         */
        default List<BotSecret> secrets() {
            return List.of();
        }

        /**
         * Makes the responders; settings and secrets are checked here, before anything changes.
         *
         * @param options option name to value, as the front-end gave them
         * @param context the context, for secrets, HTTP and the log
         * @return the responders
         */
        IncidentResponders create(Map<String, ?> options, BotContext context);

        /**
         * Returns a factory of responders that tell no one.
         *
         * @return the factory
         */
        static Factory none() {
            return new Factory() {
                @Override
                public List<BotOption<?>> options() {
                    return List.of();
                }

                @Override
                public IncidentResponders create(final Map<String, ?> options, final BotContext context) {
                    return IncidentResponders.none();
                }
            };
        }
    }
}
