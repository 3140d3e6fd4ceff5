package io.lotabots.bot.security;

import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotOptions;
import io.lotabots.bot.Criticality;
import io.lotabots.bot.OptionType;
import io.lotabots.bot.security.policy.SecurityPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * SecurityBot's id, name, help and options, the one place the CLI ({@code lotabots security --fail-on high}) and
 * the Pipeline step ({@code securityBot failOn: 'high'}) read them from.
 */
public final class SecurityBotDescriptor {
    /** The id: the CLI subcommand and the base of the step name. */
    public static final String ID = "security";
    /** The name: the log prefix and the message source. */
    public static final String NAME = "SecurityBot";
    /** The value of {@link #DEPENDENCIES} that detects the dependency files of the workspace. */
    public static final String AUTO = "auto";

    /** The folder scanned for secrets. */
    public static final BotOption<String> SECRETS = BotOption.optional("secrets", OptionType.STRING, ".",
            "Folder scanned for secrets, relative to the workspace; 'none' scans for none.");
    /** Folders and files the secret scan leaves out. */
    public static final BotOption<List<String>> SECRET_EXCLUDES = BotOption.optional("secretExcludes",
            OptionType.STRING_LIST, List.of("**/.git/**", "**/.lotabots/**", "**/target/**", "**/build/**",
                    "**/node_modules/**", "**/dist/**"),
            "Ant-style patterns the secret scan leaves out: build output and installed packages, which repeat"
                    + " (or minify) what the sources hold.");
    /** Scan only lines changed since a git reference. */
    public static final BotOption<String> SINCE = BotOption.optional("since", OptionType.STRING, null,
            "Git reference: scan only the lines changed since it (and uncommitted ones), for example origin/main.");
    /** The secret rule configuration. */
    public static final BotOption<String> SECRET_CONFIG = BotOption.optional("secretConfig", OptionType.STRING, null,
            "TOML, YAML or JSON file that adds, disables and allowlists secret rules.");
    /** Accepted secret fingerprints. */
    public static final BotOption<String> SECRET_BASELINE = BotOption.optional("secretBaseline", OptionType.STRING,
            null, "File of accepted secret fingerprints, one per line; those secrets are reported as accepted.");
    /** The secret scan's file size limit. */
    public static final BotOption<Integer> MAX_FILE_SIZE_KB = BotOption.optional("maxFileSizeKb", OptionType.INTEGER,
            5120, "Files larger than this many KiB are skipped by the secret scan, and counted.");
    /** Dependency files. */
    public static final BotOption<List<String>> DEPENDENCIES = BotOption.optional("dependencies",
            OptionType.STRING_LIST, List.of(AUTO), "Dependency files: pom.xml, package-lock.json, requirements.txt,"
                    + " poetry.lock, CycloneDX SBOMs; 'auto' detects them in the workspace, 'none' reads none.");
    /** CycloneDX SBOMs, added to the dependency files. */
    public static final BotOption<List<String>> SBOM = BotOption.optional("sbom", OptionType.STRING_LIST, List.of(),
            "CycloneDX SBOMs (JSON or XML), read besides the dependency files.");
    /** Whether Maven resolves a pom's transitive dependencies. */
    public static final BotOption<Boolean> RESOLVE_MAVEN = BotOption.optional("resolveMaven", OptionType.BOOLEAN,
            Boolean.TRUE, "Run 'mvn dependency:list' for a pom without a resolved list, so transitive dependencies"
                    + " are matched too.");
    /** The advisory database. */
    public static final BotOption<String> ADVISORIES = BotOption.optional("advisories", OptionType.STRING, null,
            "OSV advisory database: a folder or zip of OSV JSON files (for example from"
                    + " https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip); without it dependencies"
                    + " are listed, not matched.");
    /** Scanner reports. */
    public static final BotOption<List<String>> REPORT = BotOption.optional("report", OptionType.STRING_LIST,
            List.of(), "Scanner reports: SARIF, Trivy, Grype, OSV-Scanner, Dependency-Check JSON, Gitleaks;"
                    + " a path or pattern, or FORMAT:PATH to name the format.");
    /** The gate. */
    public static final BotOption<String> FAIL_ON = BotOption.optional("failOn",
            OptionType.choice("critical", "high", "medium", "low", "none"), "high",
            "Lowest severity that fails the gate; none never fails. Unknown severities count as medium.");
    /** The gate's criticality. */
    public static final BotOption<String> CRITICALITY = BotOption.optional("criticality",
            OptionType.choice("UNSTABLE", "FAILURE"), "FAILURE",
            "What a failed gate does: FAILURE fails the run, UNSTABLE marks it unstable.");
    /** Count only new findings. */
    public static final BotOption<Boolean> NEW_ONLY = BotOption.optional("newOnly", OptionType.BOOLEAN,
            Boolean.FALSE, "Count only findings that are not in the baseline in the gate; needs the option"
                    + " baseline.");
    /** The findings to compare with. */
    public static final BotOption<String> BASELINE = BotOption.optional("baseline", OptionType.STRING, null,
            "The findings to compare with, for example the SARIF report of main's last build (or a JSON list, or"
                    + " one fingerprint per line); findings not in it are new. Without it no finding is called new"
                    + " or fixed.");
    /** Suppressions. */
    public static final BotOption<String> SUPPRESSIONS = BotOption.optional("suppressions", OptionType.STRING, null,
            "YAML or JSON file of suppressions, each with id, reason and an optional expiry date.");
    /** The SARIF output. */
    public static final BotOption<String> SARIF_OUT = BotOption.outputFile("sarifOut",
            ".lotabots/security/security.sarif", "Where the SARIF 2.1.0 report of every finding is written, inside"
                    + " the workspace.");
    /** CVE alert mode. */
    public static final BotOption<String> ADVISORY = BotOption.optional("advisory", OptionType.STRING, null,
            "CVE alert mode: an advisory id (CVE-..., GHSA-...) looked up in the advisories, or an OSV JSON file;"
                    + " answers whether this codebase uses an affected version and where, instead of scanning.");

