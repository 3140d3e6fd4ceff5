package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What IncidentBot is asked to do: one action and the values it needs. Built by the descriptor from option values,
 * or by {@link #builder(IncidentAction)}.
 *
 * @param action what to do
 * @param id the incident, for every action but open and list
 * @param title open: the title (default: from the alert); update: the new title
 * @param alertName open: the alert's name, part of the default dedup key
 * @param alertSeverity open: the alert's severity, mapped to the incident's through {@code severityMap}
 * @param severity open and update: the severity, which wins over the mapped one
 * @param severityMap alert severity (lower case) to incident severity
 * @param service open: the service affected; list: only this service's
 * @param environment open: the environment affected; list: only this environment's
 * @param dedupKey open: the key; default {@code <service>/<alert name>}
 * @param status update: the new status; list: only incidents in it ({@code open}, {@code all} or a status)
 * @param summary update and resolve: the summary of cause and impact
 * @param note note, acknowledge, update and resolve: what was said
 * @param by who acts; empty for the user of the environment ({@code BUILD_USER_ID}, {@code USER}, {@code LOGNAME})
 * @param commander acknowledge and update: who leads the incident
 * @param cause the id of the message that caused the action, for example an {@code alert.triggered}
 * @param store the kind of store, {@code file}
 * @param storeFolder the file store's folder, relative to the workspace
 * @param template postmortem: a Markdown template file relative to the workspace, or {@code null} for the default
 * @param postmortemFile postmortem: where the draft goes, or {@code null} or empty for
 *        {@code .lotabots/postmortems/<id>.md}
 * @param window how long before the incident was opened the timeline looks for deploys and alerts
 * @param responderOptions the values of the responders' options
 */
public record IncidentRequest(IncidentAction action, @CheckForNull String id, @CheckForNull String title,
        @CheckForNull String alertName, @CheckForNull String alertSeverity, @CheckForNull IncidentSeverity severity,
        Map<String, IncidentSeverity> severityMap, @CheckForNull String service, @CheckForNull String environment,
        @CheckForNull String dedupKey, @CheckForNull String status, @CheckForNull String summary,
        @CheckForNull String note, String by, @CheckForNull String commander, @CheckForNull String cause,
        String store, String storeFolder, @CheckForNull String template, @CheckForNull String postmortemFile,
        Duration window, Map<String, Object> responderOptions) {
    /**
     * Checks the fields and copies the maps.
     */
    public IncidentRequest {
        Objects.requireNonNull(action, "action");
        severityMap = Map.copyOf(severityMap);
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(storeFolder, "storeFolder");
        Objects.requireNonNull(window, "window");
        responderOptions = Map.copyOf(responderOptions);
    }

    /**
     * Starts a request with the descriptor's defaults.
     *
     * @param action what to do
     * @return a builder
     */
    public static Builder builder(final IncidentAction action) {
        return new Builder(action);
    }

    /**
     * Builds an {@link IncidentRequest} from IncidentBot's own options (not the responders'); every value not set has
     * the descriptor's default.
     */
    public static final class Builder {
        private final IncidentAction action;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(final IncidentAction action) {
            this.action = Objects.requireNonNull(action);
            values.put(IncidentBotDescriptor.ACTION.getName(), action.word());
        }

        /**
         * Sets an option by its name, as a front-end does.
         *
         * @param option the camelCase name, for example {@code service}
         * @param value the value, or {@code null} for the default
         * @return this
         */
        public Builder set(final String option, @CheckForNull final Object value) {
            values.put(option, value);
            return this;
        }

        /**
         * Builds the request, checked as the descriptor checks option values.
         *
         * @return the request
         */
        public IncidentRequest build() {
            return IncidentBotDescriptor.of(IncidentResponders.Factory.none()).createRequest(values);
        }

        @Override
        public String toString() {
            return action.word() + " " + values;
        }
    }
}
