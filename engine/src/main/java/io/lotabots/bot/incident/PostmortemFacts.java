package io.lotabots.bot.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.message.AlertTriggered;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The measured moments of an incident, from its timeline:
 * <ul>
 *     <li>detection: the first {@code alert.triggered} of the timeline, else the opening (T+0);</li>
 *     <li>start of impact: the last {@code deploy.completed} of the timeline at or before the detection, else the
 *     detection;</li>
 *     <li>mitigation: the first of the incident marked mitigated, the incident resolved, or a
 *     {@code deploy.rolled_back} of the timeline after the detection;</li>
 *     <li>time to detect = detection - start of impact; time to mitigate = mitigation - detection; total downtime =
 *     mitigation - start of impact; time to acknowledge = first acknowledgement - opening; time to resolve =
 *     resolution - opening.</li>
 * </ul>
 *
 * @param detectedAt detection
 * @param impactStart start of impact
 * @param acknowledgedAt first acknowledgement, or {@code null}
 * @param mitigatedAt mitigation, or {@code null} while the impact goes on
 * @param resolvedAt resolution, or {@code null} while open
 * @param openedAt opening
 */
public record PostmortemFacts(Instant detectedAt, Instant impactStart, @CheckForNull Instant acknowledgedAt,
        @CheckForNull Instant mitigatedAt, @CheckForNull Instant resolvedAt, Instant openedAt) {
    /**
     * Measures an incident from its timeline.
     *
     * @param timeline the timeline
     * @return the facts
     */
    public static PostmortemFacts of(final IncidentTimeline timeline) {
        Incident incident = timeline.getIncident();
        Instant detected = timeline.messages(AlertTriggered.TYPE).stream().map(Message::getTime)
                .min(Comparator.naturalOrder()).orElse(incident.openedAt());
        Instant impact = timeline.messages(DeployCompleted.TYPE).stream().map(Message::getTime)
                .filter(time -> !time.isAfter(detected)).max(Comparator.naturalOrder()).orElse(detected);
        Instant mitigated = Stream.of(
                incident.firstEvent(IncidentEvent.MITIGATED).map(IncidentEvent::time),
                incident.firstEvent(IncidentEvent.RESOLVED).map(IncidentEvent::time),
                timeline.messages(DeployRolledBack.TYPE).stream().map(Message::getTime)
                        .filter(time -> !time.isBefore(detected)).findFirst())
                .flatMap(Optional::stream).min(Comparator.naturalOrder()).orElse(null);
        return new PostmortemFacts(detected, impact,
                incident.firstEvent(IncidentEvent.ACKNOWLEDGED).map(IncidentEvent::time).orElse(null), mitigated,
                incident.firstEvent(IncidentEvent.RESOLVED).map(IncidentEvent::time).orElse(null),
                incident.openedAt());
    }

    /**
     * Returns the time to detect.
     *
     * @return start of impact to detection
     */
    public Duration timeToDetect() {
        return Duration.between(impactStart, detectedAt);
    }

    /**
     * Returns the time to mitigate.
     *
     * @return detection to mitigation, or empty while the impact goes on
     */
    public Optional<Duration> timeToMitigate() {
        return Optional.ofNullable(mitigatedAt).map(end -> Duration.between(detectedAt, end));
    }

    /**
     * Returns the total downtime.
     *
     * @return start of impact to mitigation, or empty while the impact goes on
     */
    public Optional<Duration> totalDowntime() {
        return Optional.ofNullable(mitigatedAt).map(end -> Duration.between(impactStart, end));
    }

    /**
     * Returns the time to acknowledge.
     *
     * @return opening to first acknowledgement, or empty if nobody acknowledged
     */
    public Optional<Duration> timeToAcknowledge() {
        return Optional.ofNullable(acknowledgedAt).map(end -> Duration.between(openedAt, end));
    }

    /**
     * Returns the time to resolve.
     *
     * @return opening to resolution, or empty while open
     */
    public Optional<Duration> timeToResolve() {
        return Optional.ofNullable(resolvedAt).map(end -> Duration.between(openedAt, end));
    }
}
