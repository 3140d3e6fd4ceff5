package io.lotabots.bot.security.policy;

import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.lotabots.bot.security.policy.Findings.secret;
import static io.lotabots.bot.security.policy.Findings.vulnerability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuppressionsTest {
    @TempDir
    Path dir;

    private Suppressions read(final String text) throws IOException {
        Path file = dir.resolve("suppressions.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return Suppressions.read(file, "suppressions.yaml");
    }

    @Test
    void readsEntriesWithReasonExpiryPathAndPackage() throws IOException {
        Suppressions suppressions = read("""
                # accepted risks, reviewed monthly
                suppressions:
                  - id: CVE-2021-44228
                    package: log4j-core
                    reason: JNDI lookups are disabled
                    expires: 2026-12-31
                  - id: aws-access-key-id
                    path: "src/test/**"
                    reason: test fixtures use AWS's documented example key
                """);

        assertThat(suppressions.getEntries()).hasSize(2);
        Suppression first = suppressions.getEntries().get(0);
        assertThat(first.expires()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(first.origin()).isEqualTo("suppressions.yaml:3");
        assertThat(suppressions.getEntries().get(1).expires()).isNull();
    }

    @Test
    void matchesByAliasPackageAndPathGlob() throws IOException {
        Suppressions suppressions = read("""
                - id: CVE-%d
                  package: log4j-core
                  reason: not reachable
                - id: aws-access-key-id
                  path: "src/test/**"
                  reason: fixtures
                """.formatted("GHSA-jfh8-c2jp-5v3q".hashCode()));

        assertThat(suppressions.find(vulnerability("GHSA-jfh8-c2jp-5v3q", Severity.CRITICAL, "log4j-core"))).isPresent();
        assertThat(suppressions.find(vulnerability("GHSA-jfh8-c2jp-5v3q", Severity.CRITICAL, "log4j-api"))).isEmpty();
        assertThat(suppressions.find(secret("aws-access-key-id", "src/test/resources/fixture.env"))).isPresent();
        assertThat(suppressions.find(secret("aws-access-key-id", "src/main/resources/app.env"))).isEmpty();
    }

    @Test
    void matchesByFingerprint() throws IOException {
        var finding = secret("generic-password", "config/app.yaml");

        Suppressions suppressions = read("- id: " + finding.fingerprint() + "\n  reason: rotated already\n");

        assertThat(suppressions.find(finding)).isPresent();
    }

    @Test
    void readsJsonToo() throws IOException {
        Suppressions suppressions = read("{\"suppressions\": [{\"id\": \"CVE-1\", \"reason\": \"r\"}]}");

        assertThat(suppressions.getEntries()).extracting(Suppression::id).containsExactly("CVE-1");
    }

    @Test
    void refusesAnEntryWithoutReasonNamingFileAndLine() {
        assertThatThrownBy(() -> read("suppressions:\n  - id: CVE-1\n    reason: ok\n  - id: CVE-2\n    expires: 2027-01-01\n"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessage("The suppressions file suppressions.yaml line 4 suppresses CVE-2 without a 'reason': say why it is accepted");
    }

    @Test
    void refusesAnEntryWithoutId() {
        assertThatThrownBy(() -> read("- reason: forgot the id\n"))
                .hasMessageContaining("line 1 has an entry without 'id'");
    }

    @Test
    void refusesADateNotInIsoForm() {
        assertThatThrownBy(() -> read("- id: CVE-1\n  reason: r\n  expires: 31/12/2026\n"))
                .hasMessage("The suppressions file suppressions.yaml line 1 has the expiry date '31/12/2026' for CVE-1, "
                        + "which is not of the form YYYY-MM-DD");
    }

    @Test
    void refusesAnUnknownKeySoThatATypoDoesNotSilentlyWiden() {
        assertThatThrownBy(() -> read("- id: CVE-1\n  reason: r\n  expiry: 2026-12-31\n"))
                .hasMessageContaining("has the unknown key 'expiry'");
    }

    @Test
    void refusesMalformedYamlWithItsLine() {
        assertThatThrownBy(() -> read("suppressions:\n  - id: CVE-1\n    reason: \"unclosed\n"))
                .hasMessageStartingWith("The suppressions file suppressions.yaml line ")
                .hasMessageContaining("is not valid YAML or JSON");
    }

    @Test
    void refusesTheBillionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append("]\n");
        }

        assertThatThrownBy(() -> read(yaml.toString())).isInstanceOf(LotaBotsException.class);
    }

    @Test
    void refusesAHugeFileWithItsSize() throws IOException {
        Path file = dir.resolve("huge.yaml");
        Files.write(file, new byte[(int) Suppressions.MAX_FILE_SIZE + 1]);

        assertThatThrownBy(() -> Suppressions.read(file, "huge.yaml"))
                .hasMessage("The suppressions file huge.yaml is " + (Suppressions.MAX_FILE_SIZE + 1)
                        + " bytes, more than the 1048576 a suppressions file may have");
    }

    @Test
    void readsAnEmptyFileAsNoSuppressions() throws IOException {
        assertThat(read("").getEntries()).isEmpty();
        assertThat(read("suppressions:\n").getEntries()).isEmpty();
    }
}
