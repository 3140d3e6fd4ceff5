package io.lotabots.bot.security.secrets;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.WorkspaceFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Scans the files of a workspace for secrets. Binary files (a NUL byte in the first {@value #BINARY_PROBE_SIZE}
 * bytes) and files above the size limit are skipped and counted; symbolic links are never followed out of the
 * workspace ({@link WorkspaceFiles}). Each line is read as UTF-8 (malformed bytes replaced) and matched only
 * against the rules whose keyword it contains. A line that contains {@value #ALLOW_MARKER} is not reported.
 * Instances are immutable and thread-safe.
 */
public final class SecretScanner {
    /** Files larger than this many bytes are skipped unless told otherwise. */
    public static final long DEFAULT_MAX_FILE_SIZE = 5L * 1024 * 1024;
    /** A line with this marker, usually in a comment, is never reported. */
    public static final String ALLOW_MARKER = "lotabots:allow";
    /** How many bytes at the start of a file are checked for a NUL byte. */
    public static final int BINARY_PROBE_SIZE = 8192;

    private final SecretRules rules;
    private final KeywordIndex index;
    private final long maxFileSize;
    private final Set<String> baseline;

    private SecretScanner(final SecretRules rules, final KeywordIndex index, final long maxFileSize,
            final Set<String> baseline) {
        this.rules = rules;
        this.index = index;
        this.maxFileSize = maxFileSize;
        this.baseline = baseline;
    }

    /**
     * Creates a scanner.
     *
     * @param rules the rules
     * @return the scanner, with the default size limit and an empty baseline
     */
    public static SecretScanner of(final SecretRules rules) {
        return new SecretScanner(rules, new KeywordIndex(rules.getRules()), DEFAULT_MAX_FILE_SIZE, Set.of());
    }

    /**
     * Returns a scanner with another size limit.
     *
     * @param bytes the largest file that is scanned, at least 1
     * @return the scanner
     */
    public SecretScanner withMaxFileSize(final long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("The maximum file size must be at least 1 byte, was " + bytes);
        }
        return new SecretScanner(rules, index, bytes, baseline);
    }

    /**
     * Returns a scanner with a baseline: findings with these fingerprints are reported as baselined, not new.
     *
     * @param fingerprints the accepted fingerprints
     * @return the scanner
     */
    public SecretScanner withBaseline(final Collection<String> fingerprints) {
        return new SecretScanner(rules, index, maxFileSize, Set.copyOf(fingerprints));
    }

    /**
     * Reads a baseline file: one fingerprint per line; blank lines and lines starting with {@code #} are ignored.
     *
     * @param file the file
     * @return the fingerprints
     * @throws LotaBotsException with {@link SecretErrorCode#FILE_UNREADABLE} if the file cannot be read
     */
    public static Set<String> readBaseline(final Path file) {
        try {
            Set<String> result = new TreeSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    result.add(trimmed);
                }
            }
            return result;
        }
        catch (IOException e) {
            throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "Cannot read the secret baseline '" + file
                    + "': " + e.getMessage() + ". Check the path, or remove the baseline option.", e);
        }
    }

    /**
     * Scans every file of a workspace.
     *
     * @param workspace the folder
     * @return the result
     */
    public SecretScan scan(final Path workspace) {
        return scan(workspace, List.of("**"), List.of());
    }

    /**
     * Scans the files of a workspace that match the patterns ({@link WorkspaceFiles}).
     *
     * @param workspace the folder
     * @param includes Ant-style patterns of files to scan
     * @param excludes patterns of files to leave out
     * @return the result
     * @throws LotaBotsException from {@link WorkspaceFiles#find(Collection, Collection)}
     */
    public SecretScan scan(final Path workspace, final Collection<String> includes,
            final Collection<String> excludes) {
        WorkspaceFiles.Selection selection = WorkspaceFiles.of(workspace).find(includes, excludes);
        List<SecretFinding> findings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int scanned = 0;
        int binary = 0;
        int tooLarge = 0;
        int unreadable = 0;
        long bytes = 0;
        List<String> paths = selection.getRelativePaths();
        List<Path> files = selection.getFiles();
        for (int i = 0; i < paths.size(); i++) {
            String relative = paths.get(i);
            Path file = files.get(i);
            try {
                long size = Files.size(file);
                if (size > maxFileSize) {
                    tooLarge++;
                    continue;
                }
                if (isBinary(file)) {
                    binary++;
                    continue;
                }
                try (InputStream in = Files.newInputStream(file);
                        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE))) {
                    scan(relative, new BufferedReader(reader, 65_536), findings);
                }
                scanned++;
                bytes += size;
            }
            catch (IOException e) {
                unreadable++;
                errors.add("Cannot read '" + relative + "': " + e.getClass().getSimpleName());
            }
        }
        return new SecretScan(findings, scanned, binary, tooLarge, selection.getSkipped(), unreadable, bytes, errors);
    }

    /**
     * Scans a text, for example a diff or a file that is not in a workspace.
     *
     * @param file the name reported in the findings and used in the fingerprints
     * @param text the text
     * @return the findings
     */
    public List<SecretFinding> scanText(final String file, final String text) {
        List<SecretFinding> findings = new ArrayList<>();
        try {
            scan(file, new BufferedReader(new StringReader(text)), findings);
        }
        catch (IOException e) {
            throw new IllegalStateException("A string cannot fail to be read", e);
        }
        return findings;
    }

    private static boolean isBinary(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] probe = in.readNBytes(BINARY_PROBE_SIZE);
            for (byte b : probe) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private void scan(final String file, final BufferedReader reader, final List<SecretFinding> findings)
            throws IOException {
        List<SecretRule> all = rules.getRules();
        boolean[] hits = new boolean[all.size()];
        List<int[]> spans = new ArrayList<>();
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (!index.mark(line, hits)) {
                continue;
            }
            boolean allowed = line.contains(ALLOW_MARKER);
            spans.clear();
            for (int r = 0; r < hits.length; r++) {
                if (!hits[r]) {
                    continue;
                }
                hits[r] = false;
                if (allowed) {
                    continue;
                }
                SecretRule rule = all.get(r);
                Matcher matcher = rule.matcher(line);
                while (matcher.find()) {
                    String secret = rule.secretOf(matcher);
                    if (secret == null) {
                        continue;
                    }
                    int start = rule.groupStart(matcher);
                    int end = start + secret.length();
                    if (overlaps(spans, start, end)) {
                        continue; // an earlier, more specific rule found it
                    }
                    spans.add(new int[] {start, end});
                    String fingerprint = fingerprint(rule.getId(), file, secret);
                    findings.add(new SecretFinding(file, number, start + 1, rule.getId(), fingerprint,
                            SecretFinding.mask(secret), baseline.contains(fingerprint)));
                }
            }
        }
    }

    private static boolean overlaps(final List<int[]> spans, final int start, final int end) {
        for (int[] span : spans) {
            if (start < span[1] && span[0] < end) {
                return true;
            }
        }
        return false;
    }

    /**
     * Computes the fingerprint of a secret: hex SHA-256 of rule id, file and secret, separated by NUL.
     *
     * @param ruleId the rule id
     * @param file the relative path
     * @param secret the secret
     * @return the fingerprint
     */
    static String fingerprint(final String ruleId, final String file, final String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((ruleId + '\0' + file + '\0' + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SecretScanner with " + rules + ", files up to " + maxFileSize + " bytes";
    }
}
