package io.lotabots.bot.security.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SecretScannerTest {
    private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final SecretScanner SCANNER = SecretScanner.of(SecretRules.builtIn());

    @Test
    void shouldMaskSecrets() {
        assertThat(SecretFinding.mask(AWS_KEY)).isEqualTo("AKIA************MPLE");
        assertThat(SecretFinding.mask("short-secret")).isEqualTo("************");
    }

    @Test
    void shouldReportFileLineColumnRuleAndFingerprint() {
        List<SecretFinding> findings = SCANNER.scanText("conf/app.properties", "a=1\nkey = " + AWS_KEY + "\n");

        assertThat(findings).hasSize(1);
        SecretFinding finding = findings.get(0);
        assertThat(finding.file()).isEqualTo("conf/app.properties");
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.column()).isEqualTo(7);
        assertThat(finding.ruleId()).isEqualTo("aws-access-key-id");
        assertThat(finding.maskedSecret()).isEqualTo("AKIA************MPLE");
        assertThat(finding.fingerprint()).hasSize(64)
                .isEqualTo(SecretScanner.fingerprint("aws-access-key-id", "conf/app.properties", AWS_KEY));
        assertThat(finding.toString()).doesNotContain(AWS_KEY).contains("AKIA************MPLE");
        assertThat(finding.baselined()).isFalse();
    }

    @Test
    void shouldPreferSpecificRuleOverGenericForTheSameSecret() {
        assertThat(SCANNER.scanText("f", "token = \"ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hm\""))
                .extracting(SecretFinding::ruleId).containsExactly("github-pat");
    }

    @Test
    void shouldHonourAllowComment() {
        assertThat(SCANNER.scanText("f", "key = " + AWS_KEY + " # lotabots:allow test fixture")).isEmpty();
    }

    @Test
    void shouldReportBaselinedFindingsAsNotNew(@TempDir final Path workspace) throws IOException {
        Files.writeString(workspace.resolve("a.txt"), "key = " + AWS_KEY + "\n");
        Files.writeString(workspace.resolve("b.txt"), "key = " + AWS_KEY + "\n");
        String accepted = SecretScanner.fingerprint("aws-access-key-id", "a.txt", AWS_KEY);
        Path baselineFile = workspace.resolve("baseline.txt");
        Files.writeString(baselineFile, "# accepted\n" + accepted + "\n");
        Set<String> baseline = SecretScanner.readBaseline(baselineFile);

        SecretScan scan = SCANNER.withBaseline(baseline).scan(workspace);

        assertThat(scan.getFindings()).hasSize(2);
        assertThat(scan.getNewFindings()).extracting(SecretFinding::file).containsExactly("b.txt");
    }

    @Test
    void shouldSkipBinaryAndOversizeFilesAndCountThem(@TempDir final Path workspace) throws IOException {
        byte[] binary = ("key = " + AWS_KEY + "\0\n").getBytes(StandardCharsets.UTF_8);
        Files.write(workspace.resolve("a.bin"), binary);
        Files.writeString(workspace.resolve("big.txt"), "x".repeat(200) + "\nkey = " + AWS_KEY + "\n");
        Files.writeString(workspace.resolve("small.txt"), "key = " + AWS_KEY + "\n");

        SecretScan scan = SCANNER.withMaxFileSize(100).scan(workspace);

        assertThat(scan.getSkippedBinary()).isEqualTo(1);
        assertThat(scan.getSkippedTooLarge()).isEqualTo(1);
        assertThat(scan.getFilesScanned()).isEqualTo(1);
        assertThat(scan.getBytesScanned()).isEqualTo(Files.size(workspace.resolve("small.txt")));
        assertThat(scan.getFindings()).extracting(SecretFinding::file).containsExactly("small.txt");
        assertThat(scan.getSummary()).contains("1 binary", "1 too large").doesNotContain(AWS_KEY);
    }

    @Test
    void shouldReplaceMalformedUtf8(@TempDir final Path workspace) throws IOException {
        byte[] prefix = {(byte) 0xC3, (byte) 0x28, ' '};
        byte[] rest = ("key = " + AWS_KEY + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(workspace.resolve("bad.txt"))) {
            out.write(prefix);
            out.write(rest);
        }
        assertThat(SCANNER.scan(workspace).getFindings()).hasSize(1);
    }

    @Test
    void shouldNotFollowSymlinkOutOfWorkspace(@TempDir final Path root) throws IOException {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("creds.txt"), "key = " + AWS_KEY + "\n");
        Path workspace = Files.createDirectories(root.resolve("ws"));
        Files.createSymbolicLink(workspace.resolve("link.txt"), secret);
        Files.createSymbolicLink(workspace.resolve("dir"), outside);

        SecretScan scan = SCANNER.scan(workspace);

        assertThat(scan.getFindings()).isEmpty();
        assertThat(scan.getFilesScanned()).isZero();
        assertThat(scan.getSkippedLinks()).isNotEmpty();
    }

    /**
     * A guard against catastrophic backtracking, not a speed test (that is the JMH benchmark): every rule is linear
     * in the line's length, so this takes about a second even on a busy machine; an exponential pattern would never
     * finish.
     */
    @Test
    void shouldNotHangOnHugeSingleLine(@TempDir final Path workspace) throws IOException {
        Files.writeString(workspace.resolve("huge.txt"), "a".repeat(10 * 1024 * 1024));
        Files.writeString(workspace.resolve("huge-keywords.txt"),
                "password=token=secret=eyJ".repeat(40_000));

        SecretScan scan = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> SCANNER.withMaxFileSize(20L * 1024 * 1024).scan(workspace));

        assertThat(scan.getFilesScanned()).isEqualTo(2);
    }

    @Test
    void shouldFindSecretsInDatabaseUrlsAndPrivateKeys() {
        assertThat(SCANNER.scanText("f", "DATABASE_URL=postgres://app:s3cr3tPassw0rd@db:5432/app\n"
                + "-----BEGIN OPENSSH PRIVATE KEY-----\n")).extracting(SecretFinding::ruleId)
                .containsExactly("database-url-postgres", "private-key-openssh");
    }

    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void shouldPairAwsKeyIdWithTheSecretKeyNearItIntoOneFinding() {
        List<SecretFinding> findings = SCANNER.scanText("creds.json", "{\n  \"AccessKeyId\": \"" + AWS_KEY
                + "\",\n  \"Expiration\": \"2026-01-01\",\n  \"SecretAccessKey\": \"" + AWS_SECRET + "\"\n}\n");

        assertThat(findings).hasSize(1);
        SecretFinding pair = findings.get(0);
        assertThat(pair.ruleId()).isEqualTo("aws-access-key-pair");
        assertThat(pair.line()).isEqualTo(2);
        assertThat(pair.maskedSecret()).isEqualTo("AKIA************MPLE + wJal********************************EKEY");
        assertThat(pair.fingerprint()).isEqualTo(
                SecretScanner.fingerprint("aws-access-key-pair", "creds.json", AWS_KEY + '\0' + AWS_SECRET));
        assertThat(pair.toString()).doesNotContain(AWS_SECRET).doesNotContain(AWS_KEY);
    }

    @Test
    void shouldReplaceTheNamedSecretKeyFindingByThePair() {
        assertThat(SCANNER.scanText("f", "aws_access_key_id=" + AWS_KEY + "\naws_secret_access_key=" + AWS_SECRET))
                .extracting(SecretFinding::ruleId).containsExactly("aws-access-key-pair");
    }

    @Test
    void shouldPairEachKeyIdWithItsOwnSecret() {
        String otherKey = "ASIAQNZGKEXAMPLE2345";
        String otherSecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
        List<SecretFinding> findings = SCANNER.scanText("f", "[default]\nid = " + AWS_KEY + "\nkey = " + AWS_SECRET
                + "\n[ci]\nid = " + otherKey + "\nkey = " + otherSecret + "\n");

        assertThat(findings).extracting(SecretFinding::ruleId, SecretFinding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aws-access-key-pair", 2),
                        org.assertj.core.groups.Tuple.tuple("aws-access-key-pair", 5));
        assertThat(findings.get(1).fingerprint()).isEqualTo(
                SecretScanner.fingerprint("aws-access-key-pair", "f", otherKey + '\0' + otherSecret));
    }

    @Test
    void shouldKeepTheLoneSecretKeyPatternStrict() {
        assertThat(SCANNER.scanText("f", "blob = " + AWS_SECRET + "\n")).isEmpty();
        assertThat(SCANNER.scanText("f", "key = " + AWS_KEY + "\n1\n2\n3\n4\n5\nblob = " + AWS_SECRET + "\n"))
                .extracting(SecretFinding::ruleId).containsExactly("aws-access-key-id");
        assertThat(SCANNER.scanText("f", "key = " + AWS_KEY + "\nsha = 1095278da7bb8a0aece3e47de6e169f233c5ae6e\n"))
                .extracting(SecretFinding::ruleId).containsExactly("aws-access-key-id");
    }

    @Test
    void shouldNotPairWithoutTheAnchorRule() {
        SecretRules withoutKeyIds = SecretRules.builtIn().withConfig("{\"disabled\": [\"aws-access-key-id\"]}",
                "cfg.json");

        assertThat(withoutKeyIds.get("aws-access-key-pair")).isEmpty();
        assertThat(SecretScanner.of(withoutKeyIds).scanText("f", "id = " + AWS_KEY + "\nkey = " + AWS_SECRET))
                .isEmpty();
    }

    @Test
    void shouldCountLinesAndColumnsWithWindowsLineEnds() {
        List<SecretFinding> findings = SCANNER.scanText("f", "a\r\nb\r\nkey = " + AWS_KEY + "\r\n");

        assertThat(findings).extracting(SecretFinding::line, SecretFinding::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 7));
    }

    @Test
    void shouldFindSecretsAfterMultiByteCharactersWithCharacterColumns() {
        assertThat(SCANNER.scanText("f", "# Schlüssel für Zürich\nkéy = " + AWS_KEY))
                .extracting(SecretFinding::line, SecretFinding::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 7));
    }

    @Test
    void shouldLeaveOutAllowlistedPathsAndSecrets(@TempDir final Path workspace) throws IOException {
        Files.createDirectories(workspace.resolve("fixtures"));
        Files.writeString(workspace.resolve("fixtures/creds.txt"), "key = " + AWS_KEY + "\n");
        Files.writeString(workspace.resolve("app.txt"), "key = " + AWS_KEY + "\ntoken = ghp_"
                + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hm\n");
        SecretRules rules = SecretRules.builtIn().withConfig("{\"allowlist\": {\"paths\": [\"^fixtures/\"],"
                + " \"regexes\": [\"EXAMPLE$\"]}}", "cfg.json");

        SecretScan scan = SecretScanner.of(rules).scan(workspace);

        assertThat(scan.getFindings()).extracting(SecretFinding::ruleId).containsExactly("github-pat");
        assertThat(scan.getSkippedAllowlisted()).isEqualTo(1);
        assertThat(scan.getFilesScanned()).isEqualTo(1);
        assertThat(scan.getSummary()).contains("1 allowlisted");
    }

    @Test
    void shouldCountOnlyLinesWithKeywordsAsMatched(@TempDir final Path workspace) throws IOException {
        Files.writeString(workspace.resolve("a.txt"), "int x = 1;\nint y = 2;\nkey = " + AWS_KEY + "\nreturn;\n");

        assertThat(SCANNER.scan(workspace).getLinesMatched()).isEqualTo(1);
    }

    @Test
    void shouldNotLetALowerCaseStartPassTheFilterOfACaseSensitivePattern(@TempDir final Path workspace)
            throws IOException {
        String hex = "0123456789abcdef0123456789abcdef";
        Files.writeString(workspace.resolve("a.txt"), "task = ask(sk" + hex + ")\nid = SK" + hex + "\n");

        SecretScan scan = SCANNER.scan(workspace);

        assertThat(scan.getFindings()).extracting(SecretFinding::line, SecretFinding::ruleId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "twilio-api-key"));
        assertThat(scan.getLinesMatched()).as("the first line is never matched against a pattern").isEqualTo(1);
    }

    @Test
    void shouldStillRequireAKeywordWhereThePatternMayStartWithoutOne() {
        SecretRule rule = SecretRule.of("custom", "a custom rule", List.of("token"),
                "(?i)(?:pass|token)=([a-z0-9]{12})", "1", 0);
        SecretScanner scanner = SecretScanner.of(SecretRules.of(List.of(rule)));

        assertThat(scanner.scanText("f", "pass=abcdef123456")).as("no keyword in the line").isEmpty();
        assertThat(scanner.scanText("f", "PASS=abcdef123456 # token"))
                .extracting(SecretFinding::column).containsExactly(6);
        assertThat(scanner.scanText("f", "x TOKEN=abcdef123456 pass=abcdef654321"))
                .extracting(SecretFinding::column).containsExactly(9, 27);
    }

    @Test
    void shouldFindEverySecretInAFileReadInTwoHalvesWithTheRightLines() {
        String filler = "int value = 42; // nothing to see here\n";
        StringBuilder text = new StringBuilder();
        List<Integer> lines = new java.util.ArrayList<>();
        int line = 1;
        for (int i = 0; i < 400; i++) {
            if (i % 37 == 0) {
                text.append("x = ").append(AWS_KEY).append('\n');
                lines.add(line);
            }
            else {
                text.append(filler);
            }
            line++;
        }
        for (int shift = 0; shift < 30; shift++) {
            String shifted = "#".repeat(shift) + "\n" + text;
            assertThat(SCANNER.scanText("f", shifted)).as("shifted by %d", shift)
                    .extracting(SecretFinding::line).containsExactlyElementsOf(lines.stream().map(l -> l + 1).toList());
        }
    }

    @Test
    void shouldMatchAtStartsAfterMultiByteCharacters() {
        String pat = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hm";

        String other = "ghp_" + "B1b2C3d4E5f6G7h8I9j0K1l2M3n4O51gR7B4";

        assertThat(SCANNER.scanText("f", "schlüssel = " + pat + " und " + other))
                .extracting(SecretFinding::column, SecretFinding::ruleId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(13, "github-pat"),
                        org.assertj.core.groups.Tuple.tuple(58, "github-pat"));
    }

    @Test
    void shouldCountNewlinesEightBytesAtATime() {
        byte[] data = "a\nbb\n\n\nccccccccc\ndddddddddddddddd\n\u00e9\n".getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < data.length; from++) {
            for (int to = from; to <= data.length; to++) {
                int expected = 0;
                for (int i = from; i < to; i++) {
                    expected += data[i] == '\n' ? 1 : 0;
                }
                assertThat(SecretScanner.countNewlines(data, from, to)).isEqualTo(expected);
            }
        }
    }
}
