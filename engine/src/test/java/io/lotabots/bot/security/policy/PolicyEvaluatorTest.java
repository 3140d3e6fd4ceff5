package io.lotabots.bot.security.policy;

import io.lotabots.bot.BotStatus;
import io.lotabots.bot.Criticality;
import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.SecurityFinding;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.lotabots.bot.security.policy.Findings.secret;
import static io.lotabots.bot.security.policy.Findings.vulnerability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyEvaluatorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final SecurityFinding LOG4SHELL = vulnerability("GHSA-jfh8-c2jp-5v3q", Severity.CRITICAL, "log4j-core");
    private static final SecurityFinding JACKSON = vulnerability("GHSA-57j2-w4cx-62h2", Severity.HIGH, "jackson-databind");
    private static final SecurityFinding COMMONS = vulnerability("GHSA-xxxx-medium", Severity.MEDIUM, "commons-text");
    private static final SecurityFinding NO_SCORE = vulnerability("OSV-2026-1", Severity.UNKNOWN, "tiny-lib");
    private static final SecurityFinding AWS_KEY = secret("aws-access-key-id", "src/main/resources/app.properties");

    private static PolicyOutcome evaluate(final String failOn, final boolean newOnly, final Suppressions suppressions,
            final Optional<Baseline> baseline, final SecurityFinding... findings) {
        SecurityPolicy policy = new SecurityPolicy(SecurityPolicy.parseFailOn(failOn), Criticality.FAILURE, newOnly);
        return new PolicyEvaluator(policy, suppressions, baseline).evaluate(List.of(findings), Set.of(), TODAY);
    }

    @Test
    void failsTheGateOnFindingsAtOrAboveTheSeverityAndNamesThem() {
        PolicyOutcome outcome = evaluate("high", false, Suppressions.none(), Optional.empty(), LOG4SHELL, JACKSON, COMMONS);

        assertThat(outcome.gate().passed()).isFalse();
        assertThat(outcome.gate().toStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(outcome.gate().detail()).isEqualTo("2 findings at high or above: GHSA-jfh8-c2jp-5v3q (critical, pom.xml:12), "
                + "GHSA-57j2-w4cx-62h2 (high, pom.xml:12)");
    }

    @Test
    void passesTheGateWhenEveryFindingIsBelowTheSeverity() {
        PolicyOutcome outcome = evaluate("critical", false, Suppressions.none(), Optional.empty(), JACKSON, COMMONS);

        assertThat(outcome.gate().passed()).isTrue();
        assertThat(outcome.gate().detail()).isEqualTo("no findings at critical or above");
    }

    @Test
    void marksTheRunUnstableWhenTheGateHasThatCriticality() {
        SecurityPolicy policy = new SecurityPolicy(Severity.HIGH, Criticality.UNSTABLE, false);

        PolicyOutcome outcome = new PolicyEvaluator(policy, Suppressions.none(), Optional.empty())
                .evaluate(List.of(JACKSON), Set.of(), TODAY);

        assertThat(outcome.gate().toStatus()).isEqualTo(BotStatus.UNSTABLE);
    }

    @Test
    void countsUnknownSeverityAsMediumSoAnUnscoredAdvisoryIsNotIgnored() {
        assertThat(evaluate("medium", false, Suppressions.none(), Optional.empty(), NO_SCORE).gate().passed()).isFalse();
        assertThat(evaluate("high", false, Suppressions.none(), Optional.empty(), NO_SCORE).gate().passed()).isTrue();
    }

    @Test
    void neverFailsWithFailOnNone() {
        PolicyOutcome outcome = evaluate("none", false, Suppressions.none(), Optional.empty(), LOG4SHELL, AWS_KEY);

        assertThat(outcome.gate().passed()).isTrue();
        assertThat(outcome.vulnerabilities()).containsEntry("critical", 1);
        assertThat(outcome.secretsFound()).isEqualTo(1);
    }

    @Test
    void countsVulnerabilitiesBySeverityAndSecretsApart() {
        PolicyOutcome outcome = evaluate("none", false, Suppressions.none(), Optional.empty(),
                LOG4SHELL, JACKSON, COMMONS, NO_SCORE, AWS_KEY);

        assertThat(outcome.vulnerabilities()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("critical", 1, "high", 1, "medium", 1, "low", 0, "unknown", 1));
        assertThat(outcome.secretsFound()).isEqualTo(1);
    }

    @Test
    void tellsNewFixedAndOutstandingApartAgainstTheBaseline() {
        Baseline previous = new Baseline(Set.of(LOG4SHELL.fingerprint(), "gone-since-last-run"), "last run");

        PolicyOutcome outcome = evaluate("high", false, Suppressions.none(), Optional.of(previous), LOG4SHELL, JACKSON);

        assertThat(outcome.hasBaseline()).isTrue();
        assertThat(outcome.getNew()).extracting(f -> f.finding().ruleId()).containsExactly("GHSA-57j2-w4cx-62h2");
        assertThat(outcome.getOutstanding()).extracting(f -> f.finding().ruleId()).containsExactly("GHSA-jfh8-c2jp-5v3q");
        assertThat(outcome.fixed()).containsExactly("gone-since-last-run");
    }

    @Test
    void countsOnlyNewFindingsInTheGateWhenAskedTo() {
        Baseline previous = new Baseline(Set.of(LOG4SHELL.fingerprint()), "last run");

        PolicyOutcome known = evaluate("high", true, Suppressions.none(), Optional.of(previous), LOG4SHELL);
        PolicyOutcome added = evaluate("high", true, Suppressions.none(), Optional.of(previous), LOG4SHELL, JACKSON);

        assertThat(known.gate().passed()).isTrue();
        assertThat(known.gate().detail()).isEqualTo("no new findings at high or above");
        assertThat(added.gate().passed()).isFalse();
        assertThat(added.gate().detail()).startsWith("1 new findings at high or above: GHSA-57j2-w4cx-62h2");
    }

    @Test
    void treatsEveryFindingAsNewAndNoneAsFixedWithoutABaseline() {
        PolicyOutcome outcome = evaluate("high", true, Suppressions.none(), Optional.empty(), LOG4SHELL);

        assertThat(outcome.hasBaseline()).isFalse();
        assertThat(outcome.getNew()).hasSize(1);
        assertThat(outcome.fixed()).isEmpty();
        assertThat(outcome.gate().passed()).isFalse();
    }

    @Test
    void leavesSuppressedFindingsOutOfCountsAndGate() {
        Suppressions suppressions = Suppressions.of(List.of(new Suppression("GHSA-jfh8-c2jp-5v3q", null, null,
                "JNDI lookups disabled", LocalDate.of(2026, 12, 31), "suppressions.yaml:2")));

        PolicyOutcome outcome = evaluate("high", false, suppressions, Optional.empty(), LOG4SHELL);

        assertThat(outcome.gate().passed()).isTrue();
        assertThat(outcome.vulnerabilities()).containsEntry("critical", 0);
        assertThat(outcome.findings()).singleElement().extracting(AssessedFinding::state)
                .isEqualTo(AssessedFinding.State.SUPPRESSED);
    }

    @Test
    void countsAFindingAgainOnceItsSuppressionHasExpiredAndSaysSo() {
        Suppressions suppressions = Suppressions.of(List.of(new Suppression("GHSA-jfh8-c2jp-5v3q", null, null,
                "until the upgrade", LocalDate.of(2026, 11, 24), "suppressions.yaml:2")));

        PolicyOutcome outcome = evaluate("high", false, suppressions, Optional.empty(), LOG4SHELL);

        assertThat(outcome.gate().passed()).isFalse();
        assertThat(outcome.getExpiredSuppressions()).singleElement()
                .satisfies(f -> assertThat(f.suppression().origin()).isEqualTo("suppressions.yaml:2"));
    }

    @Test
    void keepsASuppressionOnItsLastDay() {
        Suppressions suppressions = Suppressions.of(List.of(new Suppression("GHSA-jfh8-c2jp-5v3q", null, null,
                "until the upgrade", TODAY, "suppressions.yaml:2")));

        assertThat(evaluate("high", false, suppressions, Optional.empty(), LOG4SHELL).gate().passed()).isTrue();
    }

    @Test
    void leavesSecretsTheScannerAcceptedOutOfTheGate() {
        SecurityPolicy policy = new SecurityPolicy(Severity.HIGH, Criticality.FAILURE, false);

        PolicyOutcome outcome = new PolicyEvaluator(policy, Suppressions.none(), Optional.empty())
                .evaluate(List.of(AWS_KEY), Set.of(AWS_KEY.fingerprint()), TODAY);

        assertThat(outcome.gate().passed()).isTrue();
        assertThat(outcome.secretsFound()).isZero();
        assertThat(outcome.findings()).singleElement().extracting(AssessedFinding::state)
                .isEqualTo(AssessedFinding.State.ACCEPTED);
    }

    @Test
    void namesAtMostFiveOffendersInTheGateDetail() {
        SecurityFinding[] many = new SecurityFinding[7];
        for (int i = 0; i < many.length; i++) {
            many[i] = vulnerability("GHSA-" + i, Severity.HIGH, "lib-" + i);
        }

        PolicyOutcome outcome = evaluate("high", false, Suppressions.none(), Optional.empty(), many);

        assertThat(outcome.gate().detail()).startsWith("7 findings at high or above: GHSA-0").endsWith(" and 2 more");
    }

    @Test
    void refusesAnUnknownFailOnWord() {
        assertThatThrownBy(() -> SecurityPolicy.parseFailOn("severe"))
                .hasMessage("failOn 'severe' is not one of critical, high, medium, low, none");
    }
}
