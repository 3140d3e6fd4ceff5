package io.lotabots.reaction;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.AlertTriggered;
import io.lotabots.message.BusMessage;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.Message;
import io.lotabots.message.SecurityCveAlert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReactionRulesTest {
    static final String ISSUE_EXAMPLES = """
            rules:
              - name: incident-after-deploy
                on: alert.triggered
                when:
                  severity: critical
                after:
                  - type: deploy.completed
                    within: 30m
                    same: [environment]
                run:
                  scenario: incident-response
                  approve: [rollback]
              - name: cve-security-first
                on: security.cve_alert
                when: {affected: true}
                run: {scenario: security-first}
            """;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    private Path folder;

    private final History history = new History();

    @Test
    void shouldReadTheIssuesExampleRules() {
        ReactionRules rules = parse(ISSUE_EXAMPLES);

        assertThat(rules.getRules()).hasSize(2);
        ReactionRule incident = rules.getRules().get(0);
        assertThat(incident.on()).isEqualTo("alert.triggered");
        assertThat(incident.conditions()).singleElement().hasToString("severity = critical");
        assertThat(incident.after()).singleElement().satisfies(prior -> {
            assertThat(prior.type()).isEqualTo("deploy.completed");
            assertThat(prior.within()).isEqualTo(Duration.ofMinutes(30));
            assertThat(prior.same()).containsExactly("environment");
        });
        assertThat(incident.action().kind()).isEqualTo(ReactionRule.Kind.SCENARIO);
        assertThat(incident.action().target()).isEqualTo("incident-response");
        assertThat(incident.action().approvals()).containsExactly("rollback");
        assertThat(incident.throttle()).isEqualTo(ReactionRule.Throttle.DEFAULT);
        assertThat(incident.line()).isEqualTo(2);
        assertThat(rules.triggerTypes()).containsExactly("alert.triggered", "security.cve_alert");
        assertThat(rules.lookBack()).isEqualTo(Map.of("deploy.completed", Duration.ofMinutes(30)));
    }

    @Test
    void shouldStartIncidentResponseForACriticalAlertWithinTheWindowOfADeployToTheSameEnvironment() {
        ReactionRules rules = parse(ISSUE_EXAMPLES);
        history.add(deploy("d-staging", T0.plusSeconds(60), "staging"));
        history.add(deploy("d-prod", T0, "production"));

        List<ReactionDecision> decisions = rules.evaluate(alert("a1", T0.plus(Duration.ofMinutes(29)), "critical",
                "production"), history, T0);

        assertThat(decisions).singleElement().satisfies(decision -> {
            assertThat(decision.outcome()).isEqualTo(ReactionDecision.Outcome.START);
            assertThat(decision.rule().name()).isEqualTo("incident-after-deploy");
            assertThat(decision.reason()).contains("severity = critical").contains("29m after deploy.completed d-prod")
                    .contains("same environment");
        });
    }

    @Test
    void shouldNotStartOutsideTheWindowForAnotherEnvironmentOrAnotherSeverity() {
        ReactionRules rules = parse(ISSUE_EXAMPLES);
        history.add(deploy("d-prod", T0, "production"));

        assertThat(rules.evaluate(alert("late", T0.plus(Duration.ofMinutes(31)), "critical", "production"), history,
                T0)).isEmpty();
        assertThat(rules.evaluate(alert("other", T0.plusSeconds(60), "critical", "staging"), history, T0)).isEmpty();
        assertThat(rules.evaluate(alert("none", T0.plusSeconds(60), "critical", null), history, T0)).isEmpty();
        assertThat(rules.evaluate(alert("warn", T0.plusSeconds(60), "warning", "production"), history, T0)).isEmpty();
        assertThat(rules.evaluate(alert("before", T0.minusSeconds(1), "critical", "production"), history, T0))
                .isEmpty();
    }

    @Test
    void shouldStartSecurityFirstOnlyForAnAffectedCodebase() {
        ReactionRules rules = parse(ISSUE_EXAMPLES);

        assertThat(rules.evaluate(cve("c1", true), history, T0)).singleElement()
                .satisfies(decision -> assertThat(decision.rule().action().target()).isEqualTo("security-first"));
        assertThat(rules.evaluate(cve("c2", false), history, T0)).isEmpty();
    }

    @Test
    void shouldCompareNumbersOneOfAndExistence() {
        ReactionRules rules = parse("""
                rules:
                  - name: r
                    on: alert.triggered
                    when:
                      value: {gt: 5, le: 10}
                      severity: [critical, high]
                      environment: {exists: true}
                    run: {bot: notify, options: {channel: console}}
                """);

        assertThat(rules.evaluate(alert("a", T0, "high", "prod", 7.0), history, T0)).hasSize(1);
        assertThat(rules.evaluate(alert("b", T0, "high", "prod", 5.0), history, T0)).isEmpty();
        assertThat(rules.evaluate(alert("c", T0, "high", "prod", 10.5), history, T0)).isEmpty();
        assertThat(rules.evaluate(alert("d", T0, "low", "prod", 7.0), history, T0)).isEmpty();
        assertThat(rules.evaluate(alert("e", T0, "high", null, 7.0), history, T0)).isEmpty();
        assertThat(rules.getRules().get(0).action().options()).containsEntry("channel", "console");
    }

    @Test
    void shouldCutALoopAlongTheCausationChain() {
        ReactionRules rules = parse("""
                rules:
                  - {name: again, on: alert.triggered, run: {bot: notify}}
                """);
        Message trigger = alert("t", T0, "critical", "production");
        history.reactions.add("again\nt");
        history.causes.put("deploy-of-reaction", "t");
        Message caused = Message.builder(new AlertTriggered("HighErrorRate", "critical", "error_rate", 9.0, 5.0,
                "production")).source("MonitorBot").id("caused").time(T0.plusSeconds(5))
                .causationId("deploy-of-reaction").build();

        assertThat(rules.evaluate(caused, history, T0)).singleElement().satisfies(decision -> {
            assertThat(decision.outcome()).isEqualTo(ReactionDecision.Outcome.LOOP);
            assertThat(decision.reason()).contains("own reaction to t");
        });
        assertThat(rules.evaluate(trigger, history, T0)).as("a message already handled decides nothing").isEmpty();
    }

    @Test
    void shouldLetAnotherRuleReactToAMessageCausedByAReaction() {
        ReactionRules rules = parse("""
                rules:
                  - {name: first, on: alert.triggered, run: {bot: notify}}
                  - {name: second, on: alert.triggered, run: {bot: notify}}
                """);
        history.reactions.add("first\nt");
        Message caused = Message.builder(new AlertTriggered("X", "critical", "m", 1.0, 0.0, null)).source("M")
                .id("caused").time(T0).causationId("t").build();

        assertThat(rules.evaluate(caused, history, T0)).extracting(decision -> decision.rule().name() + " "
                + decision.outcome()).containsExactly("first LOOP", "second START");
    }

    @Test
    void shouldThrottleARuleThatStartedItsMostRunsInTheWindowAndSaySo() {
        ReactionRules rules = parse("""
                rules:
                  - name: noisy
                    on: alert.triggered
                    run: {bot: notify}
                    throttle: {max: 2, per: 10m}
                """);
        history.starts.put("noisy", List.of(T0.minus(Duration.ofMinutes(11)), T0.minus(Duration.ofMinutes(5))));

        assertThat(rules.evaluate(alert("a", T0, "critical", null), history, T0)).singleElement()
                .extracting(ReactionDecision::outcome).isEqualTo(ReactionDecision.Outcome.START);

        history.starts.put("noisy", List.of(T0.minus(Duration.ofMinutes(9)), T0.minus(Duration.ofMinutes(5))));
        assertThat(rules.evaluate(alert("b", T0, "critical", null), history, T0)).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(ReactionDecision.Outcome.THROTTLED);
            assertThat(d.reason()).isEqualTo("throttled: the rule started 2 runs in the last 10m, its most (throttle"
                    + " max 2 per 10m); bot notify is not started for alert.triggered b");
        });
    }

    @Test
    void shouldNameFileLineAndFieldOfAnUnknownMessageType() {
        assertThatThrownBy(() -> parse("""
                rules:
                  - name: r
                    on: alert.trigered
                    run: {bot: notify}
                """)).isInstanceOf(LotaBotsException.class)
                .hasMessageStartingWith("The reaction rules file rules.yaml line 3 field rules[0].on 'alert.trigered'"
                        + " is not a message type of the catalogue (did you mean 'alert.triggered'?)");
    }

    @Test
    void shouldNameAnUnknownPayloadFieldWithTheFieldsOfTheType() {
        assertThatThrownBy(() -> parse("""
                rules:
                  - name: r
                    on: alert.triggered
                    when:
                      severty: critical
                    run: {bot: notify}
                """)).hasMessageStartingWith("The reaction rules file rules.yaml line 5 field rules[0].when.severty"
                        + " 'severty' is not a payload field of alert.triggered (did you mean 'severity'?); its fields"
                        + " are alert_name, severity");
        assertThatThrownBy(() -> parse("""
                rules:
                  - name: r
                    on: alert.triggered
                    after: [{type: security.cve_alert, within: 1h, same: [environment]}]
                    run: {bot: notify}
                """)).hasMessageContaining("field rules[0].after[0].same[0] 'environment' is not a payload field of"
                        + " security.cve_alert");
    }

    @Test
    void shouldRefuseValuesOfTheWrongKindAndComparisonsOfText() {
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: security.cve_alert, when: {affected: 'yes'},"
                + " run: {bot: notify}}\n"))
                .hasMessageContaining("field rules[0].when.affected 'yes' cannot be compared with the field affected,"
                        + " which is true or false");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered, when: {severity: {gt: 3}},"
                + " run: {bot: notify}}\n"))
                .hasMessageContaining("field rules[0].when.severity.gt compares a number, but the field severity of"
                        + " the message is text");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered, when: {value: {above: 3}},"
                + " run: {bot: notify}}\n"))
                .hasMessageContaining("field rules[0].when.value.above is not a comparison");
    }

    @Test
    void shouldRefuseMissingOrAmbiguousActionsBadWindowsAndRepeatedNames() {
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered}\n"))
                .hasMessageContaining("field rules[0].run is missing");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered, run: {bot: a, scenario: b}}\n"))
                .hasMessageContaining("either a scenario");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered, run: {bot: a},"
                + " after: [{type: deploy.completed, within: soon}]}\n"))
                .hasMessageContaining("field rules[0].after[0].within 'soon' is not a duration");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered, run: {bot: a},"
                + " after: [{type: deploy.completed, within: 30d}]}\n"))
                .hasMessageContaining("at most 7 days");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered, run: {bot: a}}\n"
                + "  - {name: r, on: alert.triggered, run: {bot: a}}\n"))
                .hasMessageContaining("line 3 field rules[1].name repeats the name 'r'");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered, run: {bot: a},"
                + " throttle: {max: 0, per: 1h}}\n"))
                .hasMessageContaining("field rules[0].throttle.max must be a whole number from 1 to 1000");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: alert.triggered, run: {bot: a}, tirgger: x}\n"))
                .hasMessageContaining("field rules[0].tirgger is not a known key");
    }

    @Test
    void shouldRefuseMalformedAndHostileFilesNamingTheLine() {
        assertThatThrownBy(() -> parse("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> parse("- just\n- a list\n")).hasMessageContaining("must be a map with the key 'rules'");
        assertThatThrownBy(() -> parse("rules:\n  - {name: r, on: [unclosed\n"))
                .hasMessageStartingWith("The reaction rules file rules.yaml line").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parse("rules:\n  - &r {name: r, on: alert.triggered, run: {bot: a}}\n  - *r\n"))
                .hasMessageContaining("line 3").hasMessageContaining("alias '*r'");
        assertThatThrownBy(() -> parse("rules: []\nrules: []\n")).hasMessageContaining("Duplicate field 'rules'");
        assertThatThrownBy(() -> parse("rules:\n  - " + "[".repeat(100) + "]".repeat(100) + "\n"))
                .isInstanceOf(LotaBotsException.class);
    }

    @Test
    void shouldRefuseAHugeFileBeforeParsingIt() throws IOException {
        Path huge = folder.resolve("huge.yaml");
        try (var out = Files.newBufferedWriter(huge)) {
            out.write("rules:\n");
            for (int i = 0; i < 20_000; i++) {
                out.write("  - {name: r" + i + ", on: alert.triggered, run: {bot: notify}}\n");
            }
        }

        assertThatThrownBy(() -> ReactionRules.load(huge, "huge.yaml"))
                .hasMessage("The reaction rules file huge.yaml is refused: the file is larger than 256 KiB; is it the"
                        + " right file?");
        assertThatThrownBy(() -> ReactionRules.load(folder.resolve("missing.yaml"), "missing.yaml"))
                .hasMessageContaining("missing.yaml does not exist");
    }

    private static ReactionRules parse(final String yaml) {
        return ReactionRules.parse(yaml.getBytes(StandardCharsets.UTF_8), "rules.yaml");
    }

    static Message deploy(final String id, final Instant time, final String environment) {
        return message(id, time, new DeployCompleted(environment, "1.2.3", 12.0, null, null, null, null));
    }

    static Message alert(final String id, final Instant time, final String severity,
            @CheckForNull final String environment) {
        return alert(id, time, severity, environment, 9.0);
    }

    static Message alert(final String id, final Instant time, final String severity,
            @CheckForNull final String environment, final double value) {
        return message(id, time, new AlertTriggered("HighErrorRate", severity, "error_rate", value, 5.0,
                environment));
    }

    static Message cve(final String id, final boolean affected) {
        return message(id, T0, new SecurityCveAlert("CVE-2021-44228", affected, null, null, null, null));
    }

    private static Message message(final String id, final Instant time, final BusMessage payload) {
        return Message.builder(payload).source("TestBot").id(id).time(time).build();
    }

    /**
     * A history in memory.
     */
    static final class History implements ReactionHistory {
        private final List<Message> messages = new ArrayList<>();
        private final Map<String, String> causes = new HashMap<>();
        private final Set<String> reactions = new java.util.HashSet<>();
        private final Map<String, List<Instant>> starts = new HashMap<>();

        void add(final Message message) {
            messages.add(message);
        }

        @Override
        public List<Message> earlier(final String type, final Instant from, final Instant until) {
            return messages.stream().filter(m -> m.getType().equals(type) && !m.getTime().isBefore(from)
                    && !m.getTime().isAfter(until)).toList();
        }

        @Override
        @CheckForNull
        public String causeOf(final String messageId) {
            return causes.get(messageId);
        }

        @Override
        public boolean reacted(final String rule, final String messageId) {
            return reactions.contains(rule + "\n" + messageId);
        }

        @Override
        public long startsSince(final String rule, final Instant since) {
            return starts.getOrDefault(rule, List.of()).stream().filter(t -> !t.isBefore(since)).count();
        }
    }
}
