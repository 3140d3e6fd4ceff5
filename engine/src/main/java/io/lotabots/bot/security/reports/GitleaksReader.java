package io.lotabots.bot.security.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.bot.security.secrets.SecretFinding;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code gitleaks detect --report-format json}. analysis-model 13.18.0 has no Gitleaks parser, so LotaBots
 * streams the report token by token with Jackson.
 *
 * <p>A Gitleaks report holds each secret in clear twice: in {@code Secret} and inside {@code Match}. {@code Match}
 * is skipped without being read into a string. {@code Secret} is read into a local variable only to be masked
 * ({@link SecretFinding#mask(String)}) and hashed into the fingerprint; it is never stored, logged or put into an
 * error message. Author, e-mail and commit message are skipped too. Gitleaks gives no severity: every leaked
 * secret is {@link Severity#HIGH}.</p>
 */
final class GitleaksReader {
    private static final String TOOL = ScannerFormat.GITLEAKS.toolName();

    private GitleaksReader() {
    }

    static List<SecurityFinding> read(final ReportContext context) throws IOException {
        List<SecurityFinding> findings = new ArrayList<>();
        context.tool(TOOL, null);
        try (JsonParser parser = context.open()) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw context.wrongType(parser, "the report", "an array of leaks");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw context.wrongType(parser, "leak " + (findings.size() + 1), "an object");
                }
                findings.add(leak(context, parser));
            }
        }
        return findings;
    }

    private static SecurityFinding leak(final ReportContext context, final JsonParser parser) throws IOException {
        String ruleId = "-";
        String file = null;
        String symlinkFile = null;
        int line = 0;
        String masked = "";
        String secretHash = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "RuleID" -> ruleId = parser.getValueAsString("-");
                case "File" -> file = parser.getValueAsString();
                case "SymlinkFile" -> symlinkFile = parser.getValueAsString();
                case "StartLine" -> line = Math.max(0, parser.getValueAsInt(0));
                case "Secret" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        String secret = parser.getText();
                        masked = SecretFinding.mask(secret);
                        secretHash = SecurityFinding.fingerprint(secret);
                    }
                    else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren(); // Match (the secret again), Author, Email, Message, ...
            }
        }
        String reported = ReportContext.blankToNull(symlinkFile) == null ? file : symlinkFile;
        String relative = context.workspaceFile(reported, null);
        String message = FindingText.oneLine("Secret found by Gitleaks rule " + ruleId + ": " + masked,
                FindingText.MAX_MESSAGE_LENGTH);
        return new SecurityFinding(FindingKind.SECRET, ruleId, Severity.HIGH, message, TOOL, relative, line, null,
                null, List.of(), SecurityFinding.fingerprint("secret", TOOL, ruleId,
                        relative == null ? "" : relative, secretHash));
    }
}
