package io.lotabots.bot.security.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * A held-out, realistic monorepo for measuring secret scanners side by side (issue 14): Java and Kotlin services
 * with Spring configuration, TypeScript and JavaScript front-ends with lock files and minified bundles, Python and Go
 * services, C# tools, Terraform, Helm charts and Kubernetes manifests, {@code .env.example} files, Markdown docs and
 * test fixtures full of hashes, UUIDs and base64 images. Its code reads secrets the way real code does
 * ({@code tokenService.issue(...)}, {@code process.env.X_API_KEY}, {@code settings.SECRET_KEY}, {@code var.x},
 * {@code ${VAR}}), and its documentation shows placeholders and AWS's documentation keys. Into this it plants
 * {@value #SECRETS} secrets at known lines: provider tokens (AWS key pairs, GitHub, Slack, Stripe, Google, SendGrid,
 * npm, RSA private keys, PostgreSQL URLs with a password) and generic literal passwords and keys in
 * {@code .properties}, YAML, {@code .env} files and quoted in code.
 *
 * <p>It is independent of {@link SecretCorpus}: other file kinds, other values, no rule examples. It uses only the
 * JDK, so that it can write the corpus from the command line for other tools:</p>
 * <pre>java engine/src/test/java/io/lotabots/bot/security/secrets/MonorepoCorpus.java /tmp/monorepo [MB] [seed]</pre>
 */
