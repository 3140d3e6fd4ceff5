package io.lotabots.bot.security;

import io.lotabots.bot.Criticality;

import java.util.List;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * What SecurityBot scans and how it judges it. Built from options by {@link SecurityBotDescriptor}.
 *
 * @param secrets the folder scanned for secrets, relative to the workspace, or {@code null} for no secret scan
 * @param secretExcludes Ant-style patterns the secret scan leaves out
 * @param since a git reference: scan only the lines changed since it, or {@code null} for every file
 * @param secretConfig a TOML, YAML or JSON file that adds, disables and allowlists secret rules, or {@code null}
 * @param secretBaseline a file of accepted secret fingerprints, or {@code null}
 * @param maxFileSizeKb files larger than this many KiB are skipped by the secret scan and counted
 * @param dependencies dependency files to read (pom.xml, package-lock.json, requirements.txt, poetry.lock, CycloneDX
 *     SBOMs); {@code auto} detects them; empty for none
 * @param resolveMaven whether to run Maven for a pom without a resolved dependency list, to see transitive ones
 * @param advisories an OSV advisory folder or zip, or {@code null}: dependencies are then listed, not matched
 * @param reports scanner reports, each {@code PATH}, a pattern, or {@code FORMAT:PATH}
 * @param failOn the lowest severity that fails the gate, as {@code critical|high|medium|low|none}
 * @param criticality what a failed gate does
 * @param newOnly whether only findings new since the baseline count in the gate
 * @param baseline the findings to compare with (SARIF, JSON or lines), for example main's last report, or
 *     {@code null}: then no finding is new or fixed, and {@code newOnly} is refused
 * @param suppressions a YAML or JSON file of suppressions, or {@code null}
 * @param sarifOut where the SARIF report of every finding goes, relative to the workspace
 * @param advisory an advisory id or OSV file: answer whether this codebase is affected (CVE alert mode) instead
 *     of scanning, or {@code null}
 */
public record SecurityRequest(@CheckForNull String secrets, List<String> secretExcludes, @CheckForNull String since,
        @CheckForNull String secretConfig, @CheckForNull String secretBaseline, int maxFileSizeKb,
        List<String> dependencies, boolean resolveMaven, @CheckForNull String advisories, List<String> reports,
        String failOn, Criticality criticality, boolean newOnly, @CheckForNull String baseline,
        @CheckForNull String suppressions, String sarifOut, @CheckForNull String advisory) {
    /**
     * Copies the lists.
     */
    public SecurityRequest {
        secretExcludes = List.copyOf(secretExcludes);
        dependencies = List.copyOf(dependencies);
        reports = List.copyOf(reports);
    }
}
