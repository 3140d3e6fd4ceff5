package io.lotabots.bot.security.secrets;

import io.lotabots.util.WorkspaceFiles.Skipped;

import java.util.List;
import java.util.Locale;

/**
 * The result of a secret scan: the findings and what was scanned and skipped.
 */
public final class SecretScan {
    private final List<SecretFinding> findings;
    private final int filesScanned;
    private final int skippedBinary;
    private final int skippedTooLarge;
    private final List<Skipped> skippedLinks;
    private final int skippedUnreadable;
    private final long bytesScanned;
    private final List<String> errors;
    private final int skippedAllowlisted;
    private final long linesMatched;

    SecretScan(final List<SecretFinding> findings, final int filesScanned, final int skippedBinary,
            final int skippedTooLarge, final List<Skipped> skippedLinks, final int skippedUnreadable,
            final long bytesScanned, final List<String> errors, final int skippedAllowlisted,
            final long linesMatched) {
        this.findings = List.copyOf(findings);
        this.filesScanned = filesScanned;
        this.skippedBinary = skippedBinary;
        this.skippedTooLarge = skippedTooLarge;
        this.skippedLinks = List.copyOf(skippedLinks);
        this.skippedUnreadable = skippedUnreadable;
        this.bytesScanned = bytesScanned;
        this.errors = List.copyOf(errors);
        this.skippedAllowlisted = skippedAllowlisted;
        this.linesMatched = linesMatched;
    }

    /**
     * Returns all findings, new and baselined.
     *
     * @return the findings, by file and line
     */
    public List<SecretFinding> getFindings() {
        return findings;
    }

    /**
     * Returns the findings whose fingerprint is not in the baseline.
     *
     * @return the new findings
     */
    public List<SecretFinding> getNewFindings() {
        return findings.stream().filter(finding -> !finding.baselined()).toList();
    }

    /**
     * Returns the number of files read.
     *
     * @return the count
     */
    public int getFilesScanned() {
        return filesScanned;
    }

    /**
     * Returns the number of files skipped because they hold a NUL byte in their first 8 KB.
     *
     * @return the count
     */
    public int getSkippedBinary() {
        return skippedBinary;
    }

    /**
     * Returns the number of files skipped because they are larger than the limit.
     *
     * @return the count
     */
    public int getSkippedTooLarge() {
        return skippedTooLarge;
    }

    /**
     * Returns the symbolic links that were not followed (outside the workspace, to folders, broken) and paths
     * that could not be listed.
     *
     * @return the skipped paths with reasons
     */
    public List<Skipped> getSkippedLinks() {
        return skippedLinks;
    }

    /**
     * Returns the number of files that could not be read.
     *
     * @return the count
     */
    public int getSkippedUnreadable() {
        return skippedUnreadable;
    }

    /**
     * Returns the number of files left out because the allowlist of the configuration names their path.
     *
     * @return the count
     */
    public int getSkippedAllowlisted() {
        return skippedAllowlisted;
    }

    /**
     * Returns the number of lines that held a keyword and so were matched against rules' patterns: all other lines
     * were rejected by the keyword pre-filter without being decoded.
     *
     * @return the count
     */
    public long getLinesMatched() {
        return linesMatched;
    }

    /**
     * Returns the number of bytes read.
     *
     * @return the count
     */
    public long getBytesScanned() {
        return bytesScanned;
    }

    /**
     * Returns one line per file that could not be read, without secrets.
     *
     * @return the error lines
     */
    public List<String> getErrors() {
        return errors;
    }

    /**
     * Returns a one-line summary, without secrets.
     *
     * A secret accepted by the secret baseline is counted as such; without one no secret is called new or
     * accepted, since "new" means new against a baseline the user named.
     *
     * @return for example {@code 3 secrets (2 accepted by the secret baseline) in 120 files (2048 bytes); skipped 2
     *         binary, 1 too large, 0 links, 0 unreadable, 0 allowlisted}
     */
    public String getSummary() {
        int accepted = findings.size() - getNewFindings().size();
        return String.format(Locale.ROOT, "%d secrets%s in %d files (%d bytes); skipped %d binary,"
                + " %d too large, %d links, %d unreadable, %d allowlisted", findings.size(),
                accepted == 0 ? "" : " (" + accepted + " accepted by the secret baseline)", filesScanned,
                bytesScanned, skippedBinary, skippedTooLarge, skippedLinks.size(), skippedUnreadable,
                skippedAllowlisted);
    }

    @Override
    public String toString() {
        return getSummary();
    }
}
