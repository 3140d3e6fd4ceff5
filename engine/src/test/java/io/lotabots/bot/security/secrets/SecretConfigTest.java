package io.lotabots.bot.security.secrets;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SecretConfigTest {
    private static final SecretRules BUILT_IN = SecretRules.builtIn();
    private static final String ACME_KEY = "acme_q8w7e6r5t4y3u2i1o9p8a7s6";
    private static final String SIGNING = "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe";

    @TempDir
    private Path folder;

    private Path sample(final String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("SecretConfigTest/" + name)) {
            Path file = folder.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private Path file(final String name, final String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void assertInvalid(final Runnable action, final SecretErrorCode code, final String... texts) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(action::run)
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(code))
                .satisfies(e -> assertThat(e.getMessage()).contains(texts));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secrets.toml", "secrets.yaml", "secrets.json"})
    void shouldReadTheSameConfigurationInEveryFormat(final String name) throws IOException {
        SecretRules rules = BUILT_IN.withConfig(sample(name));

        assertThat(rules.getRules()).extracting(SecretRule::getId).startsWith("acme-api-key", "acme-pair")
                .doesNotContain("generic-secret", "jwt");
        assertThat(rules.size()).isEqualTo(BUILT_IN.size());
        SecretRule acme = rules.get("acme-api-key").orElseThrow();
        assertThat(acme.getKeywords()).containsExactly("acme_");
        assertThat(acme.getMinEntropy()).isEqualTo(3.0);
        assertThat(rules.get("acme-pair").orElseThrow().getPairedWith()).contains("acme-api-key");
        assertThat(rules.get("acme-pair").orElseThrow().getMaxPairDistance()).isEqualTo(3);
        assertThat(rules.getAllowlist().getPaths()).containsExactly("^test/fixtures/", "\\.md$");
        assertThat(rules.getAllowlist().getRegexes()).containsExactly("EXAMPLE$");

        SecretScanner scanner = SecretScanner.of(rules);
        assertThat(scanner.scanText("app.env", "ACME=" + ACME_KEY + "\n")).extracting(SecretFinding::ruleId)
                .containsExactly("acme-api-key");
        assertThat(scanner.scanText("app.env", "ACME=" + ACME_KEY + "\nsigning_secret = \"" + SIGNING + "\"\n"))
                .extracting(SecretFinding::ruleId).containsExactly("acme-pair");
        assertThat(scanner.scanText("app.env", "key = AKIAIOSFODNN7EXAMPLE")).isEmpty();
        assertThat(scanner.scanText("app.env", "password = \"Xk9#mP2$vL5@nQ8&wR3\"")).isEmpty();
    }

    @Test
    void shouldReplaceABuiltInRuleByDisablingAndReusingItsId() {
        SecretRules rules = BUILT_IN.withConfig("disabled: [github-pat]\nrules:\n  - id: github-pat\n"
                + "    keywords: [ghp_]\n    regex: 'ghp_[A-Za-z0-9]{10}'\n", "cfg.yml");

        assertThat(rules.get("github-pat").orElseThrow().getRegex()).isEqualTo("ghp_[A-Za-z0-9]{10}");
        assertThat(rules.getRules().get(0).getId()).isEqualTo("github-pat");
    }

    @Test
    void shouldAcceptAnEmptyConfiguration() {
        assertThat(BUILT_IN.withConfig("", "empty.toml").size()).isEqualTo(BUILT_IN.size());
        assertThat(BUILT_IN.withConfig("# nothing\n", "empty.yaml").size()).isEqualTo(BUILT_IN.size());
    }

    @Test
    void shouldNameFileAndLineOfASyntaxError() throws IOException {
        Path toml = file("bad.toml", "disabled = [\"jwt\"]\n\n[[rules]]\nid = \"x\nregex = \"y\"\n");
        assertInvalid(() -> BUILT_IN.withConfig(toml), SecretErrorCode.FILE_UNREADABLE, toml.toString(),
                "line 4", "Is it valid TOML?");
        Path yaml = file("bad.yaml", "disabled:\n  - jwt\nrules: [\n  {id: x\n");
        assertInvalid(() -> BUILT_IN.withConfig(yaml), SecretErrorCode.FILE_UNREADABLE, yaml.toString(), "line",
                "Is it valid YAML?");
        Path json = file("bad.json", "{\n  \"disabled\": [\"jwt\"],\n  \"rules\": [}\n");
        assertInvalid(() -> BUILT_IN.withConfig(json), SecretErrorCode.FILE_UNREADABLE, json.toString(), "line 3",
                "Is it valid JSON?");
    }

    @Test
    void shouldNameTheLineOfAnUnknownKeyOrABadRule() {
        assertInvalid(() -> BUILT_IN.withConfig("{\n \"disabled\": [],\n \"rule\": []\n}", "cfg.json"),
                SecretErrorCode.INVALID_RULE, "'cfg.json' at line 3", "unknown", "'rule'");
        assertInvalid(() -> BUILT_IN.withConfig("rules:\n  - id: a\n    keywords: [a]\n    regex: a\n"
                + "  - id: b\n    keywords: [b]\n    regx: b\n", "cfg.yaml"), SecretErrorCode.INVALID_RULE,
                "'cfg.yaml' at line 5", "rule #2 'b'", "'regx'");
        assertInvalid(() -> BUILT_IN.withConfig("rules:\n  - id: a\n    keywords: [a]\n    regex: 'a('\n",
                "cfg.yaml"), SecretErrorCode.INVALID_RULE, "'cfg.yaml' at line 2", "'a'", "does not compile");
        assertInvalid(() -> BUILT_IN.withConfig("[[rules]]\nid = \"a\"\nregex = \"a\"\n", "cfg.toml"),
                SecretErrorCode.INVALID_RULE, "'cfg.toml'", "'a'", "no keywords");
        assertInvalid(() -> BUILT_IN.withConfig("{\"rules\": [{\"id\": \"a\", \"keywords\": \"a\", \"regex\": \"a\"}]}",
                "cfg.json"), SecretErrorCode.INVALID_RULE, "'keywords' must be a list of strings");
        assertInvalid(() -> BUILT_IN.withConfig("{\"rules\": [{\"id\": \"a\", \"keywords\": [\"a\"], \"regex\": \"a\","
                + " \"entropy\": \"high\"}]}", "cfg.json"), SecretErrorCode.INVALID_RULE, "'entropy' must be a number");
        assertInvalid(() -> BUILT_IN.withConfig("{\"allowlist\": {\"paths\": [\"[\"]}}", "cfg.json"),
                SecretErrorCode.INVALID_RULE, "allowlist.paths", "does not compile");
        assertInvalid(() -> BUILT_IN.withConfig("disabled = [\"no-such-rule\"]", "cfg.toml"),
                SecretErrorCode.INVALID_RULE, "'cfg.toml'", "unknown rules [no-such-rule]");
        assertInvalid(() -> BUILT_IN.withConfig("[\"rules\"]", "cfg.json"), SecretErrorCode.INVALID_RULE,
                "top level must be");
        assertInvalid(() -> BUILT_IN.withConfig("{\"disabled\": [\"jwt\"], \"disabled\": []}", "cfg.json"),
                SecretErrorCode.FILE_UNREADABLE, "Duplicate");
    }

    @Test
    void shouldCheckTheExamplesOfAConfiguredRule() {
        assertInvalid(() -> BUILT_IN.withConfig("rules:\n  - id: a\n    keywords: [acme]\n    regex: 'acme_[0-9]{4}'\n"
                + "    examples: {match: ['acme_12'], noMatch: []}\n", "cfg.yaml"), SecretErrorCode.INVALID_RULE,
                "rule #1 'a'", "finds no secret in its 'match' example #1");
        assertInvalid(() -> BUILT_IN.withConfig("rules:\n  - id: a\n    keywords: [acme]\n    regex: 'acme_[0-9]{4}'\n"
                + "    examples: {match: ['acme_1234'], noMatch: ['x', 'acme_9999']}\n", "cfg.yaml"),
                SecretErrorCode.INVALID_RULE, "finds a secret in its 'noMatch' example #2");
    }

    @Test
    void shouldRefuseAPairWithAnUnknownAnchor() {
        assertInvalid(() -> BUILT_IN.withConfig("[[rules]]\nid = \"p\"\npairWith = \"nope\"\nregex = \"x\"\n",
                "cfg.toml"), SecretErrorCode.INVALID_RULE, "'p'", "pairs with 'nope', which is not a rule");
    }

    /** Jackson does not expand YAML aliases into trees, so the "billion laughs" is only a malformed list. */
    @Test
    void shouldRefuseYamlAliasBombs() {
        StringBuilder bomb = new StringBuilder("disabled:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String p = "*" + (char) (c - 1);
            bomb.append("  - &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, p)))
                    .append("]\n");
        }

        assertInvalid(() -> assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> BUILT_IN.withConfig(bomb.toString(), "bomb.yaml")), SecretErrorCode.INVALID_RULE,
                "'bomb.yaml' at line 2", "disabled must be a list of strings");
    }

    @Test
    void shouldRefuseAHugeConfiguration() throws IOException {
        Path huge = file("huge.json", "{\"disabled\": [" + "\"jwt\",".repeat(200_000) + "\"jwt\"]}");

        assertInvalid(() -> BUILT_IN.withConfig(huge), SecretErrorCode.FILE_UNREADABLE, huge.toString(), "bytes",
                "more than the " + SecretRules.MAX_CONFIG_SIZE);
    }

    @Test
    void shouldFailClearlyForAMissingFile() {
        Path missing = folder.resolve("missing.toml");

        assertInvalid(() -> BUILT_IN.withConfig(missing), SecretErrorCode.FILE_UNREADABLE, missing.toString(),
                "Check the path");
    }

    @Test
    void shouldTellTheFormatByTheFileName() {
        assertThat(SecretConfigFormat.forFile("a/b.TOML")).isEqualTo(SecretConfigFormat.TOML);
        assertThat(SecretConfigFormat.forFile("b.yml")).isEqualTo(SecretConfigFormat.YAML);
        assertThat(SecretConfigFormat.forFile("b.yaml")).isEqualTo(SecretConfigFormat.YAML);
        assertThat(SecretConfigFormat.forFile("lotabots-secrets")).isEqualTo(SecretConfigFormat.JSON);
        assertThat(List.of(SecretConfigFormat.values())).hasSize(3);
    }
}
