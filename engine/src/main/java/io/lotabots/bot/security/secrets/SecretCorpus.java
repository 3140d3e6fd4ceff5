package io.lotabots.bot.security.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a labelled corpus for measuring the secret scanner: source and configuration files of realistic lines
 * (Java, YAML, properties, JSON, shell, Markdown), with high-entropy values that are not secrets (hashes, commit
 * ids, UUIDs, lockfile integrity hashes, base64 images, placeholders), and, at known lines, the positive examples
 * of the built-in rules (fake but well-formed secrets) and their negative examples (look-alikes). The same seed
 * gives the same corpus.
 */
public final class SecretCorpus {
    private static final String[] WORDS = {"order", "customer", "invoice", "payment", "account", "user", "session",
        "report", "task", "path", "item", "cache", "queue", "event", "config", "service", "client", "handler",
        "request", "response", "status", "total", "count", "index", "name", "value", "result", "entry", "build",
        "deploy", "module", "package", "version", "timeout", "retry", "limit", "region", "bucket", "stream"};
    private static final String[] EXTENSIONS = {".java", ".yaml", ".properties", ".json", ".sh", ".md", ".py",
        ".ts"};

    private final List<Example> positives;
    private final List<Example> lookAlikes;
    private final long seed;
    private final int plantEvery;
    private final int fileSize;

    private SecretCorpus(final List<Example> positives, final List<Example> lookAlikes, final long seed,
            final int plantEvery, final int fileSize) {
        this.positives = positives;
        this.lookAlikes = lookAlikes;
        this.seed = seed;
        this.plantEvery = plantEvery;
        this.fileSize = fileSize;
    }

    /**
     * A rule's example.
     *
     * @param ruleId the rule
     * @param lines its lines
     */
    private record Example(String ruleId, String[] lines) {
    }

    /**
     * A labelled block of lines.
     *
     * @param file the file, relative to the corpus folder
     * @param firstLine the first line of the block, from 1
     * @param lastLine the last line
     * @param ruleId the rule whose example it is
     * @param secret whether it is a positive example (a secret the rule must find) or a look-alike
     */
    public record Plant(String file, int firstLine, int lastLine, String ruleId, boolean secret) {
    }

    /**
     * What was written.
     *
     * @param plants the labelled blocks, by file and line
     * @param files the number of files
     * @param lines the number of lines
     * @param bytes the number of bytes
     */
    public record Written(List<Plant> plants, int files, long lines, long bytes) {
        /**
         * Copies the list.
         */
        public Written {
            plants = List.copyOf(plants);
        }
    }

    /**
     * Creates a corpus of the built-in rules' examples.
     *
     * @param seed the seed of the random choices
     * @return the corpus, with a labelled block about every 40 lines and files of about 8 KB
     */
    public static SecretCorpus ofBuiltInExamples(final long seed) {
        List<Example> positives = new ArrayList<>();
        List<Example> lookAlikes = new ArrayList<>();
        try (InputStream in = SecretRules.class.getResourceAsStream(SecretRules.BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw LotaBotsException.of(SecretErrorCode.BUILT_IN_RULES_MISSING, "The built-in secret rules are"
                        + " missing from the class path.");
            }
            for (JsonNode rule : new ObjectMapper().readTree(in).path("rules")) {
                String id = rule.path("id").asText();
                rule.path("examples").path("match").forEach(n -> positives.add(new Example(id, n.asText()
                        .split("\n", -1))));
                rule.path("examples").path("noMatch").forEach(n -> lookAlikes.add(new Example(id, n.asText()
                        .split("\n", -1))));
            }
        }
        catch (IOException e) {
            throw LotaBotsException.of(SecretErrorCode.BUILT_IN_RULES_MISSING, "Cannot read the built-in secret rules: "
                    + e.getMessage(), e);
        }
        return new SecretCorpus(positives, lookAlikes, seed, 40, 8192);
    }

