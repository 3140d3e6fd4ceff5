package io.lotabots.bot.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.GateResult;
import io.lotabots.bot.ProcessingMode;
import io.lotabots.bot.security.advisories.OsvAdvisory;
import io.lotabots.bot.security.advisories.OsvDatabase;
import io.lotabots.bot.security.advisories.Severity;
import io.lotabots.bot.security.deps.CveAlert;
import io.lotabots.bot.security.deps.DependencyInventory;
import io.lotabots.bot.security.deps.DependencyMatcher;
import io.lotabots.bot.security.deps.DependencyProblem;
import io.lotabots.bot.security.deps.Inventory;
import io.lotabots.bot.security.deps.MavenResolution;
import io.lotabots.bot.security.findings.FindingKind;
import io.lotabots.bot.security.findings.SecurityFinding;
import io.lotabots.bot.security.policy.AssessedFinding;
import io.lotabots.bot.security.policy.Baseline;
import io.lotabots.bot.security.policy.PolicyEvaluator;
import io.lotabots.bot.security.policy.PolicyOutcome;
import io.lotabots.bot.security.policy.SecurityPolicy;
import io.lotabots.bot.security.policy.Suppression;
import io.lotabots.bot.security.policy.Suppressions;
import io.lotabots.bot.security.reports.ReportInput;
import io.lotabots.bot.security.reports.ReportProblem;
import io.lotabots.bot.security.reports.ReportSummary;
import io.lotabots.bot.security.reports.ScannerReportResult;
import io.lotabots.bot.security.reports.ScannerReports;
import io.lotabots.bot.security.sarif.SarifReport;
import io.lotabots.bot.security.sarif.SarifTool;
import io.lotabots.bot.security.secrets.SecretFinding;
import io.lotabots.bot.security.secrets.SecretRules;
import io.lotabots.bot.security.secrets.SecretScan;
import io.lotabots.bot.security.secrets.SecretScanner;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.message.SecurityCveAlert;
import io.lotabots.message.SecurityScanCompleted;
import io.lotabots.util.EngineLog;
import io.lotabots.util.LogSink;
import io.lotabots.util.WorkspaceFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Scans a workspace for secrets and vulnerable dependencies, reads the reports of other scanners, puts every
 * finding through one policy (suppressions, new versus known against the baseline the user names, severity gate),
 * writes a SARIF report of all of them and announces {@code security.scan_completed}. What LotaBots writes (see
 * {@link OwnOutputs}) is never read as input, so two identical scans report the same. In CVE alert mode it answers
 * one question instead, whether the codebase uses a package at a version one advisory affects, and announces
 * {@code security.cve_alert}.
 *
 * <p>An input that cannot be read (a malformed lockfile, report or advisory) is named with its position and left
 * out; the other inputs still count and the run is UNSTABLE. In strict mode the first such input fails the run.
 */
public final class SecurityBot implements Bot<SecurityRequest, SecurityResult> {
    /** How many findings the log lists one by one. */
    static final int FINDINGS_LOGGED = 25;

    @Override
    public BotDescriptor<SecurityRequest> getDescriptor() {
        return SecurityBotDescriptor.get();
    }

