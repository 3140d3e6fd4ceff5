package io.lotabots.message;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Set;

/**
 * The result of one monitoring criterion.
 *
 * @param criterion the criterion, for example error_rate < 5%.
 * @param result result of the criterion.
 * @param value measured value.
 * @param weight weight of the criterion in the score.
 */
@Doc("The result of one monitoring criterion.")
public record CriterionResult(
        @Doc(value = "The criterion, for example error_rate < 5%.") String criterion,
        @Doc(value = "Result of the criterion.") String result,
        @Doc(value = "Measured value.", optional = true) @CheckForNull Double value,
        @Doc(value = "Weight of the criterion in the score.", optional = true) @CheckForNull Double weight) {
    private static final Set<String> RESULT_VALUES = Set.of("pass", "warning", "fail");

    /**
     * Checks every field.
     */
    public CriterionResult {
        criterion = PayloadChecks.requiredText(MonitorVerdict.TYPE, "criterion", criterion);
        result = PayloadChecks.requiredOneOf(MonitorVerdict.TYPE, "result", result, RESULT_VALUES);
        value = PayloadChecks.finite(MonitorVerdict.TYPE, "value", value);
        weight = PayloadChecks.nonNegative(MonitorVerdict.TYPE, "weight", weight);
    }
}
