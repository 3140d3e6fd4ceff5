package io.lotabots.bot.security.reports;

import edu.hm.hafner.analysis.FileReaderFactory;
import edu.hm.hafner.analysis.Issue;
import edu.hm.hafner.analysis.IssueParser;
import edu.hm.hafner.analysis.ParsingException;
import edu.hm.hafner.analysis.Report;

import io.lotabots.bot.security.findings.SecurityFinding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs analysis-model's parser over a report and turns each of its issues into the findings that LotaBots' own
 * streaming pass over the same file built for it ("candidates"), joined by a key both sides know.
 *
 * <p>analysis-model decides which entries of a report are findings. Its issues lose what SecurityBot needs
 * (critical apart from high, installed and fixed versions, the scanned image, aliases, SARIF fingerprints), and its
 * {@link Report} keeps only one of several issues that differ in nothing it keeps (the same CVE of the same package
 * in two images). So each issue's key selects every candidate with that key. If analysis-model cannot parse a
 * report that LotaBots read without error (violations-lib fails, for example, on a SARIF location that has only
 * logical locations), the candidates are used alone and the log says so.</p>
 */
final class IssueJoin {
    private IssueJoin() {
    }

    /**
     * A finding built by the streaming pass, and the key of the analysis-model issue it belongs to.
     *
     * @param key the key
     * @param finding the finding
     */
    record Candidate(String key, SecurityFinding finding) {
    }

    /**
     * Joins the issues of analysis-model's parser with the candidates.
     *
     * @param parser the parser
     * @param context the report
     * @param candidates the candidates, in report order
     * @param keyOfIssue the key of an issue
     * @return the findings, in the order of analysis-model's issues
     */
    static List<SecurityFinding> join(final IssueParser parser, final ReportContext context,
            final List<Candidate> candidates, final Function<Issue, String> keyOfIssue) {
        String parserName = parser.getClass().getSimpleName();
        Report report;
        try {
            report = parser.parse(new FileReaderFactory(context.file(), StandardCharsets.UTF_8));
        }
        catch (ParsingException e) {
            context.log().error(String.format("analysis-model's %s could not parse '%s' (%s); its %d findings"
                    + " are taken from LotaBots' own reading of the report", parserName, context.report(),
                    firstLine(e), candidates.size()));
            return candidates.stream().map(Candidate::finding).toList();
        }
        Map<String, List<SecurityFinding>> byKey = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            byKey.computeIfAbsent(candidate.key(), k -> new ArrayList<>()).add(candidate.finding());
        }
        List<SecurityFinding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unmatched = 0;
        for (Issue issue : report) {
            String key = keyOfIssue.apply(issue);
            if (seen.add(key)) {
                List<SecurityFinding> matched = byKey.get(key);
                if (matched == null) {
                    unmatched++;
                }
                else {
                    findings.addAll(matched);
                }
            }
        }
        if (unmatched > 0) {
            context.log().info(String.format("'%s': %d issues of analysis-model's %s are no findings (passed"
                    + " checks, entries without an id) and are left out", context.report(), unmatched, parserName));
        }
        int left = candidates.size() - findings.size();
        if (left > 0) {
            context.log().info(String.format("'%s': %d entries were not reported by analysis-model's %s and are"
                    + " left out", context.report(), left, parserName));
        }
        return findings;
    }

    static String key(final String... parts) {
        return String.join("\u0000", parts);
    }

    private static String firstLine(final Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        String line = message.lines().findFirst().orElse("");
        String text = cause.getClass().getSimpleName() + ": " + line;
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