    private static final BotDescriptor<SecurityRequest> DESCRIPTOR = BotDescriptor.of(ID, NAME,
            "Scans for secrets and vulnerable dependencies, reads scanner reports, applies the severity gate with"
                    + " suppressions and a baseline, writes SARIF and announces security.scan_completed;"
                    + " in CVE alert mode announces security.cve_alert.",
            List.of(SECRETS, SECRET_EXCLUDES, SINCE, SECRET_CONFIG, SECRET_BASELINE, MAX_FILE_SIZE_KB, DEPENDENCIES, SBOM,
                    RESOLVE_MAVEN, ADVISORIES, REPORT, FAIL_ON, CRITICALITY, NEW_ONLY, BASELINE, SUPPRESSIONS,
                    SARIF_OUT, ADVISORY),
            SecurityBotDescriptor::toRequest);

    private SecurityBotDescriptor() {
    }

    /**
     * Returns the descriptor.
     *
     * @return the descriptor
     */
    public static BotDescriptor<SecurityRequest> get() {
        return DESCRIPTOR;
    }

    private static SecurityRequest toRequest(final BotOptions options) {
        String secrets = options.get(SECRETS);
        List<String> dependencies = new ArrayList<>(options.require(DEPENDENCIES));
        if (dependencies.size() == 1 && "none".equals(dependencies.get(0))) {
            dependencies.clear();
        }
        List<String> sboms = options.require(SBOM);
        if (!sboms.isEmpty()) {
            dependencies.remove(AUTO);
            dependencies.addAll(sboms);
        }
        SecurityPolicy.parseFailOn(options.require(FAIL_ON));
        return new SecurityRequest(secrets == null || "none".equals(secrets) || secrets.isBlank() ? null : secrets,
                options.require(SECRET_EXCLUDES), options.get(SINCE), options.get(SECRET_CONFIG), options.get(SECRET_BASELINE),
                options.require(MAX_FILE_SIZE_KB), dependencies, options.require(RESOLVE_MAVEN),
                options.get(ADVISORIES), options.require(REPORT), options.require(FAIL_ON),
                Criticality.valueOf(options.require(CRITICALITY)), options.require(NEW_ONLY), options.get(BASELINE),
                options.get(SUPPRESSIONS), options.require(SARIF_OUT), options.get(ADVISORY));
    }
}
