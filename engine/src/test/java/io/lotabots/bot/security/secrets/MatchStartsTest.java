package io.lotabots.bot.security.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MatchStartsTest {
    @Test
    void readsTheLiteralAfterLookBehindAndGroup() {
        assertThat(MatchStarts.of("(?<![A-Za-z0-9_(])(ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9])")).containsExactly("ghp_");
    }

    @Test
    void readsEveryAlternativeOfTheFirstGroup() {
        assertThat(MatchStarts.of("(?<![A-Z0-9])((?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z2-7]{16})"))
                .containsExactly("A3T", "AKIA", "ASIA");
        assertThat(MatchStarts.of("(?i)(?:pass(?:word|wd)?|pwd|credentials?|api[_.-]?key)\\s*=(\\w+)"))
                .containsExactly("pass", "pwd", "credential", "api");
    }

    @Test
    void readsEscapedPunctuationAndNamedGroups() {
        assertThat(MatchStarts.of("(?<key>\\-\\-\\-\\-\\-BEGIN RSA PRIVATE KEY\\-\\-\\-\\-\\-)"))
                .containsExactly("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(MatchStarts.of("(access_token\\$(?:production|sandbox)\\$[0-9a-z]{16})"))
                .containsExactly("access_token$");
    }

    @Test
    void dropsAQuantifiedCharacter() {
        assertThat(MatchStarts.of("abc?d")).containsExactly("ab");
        assertThat(MatchStarts.of("ab+c")).containsExactly("a");
        assertThat(MatchStarts.of("a{2}b")).isEmpty();
    }

    @Test
    void givesNoStartsWhereAMatchMayStartOtherwise() {
        assertThat(MatchStarts.of("(?:abc)?def")).as("an optional group").isEmpty();
        assertThat(MatchStarts.of("(?:abc|[0-9]+)x")).as("an alternative without a literal").isEmpty();
        assertThat(MatchStarts.of("(?:abc|)x")).as("an empty alternative").isEmpty();
        assertThat(MatchStarts.of("[a-f0-9]{32}-us[0-9]")).as("a class first").isEmpty();
        assertThat(MatchStarts.of("(?x) a b c")).as("another flag").isEmpty();
        assertThat(MatchStarts.of("(?=abc)abc")).as("a look-ahead").isEmpty();
        assertThat(MatchStarts.of("^abc")).as("an anchor").isEmpty();
        assertThat(MatchStarts.of("\\dabc")).as("a class escape").isEmpty();
        assertThat(MatchStarts.of("ä-key")).as("a non-ASCII character").isEmpty();
        assertThat(MatchStarts.of("abc)")).as("an unbalanced parenthesis").isEmpty();
    }

    @Test
    void everyMatchOfABuiltInRuleExampleStartsWithOneOfTheRulesStarts() throws IOException {
        SecretRules rules = SecretRules.builtIn();
        List<Arguments> examples = SecretRulesTest.examples().toList();
        int checked = 0;
        for (Arguments arguments : examples) {
            SecretRule rule = rules.get((String) arguments.get()[0]).orElseThrow();
            if (rule.getMatchStarts().isEmpty()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            for (int k = 1; k <= 2; k++) {
                for (Object line : (List<?>) arguments.get()[k]) {
                    lines.add((String) line);
                }
            }
            for (String example : lines) {
                Matcher matcher = Pattern.compile(rule.getRegex()).matcher(example);
                while (matcher.find()) {
                    String text = example.substring(matcher.start());
                    assertThat(rule.getMatchStarts()).as("%s in %s", rule.getId(), example)
                            .anyMatch(start -> text.regionMatches(rule.isMatchStartIgnoringCase(), 0, start, 0,
                                    start.length()));
                    checked++;
                }
            }
        }
        assertThat(checked).as("matches checked").isGreaterThan(100);
    }
}