    @Override
    public SecurityResult run(final SecurityRequest request, final BotContext context) {
        EngineLog log = new EngineLog("Problems of SecurityBot:");
        LogSink sink = log.and(context.getLog());
        WorkspaceFiles workspace = WorkspaceFiles.of(context.getWorkspace());
        String advisory = request.advisory();
        if (advisory != null) {
            return cveAlert(request, advisory, context, workspace, log, sink);
        }
        // checked before the scan, so that a refused output costs nothing
        Path sarif = context.getOutputs().resolve(request.sarifOut(),
                "the SARIF report (option '" + context.nameOf(SecurityBotDescriptor.SARIF_OUT) + "')");
        OwnOutputs own = OwnOutputs.of(context, sarif);
        // read before the scan, so that a missing or malformed baseline costs nothing
        Path baselineFile = baselineFile(request, workspace, sarif);
        Optional<Baseline> baseline = baselineFile == null ? Optional.empty()
                : Optional.of(Baseline.read(baselineFile, Objects.requireNonNull(request.baseline())));
        baseline.ifPresent(any -> sink.info("New and fixed findings are counted against the baseline "
                + request.baseline()));
        List<String> problems = new ArrayList<>();
        List<SecurityFinding> findings = new ArrayList<>();
        Set<String> accepted = new HashSet<>();
        List<SarifTool> tools = new ArrayList<>();
        tools.add(SarifTool.named(SarifTool.SECRETS));
        tools.add(SarifTool.named(SarifTool.DEPENDENCIES));

        String secrets = request.secrets();
        if (secrets != null) {
            scanSecrets(request, secrets, context, workspace, own, sink, findings, accepted, problems);
        }
        if (!request.dependencies().isEmpty()) {
            Inventory inventory = inventory(request, context, sink, problems);
            String advisories = request.advisories();
            if (advisories == null) {
                sink.info("No advisory database given (option advisories): " + inventory.matchable().size()
                        + " dependencies listed, not matched");
            } else {
                OsvDatabase database = OsvDatabase.load(workspace.resolve(advisories, "the option 'advisories'"),
                        sink);
                List<SecurityFinding> vulnerable = DependencyMatcher.of(database).match(inventory.matchable());
                sink.info(String.format(Locale.ROOT, "Matched %d dependencies against %d advisories: %d vulnerable",
                        inventory.matchable().size(), database.size(), vulnerable.size()));
                findings.addAll(vulnerable);
            }
        }
        if (!request.reports().isEmpty()) {
            ScannerReportResult reports = ScannerReports.create().withMode(context.getMode())
                    .leavingOut(own::contains, OwnOutputs::reason).readInputs(
                    request.reports().stream().map(ReportInput::parse).toList(), context.getWorkspace(), sink);
            for (ReportSummary report : reports.getReports()) {
                tools.add(new SarifTool(report.tool(), report.toolVersion(), report.informationUri()));
            }
            for (ReportProblem problem : reports.getProblems()) {
                problems.add(problem.message());
            }
            findings.addAll(reports.getFindings());
        }
        if (context.getMode() == ProcessingMode.STRICT && !problems.isEmpty()) {
            throw LotaBotsException.of(SecurityErrorCode.INPUT_UNREADABLE, "An input could not be read (strict mode): "
                    + problems.get(0));
        }

        String suppressionsFile = request.suppressions();
        Suppressions suppressions = suppressionsFile == null ? Suppressions.none()
                : Suppressions.read(workspace.resolve(suppressionsFile, "the option 'suppressions'"), suppressionsFile);

        SecurityPolicy policy = new SecurityPolicy(SecurityPolicy.parseFailOn(request.failOn()), request.criticality(),
                request.newOnly());
        PolicyOutcome outcome = new PolicyEvaluator(policy, suppressions, baseline)
                .evaluate(findings, accepted, LocalDate.ofInstant(context.getClock().instant(), ZoneOffset.UTC));

        SarifReport.create().withTools(distinct(tools)).write(findings, sarif);
        Path root = context.getWorkspace().toAbsolutePath().normalize();
        String sarifText = sarif.startsWith(root) ? root.relativize(sarif).toString().replace('\\', '/')
                : sarif.toString();

        logFindings(outcome, sink);
        GateResult gate = outcome.gate();
        BotStatus status = gate.toStatus();
        if (gate.passed()) {
            sink.info("Gate failOn passed: " + gate.detail());
        } else {
            sink.error("Gate failOn failed: " + gate.detail() + " => " + gate.criticality());
        }
        if (!problems.isEmpty()) {
            status = status.worse(BotStatus.UNSTABLE);
            problems.forEach(problem -> sink.error("Left out: " + problem));
        }
        Integer newCount = outcome.hasBaseline() ? outcome.getNew().size() : null;
        Integer fixedCount = outcome.hasBaseline() ? outcome.fixed().size() : null;
        Message message = context.publish(SecurityBotDescriptor.NAME, new SecurityScanCompleted(
                outcome.vulnerabilities(), outcome.secretsFound(), gate.passed() ? "pass" : "fail", newCount,
                fixedCount, sarifText));
        String summary = summary(outcome, status, sarifText);
        return new SecurityResult(status, summary, log, List.of(message), outcome, sarifText, problems,
                java.util.Map.of());
    }

