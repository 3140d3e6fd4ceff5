package io.lotabots.bot.security.secrets;

import io.lotabots.bot.security.secrets.MonorepoCorpus.Planted;
import io.lotabots.bot.security.secrets.MonorepoCorpus.Written;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recall and false positives of the built-in rules on a held-out, realistic monorepo of about 55 MB with
 * {@value MonorepoCorpus#SECRETS} planted secrets ({@link MonorepoCorpus}), the corpus of issue 14. The figures and
 * secretlint's on the same tree are in {@code docs/bots/security-secrets.md}.
 */
class SecretMonorepoPrecisionTest {
    /** The lowest share of planted secrets that must be found. */
    private static final double MIN_RECALL = 0.95;
    /** The most findings, informational ones left out, that are not a planted secret. */
    private static final int MAX_FALSE_POSITIVES = 5;

    @Test
    void shouldFindPlantedSecretsWithAtMostFiveFalsePositives(@TempDir final Path corpus) {
        Written written = MonorepoCorpus.write(corpus, MonorepoCorpus.SEED, MonorepoCorpus.DEFAULT_BYTES);

        SecretScan scan = SecretScanner.of(SecretRules.builtIn()).scan(corpus);

        Set<String> plantedLines = new HashSet<>();
        written.secrets().forEach(p -> plantedLines.add(p.file() + ":" + p.line()));
        Set<String> foundLines = new HashSet<>();
        List<SecretFinding> falsePositives = new ArrayList<>();
        int informational = 0;
        for (SecretFinding finding : scan.getFindings()) {
            String at = finding.file() + ":" + finding.line();
            if (plantedLines.contains(at)) {
                foundLines.add(at);
            }
            else if (finding.informational()) {
                informational++;
            }
            else {
                falsePositives.add(finding);
            }
        }
        StringBuilder report = new StringBuilder();
        Map<String, int[]> byKind = new TreeMap<>();
        for (Planted p : written.secrets()) {
            int[] counts = byKind.computeIfAbsent(p.kind(), k -> new int[2]);
            counts[0]++;
            if (foundLines.contains(p.file() + ":" + p.line())) {
                counts[1]++;
            }
            else {
                report.append("missed: ").append(p).append('\n');
            }
        }
        report.insert(0, String.format(Locale.ROOT,
                "Monorepo corpus: %d files, %d bytes, %d secrets; found %d, false positives %d, informational %d%n",
                written.files(), written.bytes(), written.secrets().size(), foundLines.size(), falsePositives.size(),
                informational));
        byKind.forEach((kind, counts) -> report.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", kind,
                counts[0], counts[1])));
        falsePositives.forEach(f -> report.append("false positive: ").append(f).append('\n'));
        System.out.print(report); // the test's report, quoted in the docs

        assertThat(written.secrets()).hasSize(MonorepoCorpus.SECRETS);
        assertThat(written.bytes()).isGreaterThan(50L * 1024 * 1024);
        assertThat((double) foundLines.size() / written.secrets().size()).as("recall")
                .isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(falsePositives).as("false positives").hasSizeLessThanOrEqualTo(MAX_FALSE_POSITIVES);
    }
}
