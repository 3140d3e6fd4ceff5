package io.lotabots.bot.security.secrets;

import io.lotabots.bot.security.secrets.SecretCorpus.Plant;
import io.lotabots.bot.security.secrets.SecretCorpus.Written;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures recall and false positives of the built-in rules on a generated, labelled corpus
 * ({@link SecretCorpus}) and prints them per rule family (the first word of the rule id); the figures are quoted in
 * {@code docs/bots/security-secrets.md}.
 */
class SecretCorpusRecallTest {
    /** The lowest share of planted secrets that must be found. */
    static final double MIN_RECALL = 0.95;
    /**
     * The most findings allowed outside planted secrets, on look-alikes and ordinary lines together. The generic rule
     * is not counted on look-alikes: many are a malformed token assigned to a variable named {@code token}, a
     * high-entropy value next to a secret's name, which the generic rule exists to report.
     */
    static final int MAX_FALSE_POSITIVES = 10;

    private static final String GENERIC = "generic-secret";

    private static final SecretRules RULES = SecretRules.builtIn();

    /** The look-alike of a pair holds a real key id without its secret: the anchor's finding is right. */
    private static String anchorOf(final String ruleId) {
        return RULES.get(ruleId).flatMap(SecretRule::getPairedWith).orElse("");
    }

    private static String family(final String ruleId) {
        int dash = ruleId.indexOf('-');
        return dash < 0 ? ruleId : ruleId.substring(0, dash);
    }

    /** Counters of one family. */
    private static final class Tally {
        private int planted;
        private int found;
        private int foundByTheRule;
        private int lookAlikes;
        private int falseOnLookAlikes;
        private int genericOnLookAlikes;
        private int falseOnFiller;
    }

    @Test
    void shouldFindPlantedSecretsWithFewFalsePositives(@TempDir final Path corpus) throws IOException {
        Written written = SecretCorpus.ofBuiltInExamples(42).withFileSize(2048).write(corpus, 5_000_000);
        SecretScan scan = SecretScanner.of(RULES).scan(corpus);

        Map<String, List<Plant>> plantsByFile = new HashMap<>();
        written.plants().forEach(plant -> plantsByFile.computeIfAbsent(plant.file(), f -> new ArrayList<>()).add(plant));
        Map<Plant, List<SecretFinding>> byPlant = new HashMap<>();
        Map<String, Tally> families = new TreeMap<>();
        for (SecretFinding finding : scan.getFindings()) {
            Plant plant = plantsByFile.getOrDefault(finding.file(), List.of()).stream()
                    .filter(p -> finding.line() >= p.firstLine() && finding.line() <= p.lastLine())
                    .findFirst().orElse(null);
            if (plant != null && plant.secret()) {
                byPlant.computeIfAbsent(plant, p -> new ArrayList<>()).add(finding);
            }
            else if (plant != null) {
                Tally tally = families.computeIfAbsent(family(plant.ruleId()), f -> new Tally());
                if (GENERIC.equals(finding.ruleId())) {
                    tally.genericOnLookAlikes++;
                }
                else if (!anchorOf(plant.ruleId()).equals(finding.ruleId())) {
                    tally.falseOnLookAlikes++;
                }
            }
            else {
                families.computeIfAbsent(family(finding.ruleId()), f -> new Tally()).falseOnFiller++;
            }
        }
        for (Plant plant : written.plants()) {
            Tally tally = families.computeIfAbsent(family(plant.ruleId()), f -> new Tally());
            if (!plant.secret()) {
                tally.lookAlikes++;
                continue;
            }
            tally.planted++;
            List<SecretFinding> found = byPlant.getOrDefault(plant, List.of());
            if (!found.isEmpty()) {
                tally.found++;
            }
            if (found.stream().anyMatch(f -> f.ruleId().equals(plant.ruleId()))) {
                tally.foundByTheRule++;
            }
        }

        Tally total = new Tally();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "Secret corpus: %d files, %d lines, %d bytes; %d findings%n"
                + "| family | secrets | found | recall | by its own rule | look-alikes | false positives on look-alikes"
                + " | generic rule on look-alikes | false positives on other lines |%n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n",
                written.files(), written.lines(), written.bytes(), scan.getFindings().size()));
        families.forEach((name, t) -> {
            table.append(row(name, t));
            total.planted += t.planted;
            total.found += t.found;
            total.foundByTheRule += t.foundByTheRule;
            total.lookAlikes += t.lookAlikes;
            total.falseOnLookAlikes += t.falseOnLookAlikes;
            total.genericOnLookAlikes += t.genericOnLookAlikes;
            total.falseOnFiller += t.falseOnFiller;
        });
        table.append(row("**all**", total));
        System.out.print(table); // the test's report, quoted in the docs

        double recall = (double) total.found / total.planted;
        assertThat(total.planted).isGreaterThan(1000);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(total.falseOnLookAlikes + total.falseOnFiller).as("false positives")
                .isLessThanOrEqualTo(MAX_FALSE_POSITIVES);
        assertThat(scan.getFindings()).allSatisfy(f -> assertThat(f.maskedSecret()).contains("*"));
    }

    private static String row(final String name, final Tally t) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %d | %d | %d |%n", name, t.planted,
                t.found, t.planted == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) t.found / t.planted),
                t.foundByTheRule, t.lookAlikes, t.falseOnLookAlikes, t.genericOnLookAlikes, t.falseOnFiller);
    }
}
