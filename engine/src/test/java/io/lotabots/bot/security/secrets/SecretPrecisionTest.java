package io.lotabots.bot.security.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The precision of the generic rule and of checksummed tokens (issue 14): code expressions assigned to a variable
 * named like a secret are not secrets, literal values still are; GitHub tokens with a wrong checksum are not
 * reported; documentation examples are informational.
 */
class SecretPrecisionTest {
    private static final SecretScanner SCANNER = SecretScanner.of(SecretRules.builtIn());
    private static final String GENERIC = "generic-secret";

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Auth.java         | String token = tokenService.issueAccessToken(userId, scopes);",
        "Auth.java         | this.secretKey = Objects.requireNonNull(secretKeyProvider, \"secretKey\");",
        "Auth.java         | String password = credentialsRecord.getPassword();",
        "Auth.java         | private final String apiKey = properties.getPaymentsApiKey();",
        "Auth.java         | @Value(\"${payments.api-key}\") private String apiKeyFromSpring;",
        "client.js         | const apiKey = process.env.X_API_KEY_FOR_PAYMENTS;",
        "client.ts         | const accessToken: string = await authClient.fetchAccessToken();",
        "client.ts         | headers: { authorization: `Bearer ${sessionTokenFromStore}` },",
        "client.ts         | apiKey: runtimeConfig.public.mapsApiKey,",
        "settings.py       | secret_key = settings.SECRET_KEY",
        "settings.py       | SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY_VALUE\")",
        "settings.py       | db_password = vault_client.read_secret(path=\"db/creds\")",
        "main.go           | token := os.Getenv(\"GITHUB_TOKEN_FOR_RELEASES\")",
        "main.go           | apiKey := cfg.Providers.Payments.APIKeyValue",
        "main.tf           | api_key = var.datadog_api_key_value",
        "main.tf           | password = random_password.database_admin.result",
        "values.yaml       | password: ${DATABASE_PASSWORD_FROM_ENV}",
        "values.yaml       | secretName: payments-service-tls-secret",
        "values.yaml       | existingSecret: billing-1-credentials",
        "values.yaml       | apiKey: {{ .Values.payments.apiKey }}",
        "Config.kt         | val clientSecret = requireNotNull(System.getenv(\"CLIENT_SECRET_VALUE\"))",
        "Config.kt         | private val token = tokenProvider.currentToken()",
        "Startup.cs        | var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD_VALUE\");",
        "Startup.cs        | options.ClientSecret = builder.Configuration[\"AzureAd:ClientSecret\"];",
        "application.properties | spring.datasource.password=${SPRING_DATASOURCE_PASSWORD}",
        ".env.example      | STRIPE_SECRET_KEY=your_stripe_secret_key_here",
        ".env.example      | DB_PASSWORD=changeme-changeme-2024",
        "deploy.sh         | export GITHUB_TOKEN=$GITHUB_TOKEN_FROM_CI_VAULT",
    })
    void shouldNotReportCodeExpressionsReferencesOrPlaceholders(final String file, final String line) {
        assertThat(SCANNER.scanText(file, line)).extracting(SecretFinding::ruleId).doesNotContain(GENERIC);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Auth.java         | private static final String API_KEY = \"q8Zt4Lm2Xv9Rk7Wp3Nc6Hb1Jd5\";",
        "client.ts         | const password = 'Vp7#kQ2!zR9mW4xT8bN3';",
        "settings.py       | SECRET_KEY = \"h3Kd9Lq2Zm7Vx4Rt8Pw1Nc6Bj5\"",
        "main.go           | token := `Rk7Wp3Nc6Hb1Jd5q8Zt4Lm2Xv9`",
        "main.tf           | password = \"Zt4Lm2Xv9Rk7Wp3Nc6Hb1Jd5q8\"",
        ".env              | DB_PASSWORD=Xk9mQ2vL8pR4tW7zN1bC",
        ".env              | SESSION_SECRET=\"Jd83kLq0Zm2vPx7Yt5Rw9bN4\"  # rotated monthly",
        "application.properties | spring.datasource.password=Tq8Rz3Wm5Kx9Lp2Vn7Bc",
        "values.yaml       | password: Np4Vx8Rk2Zm6Tq9Wc3Lb",
        "values.yaml       |   apiKey: \"Lb3Wc9Tq6Zm2Rk8Vx4Np\"",
    })
    void shouldStillReportLiteralValues(final String file, final String line) {
        assertThat(SCANNER.scanText(file, line)).extracting(SecretFinding::ruleId).containsExactly(GENERIC);
    }

    @Test
    void shouldReportOnlyGitHubTokensWithTheRightChecksum() {
        String valid = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hm";
        String wrongChecksum = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O50Zb5Hn";
        String placeholder = "ghp_" + "x".repeat(36);

        assertThat(SecretChecksum.GITHUB.isValid(valid)).isTrue();
        assertThat(SecretChecksum.GITHUB.isValid(wrongChecksum)).isFalse();
        assertThat(SCANNER.scanText("ci.yml", "token: " + valid)).extracting(SecretFinding::ruleId)
                .containsExactly("github-pat");
        for (String file : List.of("ci.yml", "Client.java", ".env")) {
            assertThat(SCANNER.scanText(file, "token = \"" + wrongChecksum + "\"\nGITHUB_TOKEN=" + wrongChecksum
                    + "\ntoken: \"" + placeholder + "\"")).as(file).isEmpty();
        }
    }

    @Test
    void shouldCheckGitHubChecksumsOfEveryPrefixWithZeroPadding() {
        // published test vectors of the format, one with a checksum that starts with 0
        assertThat(SecretChecksum.GITHUB.isValid("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")).isTrue();
        assertThat(SecretChecksum.GITHUB.isValid("ghp_M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V3")).isFalse();
        assertThat(SecretChecksum.base62(0, 6)).isEqualTo("000000");
        assertThat(SecretChecksum.base62(61, 6)).isEqualTo("00000z");
        assertThat(SecretChecksum.GITHUB.isValid("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")).isTrue();
        assertThat(SecretChecksum.GITHUB.isValid("ghx_MpGNpeeX9AZggHA0f47cL15HDsOPbx3yVguw")).isFalse();
    }

    @Test
    void shouldReportDocumentationExamplesAsInformationalOnly() {
        List<SecretFinding> findings = SCANNER.scanText("README.md", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");

        assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.informational()).isTrue());
        assertThat(SCANNER.scanText("app.env", "AWS_ACCESS_KEY_ID=AKIAQ3EGUTL7ZXK4P2WN"))
                .singleElement().satisfies(f -> assertThat(f.informational()).isFalse());
    }
}