    private static void scanSecrets(final SecurityRequest request, final String folderText, final BotContext context,
            final WorkspaceFiles workspace, final OwnOutputs own, final LogSink sink,
            final List<SecurityFinding> findings, final Set<String> accepted, final List<String> problems) {
        String option = context.nameOf(SecurityBotDescriptor.SECRETS);
        Path folder = workspace.resolve(folderText, "the option '" + option + "'");
        if (!Files.isDirectory(folder)) {
            throw LotaBotsException.of(SecurityErrorCode.INVALID_INPUT, "The folder '" + folderText
                    + "' to scan for secrets (option " + option + ") does not exist; give a folder of the workspace,"
                    + " or none");
        }
        SecretRules rules = SecretRules.builtIn();
        String config = request.secretConfig();
        if (config != null) {
            rules = rules.withConfig(workspace.resolve(config,
                    "the option '" + context.nameOf(SecurityBotDescriptor.SECRET_CONFIG) + "'"));
        }
        SecretScanner scanner = SecretScanner.of(rules).withMaxFileSize(request.maxFileSizeKb() * 1024L);
        String secretBaseline = request.secretBaseline();
        if (secretBaseline != null) {
            scanner = scanner.withBaseline(SecretScanner.readBaseline(
                    workspace.resolve(secretBaseline,
                            "the option '" + context.nameOf(SecurityBotDescriptor.SECRET_BASELINE) + "'")));
        }
        String since = request.since();
        List<String> excludes = new ArrayList<>(request.secretExcludes());
        excludes.addAll(own.excludesBelow(folder));
        SecretScan scan = since == null ? scanner.scan(folder, List.of("**"), excludes, sink)
                : scanner.scanChangedSince(folder, since);
        sink.info("Secrets: " + scan.getSummary());
        problems.addAll(scan.getErrors());
        Path root = context.getWorkspace().toAbsolutePath().normalize();
        String prefix = root.relativize(folder).toString().replace('\\', '/');
        Set<String> leftOut = new LinkedHashSet<>();
        for (SecretFinding secret : scan.getFindings()) {
            String file = prefix.isEmpty() ? secret.file() : prefix + "/" + secret.file();
            if (own.contains(file)) {
                // the lines changed since a reference are not filtered by the excludes
                if (leftOut.add(file)) {
                    sink.info(OwnOutputs.reason(file));
                }
                continue;
            }
            // a documentation example (AKIAIOSFODNN7EXAMPLE) is informational: it fails no gate
            findings.add(new SecurityFinding(FindingKind.SECRET, secret.ruleId(),
                    secret.informational() ? Severity.NONE : Severity.HIGH,
                    secret.ruleId() + " " + secret.maskedSecret(), SarifTool.SECRETS, file, secret.line(), null, null,
                    List.of(), secret.fingerprint()));
            if (secret.baselined()) {
                accepted.add(secret.fingerprint());
            }
        }
    }

    private static Inventory inventory(final SecurityRequest request, final BotContext context, final LogSink sink,
            final List<String> problems) {
        DependencyInventory.Builder builder = DependencyInventory.builder(context).log(sink);
        if (request.resolveMaven()) {
            builder.resolveMaven(context.getProcesses(), MavenResolution.defaults());
        }
        DependencyInventory reader = builder.build();
        List<String> files = new ArrayList<>(request.dependencies());
        boolean detect = files.remove(SecurityBotDescriptor.AUTO);
        Inventory inventory = detect ? reader.detect() : reader.read(files);
        if (detect && !files.isEmpty()) {
            Inventory more = reader.read(files);
            List<io.lotabots.bot.security.deps.Component> components = new ArrayList<>(inventory.components());
            components.addAll(more.components());
            List<String> read = new ArrayList<>(inventory.files());
            read.addAll(more.files());
            List<DependencyProblem> all = new ArrayList<>(inventory.problems());
            all.addAll(more.problems());
            inventory = new Inventory(components, read, all);
        }
        for (DependencyProblem problem : inventory.problems()) {
            if (problem.isError()) {
                problems.add(problem.toString());
            } else {
                sink.warning(problem.toString());
            }
        }
        return inventory;
    }

    /**
     * The baseline is only ever the file the user names: findings are new against it, the same for every run that
     * names it. It must not be the report this scan writes, which would make "new" mean "new since the last scan
     * of this workspace" and change from one identical run to the next.
     */
    @CheckForNull
    private static Path baselineFile(final SecurityRequest request, final WorkspaceFiles workspace, final Path sarif) {
        String given = request.baseline();
        if (given == null) {
            if (request.newOnly()) {
                throw LotaBotsException.of(SecurityErrorCode.INVALID_INPUT, "The option newOnly (--new-only) counts only"
                        + " findings that are not in a baseline, and no baseline is given: add the option baseline"
                        + " (--baseline FILE) with the SARIF report of the run to compare with (for example main's"
                        + " last build, kept outside .lotabots), or leave newOnly out");
            }
            return null;
        }
        Path file = workspace.resolve(given, "the option 'baseline'");
        if (file.equals(sarif)) {
            throw LotaBotsException.of(SecurityErrorCode.INVALID_INPUT, "The baseline '" + given + "' is the SARIF"
                    + " report this scan writes (option sarifOut, --sarif-out), so every scan would compare with the one before"
                    + " it and the same findings would be new once and known after. Keep the report of the run to"
                    + " compare with (for example main's last build) under another name and give that file");
        }
        return file;
    }

