package io.lotabots.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lotabots.bot.security.secrets.MonorepoCorpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recall and false positives of LotaBots' secret scan and of secretlint (preset recommend) side by side, in one
 * run, on the held-out monorepo ({@link MonorepoCorpus}, issue 14), with the CPU time of each run
 * ({@link ChildCpu}). Prints the Markdown table quoted in {@code docs/bots/security-secrets.md}:
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lotabots.benchmarks.SecretlintComparison [MiB] [secretlint-folder]</pre>
 * A finding counts for a planted secret if it is in the same file at the planted line (an AWS pair: the key id's
 * or the secret's line; a private key: any line of the block); every other finding is a false positive, except
 * LotaBots' informational findings (documentation examples such as {@code AKIAIOSFODNN7EXAMPLE}), counted apart.
 */
public final class SecretlintComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretlintComparison() {
    }

    /** One finding of a tool. */
    private record Finding(String file, int line, String rule, boolean informational) {
    }

    /**
     * Runs the comparison.
     *
     * @param args the size in MiB (55) and the secretlint folder ({@code /work/tools/secretlint})
     * @throws Exception if a tool cannot be run or its report read
     */
    public static void main(final String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 55;
        Path secretlint = Path.of(args.length > 1 ? args[1] : "/work/tools/secretlint").toAbsolutePath();
        Path launcher = Path.of(args.length > 2 ? args[2] : "lotabots").toAbsolutePath();
        Path scratch = Files.createTempDirectory("lotabots-secretlint-comparison-");
        Path tree = scratch.resolve("tree");
        MonorepoCorpus.Written written = MonorepoCorpus.write(tree, MonorepoCorpus.SEED, megabytes * 1024L * 1024);

        ChildCpu.Run lotabotsRun = ChildCpu.run(tree, scratch.resolve("lotabots.out"), List.of(launcher.toString(),
                "security", "--secrets", ".", "--dependencies", "none", "--journal=" + scratch.resolve("j.jsonl"),
                "--sarif-out=.lotabots/secrets.sarif"));
        Path sarif = scratch.resolve("lotabots.sarif");
        Files.move(tree.resolve(".lotabots/secrets.sarif"), sarif);
        ScratchFolders.delete(tree.resolve(".lotabots"));
        ChildCpu.Run secretlintRun = ChildCpu.run(tree, scratch.resolve("secretlint.out"), List.of(
                secretlint.resolve("node_modules/.bin/secretlint").toString(), "--secretlintrc",
                secretlint.resolve(".secretlintrc.json").toString(), "--format", "json", "--output",
                scratch.resolve("secretlint.json").toString(), "**/*"));

        String version = new String(new ProcessBuilder(secretlint.resolve("node_modules/.bin/secretlint").toString(),
                "--version").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.printf(Locale.ROOT, "Held-out monorepo (MonorepoCorpus, seed %d): %d files, %d bytes, %d planted"
                + " secrets; %s, %d cores, %s%n%n", MonorepoCorpus.SEED, written.files(), written.bytes(),
                written.secrets().size(), LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                        + System.getProperty("java.version"));
        System.out.println("| tool | found | recall | false positives | informational | CPU s (user+sys) | wall s |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        row("LotaBots " + versionOf(launcher), readSarif(sarif), written, lotabotsRun);
        row("secretlint " + version + " (preset-recommend)", readSecretlint(scratch.resolve("secretlint.json"), tree),
                written, secretlintRun);
        ScratchFolders.delete(scratch);
    }

    private static String versionOf(final Path launcher) {
        Path folder = launcher.toAbsolutePath().getParent();
        return folder != null && Files.exists(folder.resolve("cli/target/lotabots.jar")) ? "(this checkout)" : "";
    }

    private static void row(final String tool, final List<Finding> findings, final MonorepoCorpus.Written written,
            final ChildCpu.Run run) {
        int found = 0;
        List<Finding> matched = new ArrayList<>();
        for (MonorepoCorpus.Planted planted : written.secrets()) {
            List<Finding> hits = findings.stream().filter(f -> matches(f, planted)).toList();
            if (!hits.isEmpty()) {
                found++;
                matched.addAll(hits);
            }
        }
        int informational = 0;
        List<Finding> falsePositives = new ArrayList<>();
        for (Finding finding : findings) {
            if (matched.contains(finding)) {
                continue;
            }
            if (finding.informational()) {
                informational++;
            }
            else {
                falsePositives.add(finding);
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %d of %d | %.3f | %d | %d | %.2f | %.2f |%n", tool, found,
                written.secrets().size(), (double) found / written.secrets().size(), falsePositives.size(),
                informational, run.cpuSeconds(), run.wallSeconds());
        falsePositives.stream().limit(20).forEach(f -> System.err.println(tool + " false positive: " + f));
        for (MonorepoCorpus.Planted planted : written.secrets()) {
            if (findings.stream().noneMatch(f -> matches(f, planted))) {
                System.err.println(tool + " missed: " + planted);
            }
        }
    }

    private static boolean matches(final Finding finding, final MonorepoCorpus.Planted planted) {
        if (!finding.file().equals(planted.file())) {
            return false;
        }
        int after = switch (planted.kind()) {
            case "aws-key-pair" -> 1;
            case "rsa-private-key" -> 30;
            default -> 0;
        };
        return finding.line() >= planted.line() && finding.line() <= planted.line() + after;
    }

    private static List<Finding> readSarif(final Path sarif) throws IOException {
        List<Finding> result = new ArrayList<>();
        for (JsonNode run : JSON.readTree(sarif.toFile()).path("runs")) {
            for (JsonNode r : run.path("results")) {
                JsonNode location = r.path("locations").path(0).path("physicalLocation");
                result.add(new Finding(location.path("artifactLocation").path("uri").asText(),
                        location.path("region").path("startLine").asInt(), r.path("ruleId").asText(),
                        "none".equals(r.path("level").asText())));
            }
        }
        return result;
    }

    private static List<Finding> readSecretlint(final Path report, final Path tree) throws IOException {
        List<Finding> result = new ArrayList<>();
        for (JsonNode file : JSON.readTree(report.toFile())) {
            String path = tree.relativize(Path.of(file.path("filePath").asText())).toString().replace('\\', '/');
            for (JsonNode message : file.path("messages")) {
                result.add(new Finding(path, message.path("loc").path("start").path("line").asInt(),
                        message.path("ruleId").asText(), false));
            }
        }
        return result;
    }
}
