package io.lotabots.acceptance;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.UnaryOperator;

/**
 * Skips the acceptance tests, saying why, when no Jenkins is given: a skipped test is reported as skipped, never as
 * passed.
 */
final class JenkinsCondition implements ExecutionCondition {
    /** The reason every acceptance test gives when it is skipped for want of a Jenkins. */
    static final String REASON = "JENKINS_URL is not set: the acceptance tests need a Jenkins with the LotaBots "
            + "plugin installed";

    private final UnaryOperator<String> environment;

    /** Reads the process environment (JUnit creates the extension through this constructor). */
    JenkinsCondition() {
        this(System::getenv);
    }

    JenkinsCondition(final UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
        return evaluate();
    }

    ConditionEvaluationResult evaluate() {
        String url = environment.apply("JENKINS_URL");
        if (url == null || url.isBlank()) {
            return ConditionEvaluationResult.disabled(REASON);
        }
        return ConditionEvaluationResult.enabled("JENKINS_URL is " + url.strip());
    }
}
