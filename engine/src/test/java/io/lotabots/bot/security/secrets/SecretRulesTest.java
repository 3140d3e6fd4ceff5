package io.lotabots.bot.security.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lotabots.error.LotaBotsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretRulesTest {
    private static final SecretRules BUILT_IN = SecretRules.builtIn();

    static Stream<Arguments> examples() throws IOException {
        try (InputStream in = SecretRules.class.getResourceAsStream(SecretRules.BUILT_IN_RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> result = new ArrayList<>();
            for (JsonNode rule : root.path("rules")) {
                List<String> match = new ArrayList<>();
                rule.path("examples").path("match").forEach(n -> match.add(n.asText()));
                List<String> noMatch = new ArrayList<>();
                rule.path("examples").path("noMatch").forEach(n -> noMatch.add(n.asText()));
                result.add(Arguments.of(rule.path("id").asText(), match, noMatch));
            }
            return result.stream();
        }
    }

    @Test
    void shouldLoadAtLeast120UniqueRules() {
        assertThat(BUILT_IN.size()).isGreaterThanOrEqualTo(120);
        assertThat(BUILT_IN.getRules()).extracting(SecretRule::getId).doesNotHaveDuplicates();
        assertThat(BUILT_IN.get("aws-access-key-id")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldMatchPositiveAndRejectNegativeExamples(final String id, final List<String> match,
            final List<String> noMatch) {
        assertThat(match).as("positive examples of %s", id).isNotEmpty();
        assertThat(noMatch).as("negative examples of %s", id).isNotEmpty();
        SecretRule rule = BUILT_IN.get(id).orElseThrow();
        List<SecretRule> set = new ArrayList<>();
        rule.getPairedWith().ifPresent(anchor -> set.add(BUILT_IN.get(anchor).orElseThrow()));
        set.add(rule);
        SecretScanner scanner = SecretScanner.of(SecretRules.of(set));
        for (String line : match) {
            assertThat(scanner.scanText("a.txt", line)).as("%s must find a secret in %s", id, line)
                    .extracting(SecretFinding::ruleId).containsExactly(id);
        }
        for (String line : noMatch) {
            assertThat(scanner.scanText("a.txt", line)).as("%s must not match %s", id, line)
                    .extracting(SecretFinding::ruleId).doesNotContain(id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldHaveANegativeExampleThatPassesTheKeywordFilter(final String id, final List<String> match,
            final List<String> noMatch) {
        SecretRule rule = BUILT_IN.get(id).orElseThrow();
        List<String> keywords = rule.getPairedWith().isPresent()
                ? BUILT_IN.get(rule.getPairedWith().get()).orElseThrow().getKeywords() : rule.getKeywords();

        assertThat(noMatch).as("a look-alike of %s that holds one of its keywords %s, so that the pattern and not"
                + " the pre-filter rejects it", id, keywords)
                .anySatisfy(line -> assertThat(keywords).anyMatch(line.toLowerCase(Locale.ROOT)::contains));
    }

    @Test
    void shouldRejectDuplicateIds() {
        SecretRule rule = SecretRule.of("x", "x", List.of("x"), "x(y)", "1", 0);
        assertThatThrownBy(() -> SecretRules.of(List.of(rule, rule)))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("'x'");
    }

    @Test
    void shouldRejectBrokenRegexAndMissingKeywords() {
        assertThatThrownBy(() -> SecretRule.of("x", "x", List.of("x"), "x(", "0", 0))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("does not compile");
        assertThatThrownBy(() -> SecretRule.of("x", "x", List.of(), "x", "0", 0))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("no keywords");
        assertThatThrownBy(() -> SecretRule.of("x", "x", List.of("x"), "x", "2", 0))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("group 2");
    }

    @Test
    void shouldAddAndDisableRulesFromConfig() {
        SecretRules changed = BUILT_IN.withConfig("{\"disabled\": [\"generic-secret\"], \"rules\": [{\"id\": \"acme\","
                + " \"keywords\": [\"acme_\"], \"regex\": \"(acme_[a-z0-9]{10})\", \"secretGroup\": 1}]}", "cfg.json");
        assertThat(changed.get("generic-secret")).isEmpty();
        assertThat(changed.getRules().get(0).getId()).isEqualTo("acme");
        assertThat(SecretScanner.of(changed).scanText("f", "k = acme_0123456789"))
                .extracting(SecretFinding::ruleId).containsExactly("acme");
        assertThatThrownBy(() -> BUILT_IN.withConfig("{\"disabled\": [\"nope\"]}", "cfg.json"))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("nope");
    }
}