    private static void logFindings(final PolicyOutcome outcome, final LogSink sink) {
        List<AssessedFinding> counting = outcome.findings().stream().filter(AssessedFinding::counts).toList();
        counting.stream().limit(FINDINGS_LOGGED).forEach(f -> sink.info(String.format(Locale.ROOT, "%s %s %s: %s%s",
                f.finding().severity().name(), f.finding().ruleId(), f.finding().location(), f.finding().message(),
                outcome.hasBaseline() ? (f.isNew() ? " [new]" : " [known]") : "")));
        if (counting.size() > FINDINGS_LOGGED) {
            sink.info("... and " + (counting.size() - FINDINGS_LOGGED) + " more findings; all are in the SARIF report");
        }
        for (AssessedFinding expired : outcome.getExpiredSuppressions()) {
            Suppression suppression = expired.suppression();
            sink.error("The suppression of " + expired.finding().ruleId() + " at "
                    + (suppression == null ? "?" : suppression.origin() + " expired on " + suppression.expires())
                    + "; the finding counts again");
        }
    }

    private static String summary(final PolicyOutcome outcome, final BotStatus status, final String sarif) {
        StringBuilder text = new StringBuilder();
        int vulnerabilities = outcome.vulnerabilities().values().stream().mapToInt(Integer::intValue).sum();
        text.append(vulnerabilities).append(vulnerabilities == 1 ? " vulnerability" : " vulnerabilities");
        if (vulnerabilities > 0) {
            text.append(" (");
            List<String> parts = new ArrayList<>();
            outcome.vulnerabilities().entrySet().stream().filter(e -> e.getValue() > 0)
                    .forEach(e -> parts.add(e.getValue() + " " + e.getKey()));
            text.append(String.join(", ", parts)).append(')');
        }
        text.append(", ").append(outcome.secretsFound()).append(outcome.secretsFound() == 1 ? " secret" : " secrets");
        if (outcome.hasBaseline()) {
            text.append(", ").append(outcome.getNew().size()).append(" new, ").append(outcome.fixed().size())
                    .append(" fixed");
        }
        text.append("; gate ").append(outcome.gate().passed() ? "passed" : "failed").append(" => ").append(status)
                .append("; SARIF ").append(sarif);
        return text.toString();
    }

    private SecurityResult cveAlert(final SecurityRequest request, final String advisory, final BotContext context,
            final WorkspaceFiles workspace, final EngineLog log, final LogSink sink) {
        List<OsvAdvisory> advisories;
        Path asFile = context.getWorkspace().resolve(advisory).normalize();
        if (advisory.endsWith(".json") || Files.isRegularFile(asFile)) {
            advisories = CveAlert.readAdvisory(workspace.resolve(advisory, "the option 'advisory'"));
        } else {
            String database = request.advisories();
            if (database == null) {
                throw LotaBotsException.of(SecurityErrorCode.INVALID_INPUT, "To look up the advisory " + advisory
                        + " give the advisory database (option advisories), or give an OSV JSON file as the advisory");
            }
            OsvDatabase advisoryDatabase = OsvDatabase.load(workspace.resolve(database, "the option 'advisories'"),
                    sink);
            advisories = CveAlert.lookUp(advisory, advisoryDatabase);
        }
        List<String> problems = new ArrayList<>();
        Inventory inventory = inventory(request, context, sink, problems);
        CveAlert alert = CveAlert.check(advisory, advisories, inventory.matchable(), sink);
        sink.info(alert.summary());
        SecurityCveAlert payload = alert.toPayload();
        Message message = context.publish(SecurityBotDescriptor.NAME, payload);
        BotStatus status = alert.verdict() == CveAlert.Verdict.AFFECTED ? BotStatus.UNSTABLE : BotStatus.SUCCESS;
        if (!problems.isEmpty()) {
            status = status.worse(BotStatus.UNSTABLE);
            problems.forEach(problem -> sink.error("Left out: " + problem));
        }
        java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>();
        extra.put("advisory", alert.advisoryId());
        extra.put("verdict", alert.verdict().name());
        extra.put("affected", alert.verdict() == CveAlert.Verdict.AFFECTED);
        extra.put("locations", alert.locations());
        return new SecurityResult(status, alert.summary(), log, List.of(message), null, null, problems, extra);
    }

    private static List<SarifTool> distinct(final List<SarifTool> tools) {
        Set<String> names = new LinkedHashSet<>();
        List<SarifTool> result = new ArrayList<>();
        for (SarifTool tool : tools) {
            if (names.add(tool.name())) {
                result.add(tool);
            }
        }
        return result;
    }
}
