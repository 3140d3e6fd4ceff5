package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Set;

/**
 * A monitoring window ended with a verdict on the release.
 * The payload of the message type {@value #TYPE}.
 *
 * @param verdict the verdict.
 * @param score weighted score of the criteria, 0 to 100.
 * @param environment environment that was watched.
 * @param criteria result of each criterion.
 * @param problems what went wrong while watching (health checks that failed, Prometheus queries that did not
 *        answer), the first {@value #MAX_PROBLEMS}.
 */
@MessageTypeInfo(name = MonitorVerdict.TYPE, version = 1)
@Doc("A monitoring window ended with a verdict on the release.")
public record MonitorVerdict(
        @Doc(value = "The verdict.") String verdict,
        @Doc(value = "Weighted score of the criteria, 0 to 100.") Double score,
        @Doc(value = "Environment that was watched.", optional = true) @CheckForNull String environment,
        @Doc(value = "Result of each criterion.", optional = true) List<CriterionResult> criteria,
        @Doc(value = "What went wrong while watching (health checks that failed, Prometheus queries that did not"
                + " answer), the first 10.", optional = true) List<String> problems) implements BusMessage {
    /** The message type. */
    public static final String TYPE = "monitor.verdict";
    /** The most problems a verdict carries. */
    public static final int MAX_PROBLEMS = 10;
    private static final Set<String> VERDICT_VALUES = Set.of("pass", "warning", "fail");

    /**
     * Checks every field.
     */
    public MonitorVerdict {
        verdict = PayloadChecks.requiredOneOf(TYPE, "verdict", verdict, VERDICT_VALUES);
        score = PayloadChecks.requiredPercentage(TYPE, "score", score);
        environment = PayloadChecks.optionalText(TYPE, "environment", environment);
        criteria = PayloadChecks.list(TYPE, "criteria", criteria);
        problems = PayloadChecks.list(TYPE, "problems", problems);
    }

    /**
     * Creates a verdict without problems.
     *
     * @param verdict the verdict
     * @param score the score
     * @param environment the environment, or {@code null}
     * @param criteria the result of each criterion
     */
    public MonitorVerdict(final String verdict, final Double score, @CheckForNull final String environment,
            final List<CriterionResult> criteria) {
        this(verdict, score, environment, criteria, List.of());
    }
}