public final class MonorepoCorpus {
    /** The number of planted secrets. */
    public static final int SECRETS = 65;
    /** The default seed. */
    public static final long SEED = 20_261_207L;
    /** The default size, in bytes. */
    public static final long DEFAULT_BYTES = 55L * 1024 * 1024;

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] SERVICES = {"billing", "orders", "catalog", "identity", "inventory", "shipping",
        "payments", "notifications", "search", "reporting", "pricing", "returns"};
    private static final String[] WORDS = {"order", "customer", "invoice", "amount", "status", "item", "price",
        "total", "region", "tenant", "request", "response", "event", "account", "product", "cart", "session",
        "user", "address", "shipment", "refund", "currency", "discount", "warehouse", "report", "batch"};
    private static final String[] KINDS = {"aws-key-pair", "github-token", "slack-bot-token", "stripe-live-key",
        "google-api-key", "sendgrid-key", "rsa-private-key", "postgres-url", "npm-token", "generic-properties",
        "generic-yaml", "generic-env", "generic-code"};

    /**
     * A planted secret.
     *
     * @param file the relative path, with {@code /}
     * @param line the line a scanner should report, from 1
     * @param kind what it is, for example {@code github-token} or {@code generic-env}
     */
    public record Planted(String file, int line, String kind) {
    }

    /**
     * What was written.
     *
     * @param secrets the planted secrets
     * @param files the number of files
     * @param bytes the number of bytes
     */
    public record Written(List<Planted> secrets, int files, long bytes) {
        /**
         * Copies the list.
         */
        public Written {
            secrets = List.copyOf(secrets);
        }
    }

    private final Random random;
    private final Path root;
    private final List<Planted> planted = new ArrayList<>();
    private int files;
    private long bytes;

    private MonorepoCorpus(final Path root, final long seed) {
        this.root = root;
        this.random = new Random(seed);
    }

    /**
     * Writes the corpus.
     *
     * @param root the folder, created if missing; should be empty
     * @param seed the seed; the same seed writes the same files
     * @param targetBytes about how many bytes to write, at least 4 MB
     * @return the planted secrets and the size
     */
    public static Written write(final Path root, final long seed, final long targetBytes) {
        MonorepoCorpus corpus = new MonorepoCorpus(root, seed);
        corpus.fill(targetBytes);
        return new Written(corpus.planted, corpus.files, corpus.bytes);
    }

    /**
     * Writes the corpus from the command line.
     *
     * @param args the folder, optionally the size in MB and the seed
     */
    public static void main(final String[] args) {
        if (args.length < 1) {
            System.err.println("usage: MonorepoCorpus DIR [MB] [seed]");
            System.exit(2);
        }
        long size = args.length > 1 ? Long.parseLong(args[1]) * 1024 * 1024 : DEFAULT_BYTES;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
        Written written = write(Path.of(args[0]), seed, size);
        StringBuilder labels = new StringBuilder();
        for (Planted p : written.secrets()) {
            labels.append(p.file()).append('\t').append(p.line()).append('\t').append(p.kind()).append('\n');
        }
        try {
            Files.writeString(Path.of(args[0] + ".labels.tsv"), labels);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf(Locale.ROOT, "%d files, %d bytes, %d secrets; labels in %s.labels.tsv%n", written.files(),
                written.bytes(), written.secrets().size(), args[0]);
    }

    private void fill(final long targetBytes) {
        // the planted secrets first, spread over the services; then filler until the size is reached
        for (int i = 0; i < SECRETS; i++) {
            plant(KINDS[i % KINDS.length], SERVICES[i % SERVICES.length], i);
        }
        int round = 0;
        while (bytes < targetBytes) {
            String service = SERVICES[round % SERVICES.length] + (round < SERVICES.length ? ""
                    : "-" + (round / SERVICES.length));
            writeService(service, round);
            round++;
        }
    }

    // ---------------------------------------------------------------------------------------------- the plants

    private void plant(final String kind, final String service, final int n) {
        String dir = "services/" + service + "-service";
        switch (kind) {
            case "aws-key-pair" -> {
                String[] pair = {"aws_access_key_id = " + awsKeyId(), "aws_secret_access_key = " + awsSecret()};
                String file = n % 2 == 0 ? "deploy/" + service + "/aws-credentials.ini" : dir + "/.env";
                List<String> lines = n % 2 == 0 ? iniFiller() : envFiller(service, 12);
                int at = 1 + random.nextInt(lines.size() - 1);
                lines.add(at, pair[1]);
                lines.add(at, pair[0]);
                put(file, lines, at + 1, kind);
            }
            case "github-token" -> {
                List<String> lines = workflowFiller(service);
                int at = lines.indexOf("        env:") + 1 + random.nextInt(2);
                lines.add(at, "          GH_RELEASE_TOKEN: " + githubToken("ghp_"));
                put(".github/workflows/release-" + service + ".yml", lines, at + 1, kind);
            }
            case "slack-bot-token" -> plantEnv(dir + "/config/slack.env", service,
                    "SLACK_BOT_TOKEN=xoxb-" + digits(12) + "-" + digits(13) + "-" + chars(ALNUM, 24), kind);
            case "stripe-live-key" -> {
                List<String> lines = pythonFiller(service, 60);
                int at = 8 + random.nextInt(20);
                lines.add(at, "stripe.api_key = \"sk_live_" + chars(ALNUM, 40) + "\"");
                put("python/" + service + "_worker/billing/stripe_client.py", lines, at + 1, kind);
            }
            case "google-api-key" -> {
                List<String> lines = tsFiller(service, 70);
                int at = 5 + random.nextInt(20);
                lines.add(at, "  apiKey: \"AIza" + chars(ALNUM + "_-", 35) + "\",");
                put("frontend/" + service + "-web/src/config/firebase.ts", lines, at + 1, kind);
            }
            case "sendgrid-key" -> plantEnv(dir + "/mail.env", service, "SENDGRID_API_KEY=SG." + chars(ALNUM, 22)
                    + "." + chars(ALNUM + "_-", 43), kind);
            case "rsa-private-key" -> {
                List<String> lines = new ArrayList<>();
                lines.add("-----BEGIN RSA PRIVATE KEY-----");
                for (int i = 0; i < 25; i++) {
                    lines.add(chars(ALNUM + "+/", 64));
                }
                lines.add(chars(ALNUM + "+/", 24) + "==");
                lines.add("-----END RSA PRIVATE KEY-----");
                put("deploy/" + service + "/tls/" + service + "-signing.key", lines, 1, kind);
            }
            case "postgres-url" -> {
                List<String> lines = composeFiller(service);
                int at = 4 + random.nextInt(lines.size() - 4);
                lines.add(at, "      DATABASE_URL: postgres://" + service + ":" + chars(ALNUM, 20) + "@db." + service
                        + ".internal:5432/" + service);
                put("deploy/" + service + "/docker-compose.prod.yml", lines, at + 1, kind);
            }
            case "npm-token" -> put("frontend/" + service + "-web/.npmrc", List.of("registry=https://registry.npmjs"
                    + ".org/", "//registry.npmjs.org/:_authToken=npm_" + chars(ALNUM, 36), "save-exact=true"), 2,
                    kind);
            case "generic-properties" -> {
                List<String> lines = propertiesFiller(service);
                int at = 3 + random.nextInt(lines.size() - 3);
                lines.add(at, "spring.datasource.password=" + password(22));
                put(dir + "/src/main/resources/application-prod.properties", lines, at + 1, kind);
            }
            case "generic-yaml" -> {
                List<String> lines = helmValuesFiller(service);
                int at = 4 + random.nextInt(lines.size() - 4);
                lines.add(at, "  adminPassword: " + password(20));
                put("deploy/helm/" + service + "/values-prod.yaml", lines, at + 1, kind);
            }
            case "generic-env" -> plantEnv(dir + "/.env.production", service, "JWT_SIGNING_SECRET=" + password(32),
                    kind);
            case "generic-code" -> plantCode(service, n, kind);
            default -> throw new IllegalArgumentException(kind);
        }
    }

    private void plantEnv(final String file, final String service, final String line, final String kind) {
        List<String> lines = envFiller(service, 14);
        int at = 1 + random.nextInt(lines.size() - 1);
        lines.add(at, line);
        put(file, lines, at + 1, kind);
    }

    private void plantCode(final String service, final int n, final String kind) {
        String secret = password(28);
        String type = camel(service);
        List<String> lines;
        String file;
        String line;
        switch ((n / KINDS.length) % 5) {
            case 0 -> {
                lines = javaFiller(service, "LegacyPartnerClient", 90);
                line = "    private static final String PARTNER_API_KEY = \"" + secret + "\";";
                file = "services/" + service + "-service/src/main/java/com/acme/" + service
                        + "/partner/LegacyPartnerClient.java";
            }
            case 1 -> {
                lines = kotlinFiller(service, 70);
                line = "    private val webhookSecret = \"" + secret + "\"";
                file = "services/" + service + "-service/src/main/kotlin/com/acme/" + service + "/" + type
                        + "Webhooks.kt";
            }
            case 2 -> {
                lines = goFiller(service, 80);
                line = "\tconst signingKey = \"" + secret + "\"";
                file = "go/" + service + "-gateway/internal/auth/keys.go";
            }
            case 3 -> {
                lines = pythonFiller(service, 70);
                line = "DB_PASSWORD = '" + secret + "'";
                file = "python/" + service + "_worker/" + service + "_worker/db.py";
            }
            default -> {
                lines = csharpFiller(service, 70);
                line = "        private const string ClientSecret = \"" + secret + "\";";
                file = "tools/" + type + "Admin/Services/" + type + "Client.cs";
            }
        }
        int at = 6 + random.nextInt(lines.size() - 12);
        lines.add(at, line);
        put(file, lines, at + 1, kind);
    }

    private void put(final String file, final List<String> lines, final int line, final String kind) {
        write(file, String.join("\n", lines) + "\n");
        planted.add(new Planted(file, line, kind));
    }

    // ------------------------------------------------------------------------------------------- the filler

    private void writeService(final String service, final int round) {
        String type = camel(service);
        String java = "services/" + service + "-service/src/main/java/com/acme/" + service.replace('-', '_');
        for (int i = 0; i < 14; i++) {
            String name = type + camel(WORDS[random.nextInt(WORDS.length)]) + suffix(i);
            write(java + "/" + name + ".java", String.join("\n", javaFiller(service, name, 120 + random.nextInt(200))));
        }
        for (int i = 0; i < 4; i++) {
            String name = type + camel(WORDS[random.nextInt(WORDS.length)]) + "Test" + i;
            write("services/" + service + "-service/src/test/java/com/acme/" + service.replace('-', '_') + "/" + name
                    + ".java", String.join("\n", javaTestFiller(service, name)));
        }
        write("services/" + service + "-service/src/main/resources/application.yml",
                String.join("\n", springYaml(service)));
        write("services/" + service + "-service/src/main/resources/application.properties",
                String.join("\n", propertiesFiller(service)));
        for (int i = 0; i < 5; i++) {
            write("services/" + service + "-service/src/main/kotlin/com/acme/" + type + "Flow" + i + ".kt",
                    String.join("\n", kotlinFiller(service, 100 + random.nextInt(150))));
        }
        String web = "frontend/" + service + "-web";
        for (int i = 0; i < 10; i++) {
            write(web + "/src/" + WORDS[random.nextInt(WORDS.length)] + i + ".ts",
                    String.join("\n", tsFiller(service, 80 + random.nextInt(150))));
        }
        write(web + "/.env.example", String.join("\n", envExample(service)));
        write(web + "/package-lock.json", packageLock(600 + random.nextInt(900)));
        write(web + "/dist/assets/index-" + hex(8) + ".min.js", minified(300_000 + random.nextInt(500_000)));
        for (int i = 0; i < 6; i++) {
            write("python/" + service + "_worker/" + service.replace('-', '_') + "_worker/" + WORDS[i] + ".py",
                    String.join("\n", pythonFiller(service, 100 + random.nextInt(150))));
        }
        write("python/" + service + "_worker/poetry.lock", poetryLock(150 + random.nextInt(150)));
        for (int i = 0; i < 6; i++) {
            write("go/" + service + "-gateway/internal/" + WORDS[i] + "/" + WORDS[i] + ".go",
                    String.join("\n", goFiller(service, 100 + random.nextInt(150))));
        }
        write("go/" + service + "-gateway/go.sum", goSum(300 + random.nextInt(300)));
        for (int i = 0; i < 3; i++) {
            write("tools/" + type + "Admin/Services/" + type + WORDS[i] + ".cs",
                    String.join("\n", csharpFiller(service, 80 + random.nextInt(100))));
        }
        write("infra/terraform/" + service + "/main.tf", String.join("\n", terraform(service)));
        write("deploy/helm/" + service + "/values.yaml", String.join("\n", helmValuesFiller(service)));
        write("deploy/helm/" + service + "/templates/deployment.yaml", String.join("\n", helmDeployment(service)));
        write("deploy/k8s/" + service + "/external-secret.yaml", String.join("\n", externalSecret(service)));
        write("docs/" + service + "/README.md", String.join("\n", markdown(service)));
        for (int i = 0; i < 4; i++) {
            write("services/" + service + "-service/src/test/resources/fixtures/" + WORDS[i] + "-" + round + ".json",
                    fixture(200 + random.nextInt(400)));
        }
    }

    private static String suffix(final int i) {
        return new String[] {"Service", "Controller", "Repository", "Client", "Mapper", "Handler", "Config",
            "Validator", "Listener", "Scheduler", "Factory", "Gateway", "Resource", "Policy"}[i % 14];
    }

    private List<String> javaFiller(final String service, final String name, final int lines) {
        List<String> out = new ArrayList<>();
        out.add("package com.acme." + service.replace('-', '_') + ";");
        out.add("");
        out.add("import java.util.Objects;");
        out.add("import org.springframework.beans.factory.annotation.Value;");
        out.add("");
        out.add("public class " + name + " {");
        out.add("    private final TokenService tokenService;");
        out.add("    private final String secretKey;");
        out.add("    @Value(\"${" + service + ".api.key}\")");
        out.add("    private String apiKey;");
        out.add("");
        out.add("    public " + name + "(final TokenService tokenService, final String secretKey) {");
        out.add("        this.tokenService = tokenService;");
        out.add("        this.secretKey = Objects.requireNonNull(secretKey, \"secretKey\");");
        out.add("    }");
        while (out.size() < lines) {
            String w = WORDS[random.nextInt(WORDS.length)];
            switch (random.nextInt(9)) {
                case 0 -> out.add("        String token = tokenService.issue(" + w + "Id, Duration.ofMinutes(15));");
                case 1 -> out.add("        String password = credentials.getPassword();");
                case 2 -> out.add("        var accessToken = authClient.exchange(request.getAuthorizationCode());");
                case 3 -> out.add("        final String passwordHash = passwordEncoder.encode(form.getPassword());");
                case 4 -> out.add("        String secret = secretsManager.getSecretValue(\"" + service + "/" + w
                        + "\").secretString();");
                case 5 -> out.add("        log.debug(\"Loaded {} {} for tenant {}\", " + w + "s.size(), \"" + w
                        + "\", tenantId);");
                case 6 -> out.add("        if (" + w + " == null) { throw new IllegalStateException(\"missing " + w
                        + "\"); }");
                case 7 -> out.add("    public " + camel(w) + " find" + camel(w) + "(final UUID id) { return repository"
                        + ".findById(id).orElseThrow(); }");
                default -> out.add("        // " + sentence());
            }
        }
        out.add("}");
        return out;
    }

    private List<String> javaTestFiller(final String service, final String name) {
        List<String> out = new ArrayList<>(List.of("package com.acme." + service.replace('-', '_') + ";", "",
                "class " + name + " {", "    private static final String PASSWORD = \"secret\";",
                "    private static final UUID ID = UUID.fromString(\"" + UUID.nameUUIDFromBytes(hex(8).getBytes(
                        StandardCharsets.UTF_8)) + "\");",
                "    private static final String TOKEN_HEADER = \"X-Auth-Token\";"));
        for (int i = 0; i < 40; i++) {
            out.add("    @Test void should" + camel(WORDS[random.nextInt(WORDS.length)]) + i + "() {"
                    + " assertThat(service.checksum(\"" + hex(64) + "\")).isTrue(); }");
            out.add("    // token = tokenService.issue(user) must not be logged");
        }
        out.add("}");
        return out;
    }

    private List<String> kotlinFiller(final String service, final int lines) {
        List<String> out = new ArrayList<>(List.of("package com.acme." + service.replace('-', '_'), "",
                "class " + camel(service) + "Flow(private val tokenProvider: TokenProvider) {",
                "    private val token = tokenProvider.currentToken()",
                "    val clientSecret = requireNotNull(System.getenv(\"CLIENT_SECRET\"))"));
        while (out.size() < lines) {
            String w = WORDS[random.nextInt(WORDS.length)];
            switch (random.nextInt(4)) {
                case 0 -> out.add("    fun " + w + "(id: UUID): " + camel(w) + "? = repository.find(id)");
                case 1 -> out.add("        val apiKey = config.getString(\"" + service + "." + w + ".apiKey\")");
                case 2 -> out.add("        val password = vault.read(\"secret/" + service + "/" + w + "\").password");
                default -> out.add("    // " + sentence());
            }
        }
        out.add("}");
        return out;
    }

    private List<String> tsFiller(final String service, final int lines) {
        List<String> out = new ArrayList<>(List.of("import { api } from './api';", "",
                "const apiKey = process.env.NEXT_PUBLIC_" + service.toUpperCase(Locale.ROOT).replace('-', '_')
                        + "_API_KEY;",
                "const mapsKey = import.meta.env.VITE_MAPS_API_KEY;", "export const config = {"));
        while (out.size() < lines) {
            String w = WORDS[random.nextInt(WORDS.length)];
            switch (random.nextInt(6)) {
                case 0 -> out.add("  headers: { Authorization: `Bearer ${session.accessToken}` },");
                case 1 -> out.add("  token: authStore.getState().token,");
                case 2 -> out.add("  const password = form.values.password;");
                case 3 -> out.add("  " + w + "Url: `${baseUrl}/" + w + "s/${id}`,");
                case 4 -> out.add("  const [" + w + ", set" + camel(w) + "] = useState<" + camel(w) + " | null>(null);");
                default -> out.add("  // " + sentence());
            }
        }
        out.add("};");
        return out;
    }

    private List<String> pythonFiller(final String service, final int lines) {
        List<String> out = new ArrayList<>(List.of("import os", "from django.conf import settings", "",
                "secret_key = settings.SECRET_KEY", "API_TOKEN = os.environ[\"" + service.toUpperCase(Locale.ROOT)
                        .replace('-', '_') + "_API_TOKEN\"]", "password = os.getenv(\"DB_PASSWORD\", \"\")", ""));
        while (out.size() < lines) {
            String w = WORDS[random.nextInt(WORDS.length)];
            switch (random.nextInt(5)) {
                case 0 -> out.add("    token = jwt.encode(payload, settings.JWT_SECRET, algorithm=\"HS256\")");
                case 1 -> out.add("def get_" + w + "(" + w + "_id: str) -> dict:");
                case 2 -> out.add("    return client.get(f\"/" + w + "s/{" + w + "_id}\", timeout=10).json()");
                case 3 -> out.add("    auth_header = request.headers.get(\"Authorization\", \"\")");
                default -> out.add("    # " + sentence());
            }
        }
        return out;
    }

    private List<String> goFiller(final String service, final int lines) {
        List<String> out = new ArrayList<>(List.of("package auth", "", "import (", "\t\"os\"", ")", "",
                "func load() Config {", "\ttoken := os.Getenv(\"GITHUB_TOKEN\")",
                "\tapiKey := cfg.Providers.Payments.APIKey"));
        while (out.size() < lines) {
            String w = WORDS[random.nextInt(WORDS.length)];
            switch (random.nextInt(4)) {
                case 0 -> out.add("\tpassword := viper.GetString(\"" + service + ".db.password\")");
                case 1 -> out.add("\t" + w + ", err := store.Get" + camel(w) + "(ctx, id)");
                case 2 -> out.add("\tif err != nil {\n\t\treturn nil, fmt.Errorf(\"" + w + ": %w\", err)\n\t}");
                default -> out.add("\t// " + sentence());
            }
        }
        out.add("}");
        return out;
    }

    private List<String> csharpFiller(final String service, final int lines) {
        List<String> out = new ArrayList<>(List.of("namespace Acme." + camel(service) + ";", "",
                "public class " + camel(service) + "Client", "{",
                "    var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\");",
                "    options.ClientSecret = builder.Configuration[\"AzureAd:ClientSecret\"];"));
        while (out.size() < lines) {
            String w = WORDS[random.nextInt(WORDS.length)];
            out.add(random.nextBoolean() ? "    public async Task<" + camel(w) + "> Get" + camel(w)
                    + "Async(Guid id) => await _client.GetAsync(id);" : "    // " + sentence());
        }
        out.add("}");
        return out;
    }

    private List<String> springYaml(final String service) {
        return List.of("spring:", "  application:", "    name: " + service + "-service", "  datasource:",
                "    url: jdbc:postgresql://${DB_HOST:localhost}:5432/" + service, "    username: ${DB_USER}",
                "    password: ${DB_PASSWORD}", "  security:", "    oauth2:", "      client:", "        registration:",
                "          keycloak:", "            client-secret: ${KEYCLOAK_CLIENT_SECRET}",
                "            authorization-grant-type: authorization_code", "app:", "  jwt:",
                "    secret: ${JWT_SECRET}", "    token-validity: 15m");
    }

    private List<String> propertiesFiller(final String service) {
        List<String> out = new ArrayList<>(List.of("server.port=8080", "spring.application.name=" + service,
                "spring.datasource.url=jdbc:postgresql://db:5432/" + service, "spring.datasource.username=" + service,
                "app.security.token-header=X-Auth-Token", "app.security.password-policy=strong",
                "management.endpoints.web.exposure.include=health,info,prometheus",
                "spring.datasource.password=${SPRING_DATASOURCE_PASSWORD}",
                "app.security.secret-store=aws-secrets-manager"));
        for (int i = 0; i < 10; i++) {
            out.add(service + "." + WORDS[random.nextInt(WORDS.length)] + ".timeout-ms=" + (1000 + random.nextInt(9000)));
        }
        return out;
    }

    private List<String> envFiller(final String service, final int lines) {
        List<String> out = new ArrayList<>(List.of("# " + service + " settings", "NODE_ENV=production",
                "LOG_LEVEL=info", "PORT=8080", "DB_HOST=db." + service + ".internal", "REDIS_URL=redis://cache:6379/0"));
        while (out.size() < lines) {
            out.add(WORDS[random.nextInt(WORDS.length)].toUpperCase(Locale.ROOT) + "_TIMEOUT_MS=" + random.nextInt(9000));
        }
        return out;
    }

    private List<String> envExample(final String service) {
        return List.of("# Copy to .env and fill in", "DB_PASSWORD=changeme", "STRIPE_SECRET_KEY=sk_live_your_key_here",
                "JWT_SECRET=replace-me-with-a-long-random-string", "GITHUB_TOKEN=ghp_" + "x".repeat(36),
                "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "API_KEY=", "SESSION_SECRET=<generate with openssl rand -hex 32>", "SERVICE_NAME=" + service);
    }

    private List<String> iniFiller() {
        return new ArrayList<>(List.of("[default]", "region = eu-west-1", "output = json"));
    }

    private List<String> workflowFiller(final String service) {
        return new ArrayList<>(List.of("name: release " + service, "on:", "  push:", "    tags: ['v*']", "jobs:",
                "  release:", "    runs-on: ubuntu-latest", "    steps:", "      - uses: actions/checkout@v4",
                "      - name: publish", "        run: ./gradlew publish", "        env:",
                "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", "          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}"));
    }

    private List<String> composeFiller(final String service) {
        return new ArrayList<>(List.of("services:", "  " + service + ":", "    image: acme/" + service + ":1.4.2",
                "    environment:", "      SPRING_PROFILES_ACTIVE: prod", "      DB_PASSWORD: ${DB_PASSWORD}",
                "    ports:", "      - \"8080:8080\""));
    }

    private List<String> helmValuesFiller(final String service) {
        return new ArrayList<>(List.of("replicaCount: 3", "image:", "  repository: acme/" + service,
                "  tag: \"1.4.2\"", "auth:", "  existingSecret: " + service + "-credentials",
                "  secretName: " + service + "-tls-secret", "  password: \"\"", "  apiKey: {{ .Values.global.apiKey }}",
                "resources:", "  limits:", "    cpu: 500m", "    memory: 512Mi"));
    }

    private List<String> helmDeployment(final String service) {
        return List.of("apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: {{ include \"" + service
                + ".fullname\" . }}", "spec:", "  template:", "    spec:", "      containers:", "        - name: app",
                "          env:", "            - name: DB_PASSWORD", "              valueFrom:",
                "                secretKeyRef:", "                  name: {{ .Values.auth.existingSecret }}",
                "                  key: password", "            - name: API_TOKEN",
                "              value: {{ .Values.apiToken | quote }}");
    }

    private List<String> externalSecret(final String service) {
        return List.of("apiVersion: external-secrets.io/v1beta1", "kind: ExternalSecret", "metadata:",
                "  name: " + service + "-db", "spec:", "  secretStoreRef:", "    name: vault-backend", "  data:",
                "    - secretKey: password", "      remoteRef:", "        key: secret/" + service + "/db");
    }

    private List<String> terraform(final String service) {
        return List.of("resource \"datadog_monitor\" \"" + service + "\" {", "  name = \"" + service + " latency\"",
                "}", "provider \"datadog\" {", "  api_key = var.datadog_api_key", "  app_key = var.datadog_app_key", "}",
                "resource \"aws_db_instance\" \"" + service + "\" {", "  password = random_password.db.result",
                "  username = \"" + service + "\"", "}", "resource \"aws_secretsmanager_secret_version\" \"db\" {",
                "  secret_string = jsonencode({ password = random_password.db.result })", "}");
    }

    private List<String> markdown(final String service) {
        List<String> out = new ArrayList<>(List.of("# " + service, "", "Set the token before you run it:", "",
                "```sh", "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "```", "",
                "The `password` field is read from `${DB_PASSWORD}`; never commit it."));
        for (int i = 0; i < 60; i++) {
            out.add(sentence());
        }
        return out;
    }

    private String packageLock(final int packages) {
        StringBuilder out = new StringBuilder("{\n  \"name\": \"web\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");
        for (int i = 0; i < packages; i++) {
            String name = WORDS[random.nextInt(WORDS.length)] + "-" + (i % 3 == 0 ? "tokens" : "utils") + i;
            byte[] hash = new byte[64];
            random.nextBytes(hash);
            out.append("    \"node_modules/").append(name).append("\": {\n      \"version\": \"1.").append(i % 20)
                    .append(".0\",\n      \"resolved\": \"https://registry.npmjs.org/").append(name).append("/-/")
                    .append(name).append("-1.0.0.tgz\",\n      \"integrity\": \"sha512-")
                    .append(Base64.getEncoder().encodeToString(hash)).append("\"\n    }")
                    .append(i + 1 < packages ? ",\n" : "\n");
        }
        return out.append("  }\n}\n").toString();
    }

    private String minified(final int size) {
        StringBuilder out = new StringBuilder("!function(){\"use strict\";");
        while (out.length() < size) {
            String w = WORDS[random.nextInt(WORDS.length)];
            switch (random.nextInt(5)) {
                case 0 -> out.append("var ").append(w).append("=e.token||t.auth.token,n=r.password;");
                case 1 -> out.append("headers:{Authorization:\"Bearer \"+a.accessToken},");
                case 2 -> out.append("const ").append(w).append("Key=\"").append(hex(32)).append("\";");
                case 3 -> out.append("function ").append(w).append("(e){return e.apiKey?e.apiKey:o.apiKey}");
                default -> out.append("t.").append(w).append("=function(e,n){return n(e.").append(w).append(")};");
            }
        }
        return out.append("}();\n").toString();
    }

    private String poetryLock(final int packages) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < packages; i++) {
            out.append("[[package]]\nname = \"").append(WORDS[random.nextInt(WORDS.length)]).append("-auth").append(i)
                    .append("\"\nversion = \"2.").append(i % 9).append(".1\"\nfiles = [\n    {file = \"pkg-")
                    .append(i).append(".whl\", hash = \"sha256:").append(hex(64)).append("\"},\n]\n\n");
        }
        return out.toString();
    }

    private String goSum(final int modules) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < modules; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            String module = "github.com/acme/" + WORDS[random.nextInt(WORDS.length)] + (i % 4 == 0 ? "-oauth2" : "")
                    + i;
            out.append(module).append(" v1.").append(i % 30).append(".0 h1:")
                    .append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return out.toString();
    }

    private String fixture(final int records) {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < records; i++) {
            byte[] image = new byte[90];
            random.nextBytes(image);
            out.append("  {\"id\": \"").append(UUID.nameUUIDFromBytes(("r" + random.nextLong()).getBytes(
                    StandardCharsets.UTF_8))).append("\", \"sha256\": \"").append(hex(64))
                    .append("\", \"commit\": \"").append(hex(40)).append("\", \"avatar\": \"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(image)).append("\", \"tokenType\": \"bearer\"")
                    .append(", \"passwordChangedAt\": \"2026-0").append(1 + i % 9).append("-1").append(i % 10)
                    .append("T10:00:00Z\"}").append(i + 1 < records ? ",\n" : "\n");
        }
        return out.append("]\n").toString();
    }

    // ------------------------------------------------------------------------------------------- values

    private String awsKeyId() {
        return "AKIA" + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    }

    private String awsSecret() {
        String value;
        do {
            value = chars(ALNUM + "+/", 40);
        }
        while (!value.matches(".*[0-9].*") || !value.matches(".*[a-z].*") || !value.matches(".*[A-Z].*"));
        return value;
    }

    private String githubToken(final String prefix) {
        String body = chars(BASE62, 30);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        StringBuilder checksum = new StringBuilder();
        long rest = crc.getValue();
        while (rest > 0) {
            checksum.append(BASE62.charAt((int) (rest % 62)));
            rest /= 62;
        }
        while (checksum.length() < 6) {
            checksum.append('0');
        }
        return prefix + body + checksum.reverse();
    }

    /** A generated password: letters, digits and a few symbols, with at least one digit. */
    private String password(final int length) {
        return chars(ALNUM, length - 3) + "#" + random.nextInt(10) + chars("!%&*", 1);
    }

    private String chars(final String alphabet, final int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private String digits(final int length) {
        return chars("0123456789", length);
    }

    private String hex(final int length) {
        return chars("0123456789abcdef", length);
    }

    private String sentence() {
        StringBuilder out = new StringBuilder();
        int words = 6 + random.nextInt(10);
        for (int i = 0; i < words; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.append('.').toString();
    }

    private static String camel(final String text) {
        StringBuilder out = new StringBuilder();
        for (String part : text.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private void write(final String file, final String text) {
        Path path = root.resolve(file);
        try {
            Files.createDirectories(path.getParent());
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            Files.write(path, data);
            files++;
            bytes += data.length;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the corpus file " + path, e);
        }
    }
}
