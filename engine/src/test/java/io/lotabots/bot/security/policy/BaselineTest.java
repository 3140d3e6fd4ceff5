package io.lotabots.bot.security.policy;

import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineTest {
    @TempDir
    Path dir;

    private Baseline read(final String text) throws IOException {
        Path file = dir.resolve("baseline");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return Baseline.read(file, "baseline");
    }

    @Test
    void readsTheFingerprintsOfAnEarlierSarifReport() throws IOException {
        Baseline baseline = read("""
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "lotabots-dependencies", "rules": []}},
                  "results": [
                    {"ruleId": "GHSA-1", "message": {"text": "x"}, "partialFingerprints": {"lotabots/v1": "aaa"}},
                    {"ruleId": "GHSA-2", "message": {"text": "y"}, "partialFingerprints": {"lotabots/v1": "bbb"},
                     "properties": {"tags": ["security"]}}]}]}
                """);

        assertThat(baseline.fingerprints()).containsExactlyInAnyOrder("aaa", "bbb");
    }

    @Test
    void readsAJsonListAndAFingerprintsObject() throws IOException {
        assertThat(read("[\"a\", \"b\"]").fingerprints()).containsExactlyInAnyOrder("a", "b");
        assertThat(read("{\"fingerprints\": [\"c\"]}").fingerprints()).containsExactly("c");
    }

    @Test
    void readsOneFingerprintPerLineSkippingComments() throws IOException {
        assertThat(read("# accepted on 2026-11-01\nabc\n\n  def  \n").fingerprints()).containsExactlyInAnyOrder("abc", "def");
    }

    @Test
    void namesLineAndColumnOfMalformedJson() {
        assertThatThrownBy(() -> read("{\"fingerprints\": [\"a\",\n  oops]}"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageStartingWith("The baseline baseline line 2 column ")
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void namesAMissingFile() {
        assertThatThrownBy(() -> Baseline.read(dir.resolve("missing.sarif"), "missing.sarif"))
                .hasMessageStartingWith("Cannot read the baseline missing.sarif: ");
    }
}