    /**
     * Returns a corpus with another density of labelled blocks.
     *
     * @param lines a labelled block every this many lines on average, at least 12
     * @return the corpus
     */
    public SecretCorpus withPlantEvery(final int lines) {
        if (lines < 12) {
            throw new IllegalArgumentException("Plant at most one block every 12 lines, so that pairs do not mix");
        }
        return new SecretCorpus(positives, lookAlikes, seed, lines, fileSize);
    }

    /**
     * Returns a corpus with another file size.
     *
     * @param bytes the approximate size of each file
     * @return the corpus
     */
    public SecretCorpus withFileSize(final int bytes) {
        return new SecretCorpus(positives, lookAlikes, seed, plantEvery, bytes);
    }

    /**
     * Returns the number of positive examples one pass plants.
     *
     * @return the count
     */
    public int positiveCount() {
        return positives.size();
    }

    /**
     * Writes files into a folder (in sub-folders of 100 files) until at least the given size is reached. Positive
     * examples and look-alikes are planted in turn, each in the order of the rules, so every example is planted
     * once before any is planted twice.
     *
     * @param folder the folder, which must exist
     * @param totalBytes how many bytes to write at least
     * @return the labels
     * @throws IOException if a file cannot be written
     */
    public Written write(final Path folder, final long totalBytes) throws IOException {
        Random random = new Random(seed);
        List<Plant> plants = new ArrayList<>();
        long bytes = 0;
        long lines = 0;
        int files = 0;
        int nextPositive = 0;
        int nextLookAlike = 0;
        StringBuilder text = new StringBuilder(fileSize + 4096);
        while (bytes < totalBytes) {
            String extension = EXTENSIONS[files % EXTENSIONS.length];
            String relative = String.format(Locale.ROOT, "m%03d/%s%d%s", files / 100, WORDS[random.nextInt(
                    WORDS.length)], files, extension);
            text.setLength(0);
            int line = 0;
            int sinceLast = 0;
            while (text.length() < fileSize) {
                if (sinceLast >= 6 && random.nextInt(plantEvery) == 0) {
                    boolean secret = random.nextBoolean();
                    Example example = secret ? positives.get(nextPositive++ % positives.size())
                            : lookAlikes.get(nextLookAlike++ % lookAlikes.size());
                    for (String exampleLine : example.lines()) {
                        text.append(exampleLine).append('\n');
                    }
                    plants.add(new Plant(relative, line + 1, line + example.lines().length, example.ruleId(), secret));
                    line += example.lines().length;
                    sinceLast = 0;
                    continue;
                }
                fillerLine(random, extension, text);
                text.append('\n');
                line++;
                sinceLast++;
            }
            Path file = folder.resolve(relative);
            Files.createDirectories(folder.resolve(relative.substring(0, relative.indexOf('/'))));
            byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(content);
            }
            bytes += content.length;
            lines += line;
            files++;
        }
        return new Written(plants, files, lines, bytes);
    }

    private static String word(final Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String camel(final Random random) {
        String second = word(random);
        return word(random) + Character.toUpperCase(second.charAt(0)) + second.substring(1);
    }

    private static String hex(final Random random, final int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return HexFormat.of().formatHex(data);
    }

    private static String base64(final Random random, final int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    private static void fillerLine(final Random random, final String extension, final StringBuilder out) {
        int kind = random.nextInt(100);
        if (kind < 4) {
            out.append("    String checksum = \"").append(hex(random, 32)).append("\";");
        }
        else if (kind < 7) {
            out.append("commit: ").append(hex(random, 20));
        }
        else if (kind < 10) {
            out.append("  \"id\": \"").append(new UUID(random.nextLong(), random.nextLong())).append("\",");
        }
        else if (kind < 12) {
            out.append("      \"integrity\": \"sha512-").append(base64(random, 64)).append("\",");
        }
        else if (kind < 13) {
            out.append("<img alt=\"logo\" src=\"data:image/png;base64,").append(base64(random, 150)).append("\">");
        }
        else if (kind < 15) {
            out.append(word(random)).append(".password: ${").append(word(random).toUpperCase(Locale.ROOT))
                    .append("_PASSWORD}");
        }
        else if (kind < 17) {
            out.append("token = os.environ[\"").append(word(random).toUpperCase(Locale.ROOT)).append("_TOKEN\"]");
        }
        else if (kind < 19) {
            out.append("// TODO: rotate the ").append(word(random)).append(" secret before the release");
        }
        else if (kind < 21) {
            out.append("  url: https://repo.example.com/").append(word(random)).append('/').append(word(random))
                    .append("/").append(random.nextInt(10)).append('.').append(random.nextInt(20)).append(".0");
        }
        else if (kind < 23) {
            out.append("version = \"").append(random.nextInt(5)).append('.').append(random.nextInt(30)).append('.')
                    .append(random.nextInt(10)).append('"');
        }
        else if (kind < 25) {
            out.append("    Path ").append(camel(random)).append("Path = task.getOutputPath().resolve(\"")
                    .append(word(random)).append("\");");
        }
        else if (kind < 27) {
            out.append("export ").append(word(random).toUpperCase(Locale.ROOT)).append("_AUTH_HEADER=\"Bearer $")
                    .append(word(random).toUpperCase(Locale.ROOT)).append("_TOKEN\"");
        }
        else {
            prose(random, extension, out);
        }
    }

    private static void prose(final Random random, final String extension, final StringBuilder out) {
        switch (extension) {
            case ".java", ".ts" -> {
                int kind = random.nextInt(6);
                switch (kind) {
                    case 0 -> out.append("    private final ").append(camel(random).substring(0, 1)
                            .toUpperCase(Locale.ROOT)).append(camel(random).substring(1)).append(' ')
                            .append(camel(random)).append(';');
                    case 1 -> out.append("        for (int i = 0; i < ").append(word(random))
                            .append("s.size(); i++) {");
                    case 2 -> out.append("        if (").append(camel(random)).append(" == null) {");
                    case 3 -> out.append("            return ").append(camel(random)).append('.')
                            .append(word(random)).append("(").append(random.nextInt(100)).append(");");
                    case 4 -> out.append("        }");
                    default -> out.append("        LOG.info(\"").append(word(random)).append(' ')
                            .append(word(random)).append(" {} of {}\", ").append(camel(random)).append(", ")
                            .append(word(random)).append("s.size());");
                }
            }
            case ".yaml" -> out.append("  ".repeat(random.nextInt(3))).append(camel(random)).append(": ")
                    .append(random.nextBoolean() ? word(random) : Integer.toString(random.nextInt(5000)));
            case ".properties" -> out.append(word(random)).append('.').append(word(random)).append('.')
                    .append(camel(random)).append(" = ").append(word(random)).append('-').append(random.nextInt(99));
            case ".json" -> out.append("    \"").append(camel(random)).append("\": ")
                    .append(random.nextBoolean() ? "\"" + word(random) + "\"," : random.nextInt(100000) + ",");
            case ".sh" -> out.append(random.nextBoolean() ? "if [ -f \"$" : "echo \"$").append(word(random)
                    .toUpperCase(Locale.ROOT)).append("_DIR/").append(word(random)).append("\" ]; then");
            case ".py" -> out.append("    ").append(word(random)).append("_").append(word(random)).append(" = ")
                    .append(word(random)).append(".get(\"").append(camel(random)).append("\", ")
                    .append(random.nextInt(10)).append(')');
            default -> {
                int words = 6 + random.nextInt(10);
                for (int w = 0; w < words; w++) {
                    out.append(w == 0 ? "" : " ").append(word(random));
                }
                out.append('.');
            }
        }
    }
}
