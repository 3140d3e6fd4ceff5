package io.lotabots.bot.security.secrets;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.lotabots.error.LotaBotsException;
import io.lotabots.git.ChangedFile;
import io.lotabots.git.JGitInfo;
import io.lotabots.util.LogSink;
import io.lotabots.util.WorkspaceConfinement;
import io.lotabots.util.WorkspaceFiles;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;
    /** Files at least this long are read by two runs of the automaton at once, one per half. */
    private static final int TWO_RUNS_FROM = 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** How many files pass between two reports of progress. */
    static final int PROGRESS_EVERY_FILES = 100;

    private final SecretRules rules;
    private final KeywordIndex index;
    private final long maxFileSize;
    private final Set<String> baseline;
    private final boolean hasPairs;

    private SecretScanner(final SecretRules rules, final KeywordIndex index, final long maxFileSize,
            final Set<String> baseline) {
        this.rules = rules;
        this.index = index;
        this.maxFileSize = maxFileSize;
        this.baseline = baseline;
        this.hasPairs = rules.getRules().stream().anyMatch(rule -> rule.getPairedWith().isPresent());
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
     * Scans the files of a workspace that match the patterns ({@link WorkspaceFiles}). Files whose path the
     * allowlist of the rules names are left out and counted.
     *
     * @param workspace the folder
     * @param includes Ant-style patterns of files to scan
     * @param excludes patterns of files to leave out
     * @return the result
     * @throws LotaBotsException from {@link WorkspaceFiles#find(Collection, Collection)}
     */
    public SecretScan scan(final Path workspace, final Collection<String> includes,
            final Collection<String> excludes) {
        return scan(workspace, includes, excludes, LogSink.NONE);
    }

    /**
     * Scans the files of a workspace that match the patterns, reporting its progress to the sink every
     * {@value #PROGRESS_EVERY_FILES} files.
     *
     * @param workspace the folder
     * @param includes Ant-style patterns of files to scan
     * @param excludes patterns of files to leave out
     * @param progress receives the progress
     * @return the result
     * @throws LotaBotsException from {@link WorkspaceFiles#find(Collection, Collection)}
     */
    public SecretScan scan(final Path workspace, final Collection<String> includes,
            final Collection<String> excludes, final LogSink progress) {
        WorkspaceFiles.Selection selection = WorkspaceFiles.of(workspace).find(includes, excludes);
        Run run = new Run();
        run.skippedLinks.addAll(selection.getSkipped());
        List<String> paths = selection.getRelativePaths();
        List<Path> files = selection.getFiles();
        for (int i = 0; i < paths.size(); i++) {
            if (i % PROGRESS_EVERY_FILES == 0 && i > 0) {
                progress.progress("Scanning for secrets: " + i + " of " + paths.size() + " files");
            }
            run.scanFile(paths.get(i), files.get(i), null);
        }
        return run.result();
    }

    /**
     * Scans only the lines changed since a Git ref: the lines added or modified between the merge base of the ref
     * and HEAD, and in the working tree ({@link JGitInfo#getChangedLinesSince(String)}), in the files below the
     * workspace. A finding is reported if its line is new; a paired finding if either of its lines is.
     *
     * @param workspace the folder, inside a Git working tree
     * @param ref a branch, tag or commit, for example {@code origin/main}
     * @return the result; {@link SecretScan#getFilesScanned()} counts the changed files read
     * @throws LotaBotsException with a {@link io.lotabots.git.GitErrorCode} if there is no repository, the ref does
     *         not exist or has no common history with HEAD
     */
    public SecretScan scanChangedSince(final Path workspace, final String ref) {
        JGitInfo git = JGitInfo.open(workspace, name -> Optional.empty());
        Path root = absolute(git.getWorkTree());
        Path base = absolute(workspace);
        List<ChangedFile> inWorkspace = new ArrayList<>();
        for (ChangedFile change : git.getChangedLinesSince(ref)) {
            Path file = root.resolve(change.path()).normalize();
            if (file.startsWith(base)) {
                String relative = base.relativize(file).toString().replace('\\', '/');
                inWorkspace.add(new ChangedFile(relative, change.lines(), change.binary()));
            }
        }
        return scanChangedLines(workspace, inWorkspace);
    }

    /**
     * Scans only the given lines of the given files.
     *
     * @param workspace the folder
     * @param changes the files, with paths relative to the workspace, and their new lines
     * @return the result
     */
    public SecretScan scanChangedLines(final Path workspace, final Collection<ChangedFile> changes) {
        Path base = absolute(workspace);
        try {
            base.getFileSystem().provider().checkAccess(base);
        }
        catch (IOException e) {
            throw LotaBotsException.of(SecretErrorCode.FILE_UNREADABLE, "Cannot read the workspace '" + workspace
                    + "': " + e.getMessage(), e);
        }
        Run run = new Run();
        for (ChangedFile change : changes) {
            Path file = base.resolve(change.path()).normalize();
            try {
                WorkspaceConfinement.Location location = WorkspaceConfinement.locate(base, file);
                if (!location.isInsideByName()) {
                    run.skippedLinks.add(new WorkspaceFiles.Skipped(change.path(), "outside the workspace"));
                    continue;
                }
                if (!location.isReallyInside()) {
                    run.skippedLinks.add(new WorkspaceFiles.Skipped(change.path(),
                            "a symbolic link that leads outside the workspace"));
                    continue;
                }
                // Throws for a file that no longer exists, counted as unreadable.
                if (!Files.readAttributes(location.real(), BasicFileAttributes.class).isRegularFile()) {
                    continue;
                }
            }
            catch (IOException e) {
                run.unreadable(change.path(), e);
                continue;
            }
            run.scanFile(change.path(), file, change);
        }
        return run.result();
    }

    private static Path absolute(final Path path) {
        return path.toAbsolutePath().normalize();
    }

    /**
     * Scans a text, for example a diff or a file that is not in a workspace.
     *
     * @param file the name reported in the findings and used in the fingerprints
     * @param text the text
     * @return the findings
     */
    public List<SecretFinding> scanText(final String file, final String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        List<SecretFinding> findings = new ArrayList<>();
        new FileScan(file, data, data.length, new Scratch(rules.getRules().size())).scan(null, findings);
        return findings;
    }

    /**
     * One scan of many files: counters and a read buffer that grows to the largest file.
     */
    private final class Run {
        private final List<SecretFinding> findings = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private final List<WorkspaceFiles.Skipped> skippedLinks = new ArrayList<>();
        private final Scratch scratch = new Scratch(rules.getRules().size());
        private byte[] buffer = new byte[65_536];
        private int scanned;
        private int binary;
        private int tooLarge;
        private int unreadable;
        private int allowlisted;
        private long bytes;
        private long linesMatched;

        void scanFile(final String relative, final Path file, @CheckForNull final ChangedFile changed) {
            if (rules.getAllowlist().isPathAllowed(relative)) {
                allowlisted++;
                return;
            }
            try {
                long size = Files.size(file);
                if (size > maxFileSize || size > MAX_ARRAY) {
                    tooLarge++;
                    return;
                }
                if (buffer.length < size) {
                    buffer = new byte[(int) Math.max(size, Math.min(MAX_ARRAY, 2L * buffer.length))];
                }
                int length;
                try (InputStream in = Files.newInputStream(file)) {
                    length = in.readNBytes(buffer, 0, (int) size);
                }
                if (isBinary(buffer, length)) {
                    binary++;
                    return;
                }
                FileScan fileScan = new FileScan(relative, buffer, length, scratch);
                fileScan.scan(changed, findings);
                linesMatched += fileScan.linesMatched;
                scanned++;
                bytes += length;
            }
            catch (IOException e) {
                unreadable(relative, e);
            }
        }

        void unreadable(final String relative, final IOException e) {
            unreadable++;
            errors.add("Cannot read '" + relative + "': " + e.getClass().getSimpleName());
        }

        SecretScan result() {
            return new SecretScan(findings, scanned, binary, tooLarge, skippedLinks, unreadable, bytes, errors,
                    allowlisted, linesMatched);
        }
    }

    /**
     * What one thread reuses from line to line and file to file: a matcher per rule, the codes of a line's terms and
     * the spans of the secrets found in it.
     */
    private static final class Scratch {
        private final Matcher[] matchers;
        private final KeywordIndex.Codes codes = new KeywordIndex.Codes();
        private final Ends ends = new Ends();
        private final Ends secondHalf = new Ends();
        private final List<int[]> spans = new ArrayList<>();

        Scratch(final int rules) {
            matchers = new Matcher[rules];
        }

        /**
         * Returns the rule's matcher, reset to a line, with transparent and non-anchoring bounds, so that a region
         * that starts inside the line matches as the whole line would there.
         */
        Matcher matcher(final int r, final SecretRule rule, final String line) {
            Matcher matcher = matchers[r];
            if (matcher == null) {
                matcher = rule.matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
                matchers[r] = matcher;
                return matcher;
            }
            return matcher.reset(line);
        }
    }

    /**
     * The positions in a file where the automaton reached a state in which a pre-filter term ends, with the state;
     * reused from file to file.
     */
    private static final class Ends {
        private int[] positions = new int[256];
        private int[] states = new int[256];
        private int size;

        void add(final int position, final int state) {
            if (size == positions.length) {
                positions = java.util.Arrays.copyOf(positions, 2 * size);
                states = java.util.Arrays.copyOf(states, 2 * size);
            }
            positions[size] = position;
            states[size++] = state;
        }
    }

    private static boolean isBinary(final byte[] data, final int length) {
        int end = Math.min(length, BINARY_PROBE_SIZE);
        for (int i = 0; i < end; i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A secret found on a line, before pairing, line filtering and fingerprinting.
     */
    private static final class Hit {
        private final SecretRule rule;
        private final int line;
        private final int start;
        private final int end;
        private final int lineStart;
        private final String secret;
        private final String masked;
        private final int partnerLine;

        Hit(final SecretRule rule, final int line, final int start, final int end, final int lineStart,
                final String secret, final String masked, final int partnerLine) {
            this.rule = rule;
            this.line = line;
            this.start = start;
            this.end = end;
            this.lineStart = lineStart;
            this.secret = secret;
            this.masked = masked;
            this.partnerLine = partnerLine;
        }

        boolean overlaps(final int line2, final int start2, final int end2) {
            return line == line2 && start < end2 && start2 < end;
        }
    }

    /**
     * The scan of one file's bytes: the keyword automaton runs over all of them; only a line in which a keyword
     * ends is decoded and matched against the rules whose keywords it holds.
     */
    private final class FileScan {
        private final String file;
        private final byte[] data;
        private final int length;
        private final Scratch scratch;
        private final List<Hit> hits = new ArrayList<>();
        private final boolean code;
        private int countedTo;
        private int countedLines = 1;
        private long linesMatched;

        FileScan(final String file, final byte[] data, final int length, final Scratch scratch) {
            this.file = file;
            this.data = data;
            this.length = length;
            this.scratch = scratch;
            this.code = LiteralValues.isCode(file);
        }

        void scan(@CheckForNull final ChangedFile changed, final List<SecretFinding> findings) {
            Ends ends = scratch.ends;
            ends.size = 0;
            int overlap = index.longestTerm() - 1;
            int half = length / 2;
            if (length >= TWO_RUNS_FROM && half > overlap) {
                runTwice(half, overlap, ends);
            }
            else {
                runOnce(0, length, ends);
            }
            byte[] bytes = data;
            int resume = 0;
            for (int k = 0; k < ends.size; k++) {
                int i = ends.positions[k];
                if (i < resume || !index.filters(ends.states[k], bytes, i)) {
                    continue;
                }
                int lineStart = i;
                while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
                    lineStart--;
                }
                int lineEnd = i;
                while (lineEnd < length && bytes[lineEnd] != '\n') {
                    lineEnd++;
                }
                matchLine(lineStart, lineEnd, index.collect(bytes, lineStart, lineEnd, scratch.codes));
                resume = lineEnd + 1;
            }
            if (hasPairs && !hits.isEmpty()) {
                pair();
            }
            for (Hit hit : hits) {
                if (changed != null && !changed.isChanged(hit.line)
                        && (hit.partnerLine == 0 || !changed.isChanged(hit.partnerLine))) {
                    continue;
                }
                String fingerprint = fingerprint(hit.rule.getId(), file, hit.secret);
                findings.add(new SecretFinding(file, hit.line, hit.start + 1, hit.rule.getId(), fingerprint,
                        hit.masked, baseline.contains(fingerprint), LiteralValues.isDocumentationExample(hit.secret)));
            }
        }

        /** Runs the automaton over a part of the bytes and records where a pre-filter term may end. */
        private void runOnce(final int from, final int to, final Ends ends) {
            int[] table = index.table();
            byte[] classes = index.classes();
            byte[] bytes = data;
            int state = 0;
            for (int i = from; i < to; i++) {
                int next = table[state + classes[bytes[i] & 0xff]];
                if (next < 0) {
                    ends.add(i, ~next);
                }
                state = next ^ (next >> 31);
            }
        }

        /**
         * Runs the automaton over both halves of the bytes at once, so that the processor overlaps the two chains of
         * dependent table loads. The second run starts {@code overlap} bytes (the longest term less one) before the
         * middle, so it is in the same state as one run from the start from the middle on, and records only from
         * there; the ends are recorded in order.
         */
        private void runTwice(final int half, final int overlap, final Ends ends) {
            int[] table = index.table();
            byte[] classes = index.classes();
            byte[] bytes = data;
            Ends second = scratch.secondHalf;
            second.size = 0;
            int a = 0;
            int b = half - overlap;
            int stateA = 0;
            int stateB = 0;
            for (; a < half; a++, b++) {
                int nextA = table[stateA + classes[bytes[a] & 0xff]];
                int nextB = table[stateB + classes[bytes[b] & 0xff]];
                if ((nextA | nextB) < 0) {
                    if (nextA < 0) {
                        ends.add(a, ~nextA);
                    }
                    if (nextB < 0 && b >= half) {
                        second.add(b, ~nextB);
                    }
                }
                stateA = nextA ^ (nextA >> 31);
                stateB = nextB ^ (nextB >> 31);
            }
            for (; b < length; b++) {
                int nextB = table[stateB + classes[bytes[b] & 0xff]];
                if (nextB < 0) {
                    second.add(b, ~nextB);
                }
                stateB = nextB ^ (nextB >> 31);
            }
            for (int k = 0; k < second.size; k++) {
                ends.add(second.positions[k], second.states[k]);
            }
        }

        private int lineNumber(final int lineStart) {
            countedLines += countNewlines(data, countedTo, lineStart);
            countedTo = lineStart;
            return countedLines;
        }

        private String decode(final int lineStart, final int lineEnd) {
            int end = lineEnd > lineStart && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            return new String(data, lineStart, end - lineStart, StandardCharsets.UTF_8);
        }

        /**
         * Matches a line against the rules whose pre-filter passed in it: each rule with literal starts only at its
         * starts ({@link Matcher#lookingAt()} from there, seeing the whole line), the others over the whole line.
         * Rules are tried in order, and a secret found by an earlier rule is not reported again.
         */
        private void matchLine(final int lineStart, final int lineEnd, final KeywordIndex.Codes codes) {
            codes.sort();
            int size = codes.size();
            String line = null;
            boolean ascii = false;
            int number = 0;
            List<int[]> spans = scratch.spans;
            int k = 0;
            while (k < size) {
                int r = (int) (codes.get(k) >>> 32);
                int groupEnd = k;
                while (groupEnd < size && (int) (codes.get(groupEnd) >>> 32) == r) {
                    groupEnd++;
                }
                boolean filtered = (int) codes.get(k) == 0;
                int first = k;
                k = groupEnd;
                if (!filtered) {
                    continue; // only a match start, no keyword: the pre-filter rejects the rule
                }
                if (line == null) {
                    linesMatched++;
                    line = decode(lineStart, lineEnd);
                    if (line.contains(ALLOW_MARKER)) {
                        return;
                    }
                    ascii = isAscii(lineStart, lineEnd);
                    number = lineNumber(lineStart);
                    spans.clear();
                }
                SecretRule rule = rules.getRules().get(r);
                Matcher matcher = scratch.matcher(r, rule, line);
                if (ascii && index.hasStarts(r)) {
                    int from = 0;
                    for (int c = first + 1; c < groupEnd; c++) {
                        int start = (int) codes.get(c) - 1;
                        if (start < from || start >= line.length()) {
                            continue;
                        }
                        matcher.region(start, line.length());
                        if (matcher.lookingAt()) {
                            found(rule, matcher, line, lineStart, number);
                            from = matcher.end();
                        }
                    }
                }
                else {
                    while (matcher.find()) {
                        found(rule, matcher, line, lineStart, number);
                    }
                }
            }
        }

        private void found(final SecretRule rule, final Matcher matcher, final String line, final int lineStart,
                final int number) {
            String secret = rule.secretOf(matcher);
            if (secret == null || rules.getAllowlist().isSecretAllowed(secret)) {
                return;
            }
            int start = rule.groupStart(matcher);
            int end = start + secret.length();
            if (rule.isLiteral() && !LiteralValues.isLiteral(line, start, end, code)) {
                return;
            }
            if (overlaps(scratch.spans, start, end)) {
                return; // an earlier, more specific rule found it
            }
            scratch.spans.add(new int[] {start, end});
            hits.add(new Hit(rule, number, start, end, lineStart, secret, SecretFinding.mask(secret), 0));
        }

        private boolean isAscii(final int lineStart, final int lineEnd) {
            for (int i = lineStart; i < lineEnd; i++) {
                if (data[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Turns each anchor finding with a partner secret near it into one finding of the paired rule, and drops
         * the partner's own finding.
         */
        private void pair() {
            for (SecretRule pairRule : rules.getRules()) {
                if (pairRule.getPairedWith().isEmpty()) {
                    continue;
                }
                String anchorId = pairRule.getPairedWith().get();
                List<Hit> partners = new ArrayList<>();
                List<Hit> result = new ArrayList<>(hits.size());
                for (Hit hit : hits) {
                    Hit partner = hit.rule.getId().equals(anchorId) ? findPartner(hit, pairRule, partners) : null;
                    if (partner == null) {
                        result.add(hit);
                        continue;
                    }
                    partners.add(partner);
                    result.add(new Hit(pairRule, hit.line, hit.start, hit.end, hit.lineStart,
                            hit.secret + '\0' + partner.secret, hit.masked + " + " + partner.masked, partner.line));
                }
                result.removeIf(hit -> hit.rule.getPairedWith().isEmpty()
                        && partners.stream().anyMatch(partner -> hit.overlaps(partner.line, partner.start, partner.end)));
                hits.clear();
                hits.addAll(result);
            }
        }

        @CheckForNull
        private Hit findPartner(final Hit anchor, final SecretRule pairRule, final List<Hit> used) {
            int distance = pairRule.getMaxPairDistance();
            int[] starts = new int[2 * distance + 1];
            int[] ends = new int[2 * distance + 1];
            java.util.Arrays.fill(starts, -1);
            starts[distance] = anchor.lineStart;
            ends[distance] = lineEnd(anchor.lineStart);
            for (int k = 1; k <= distance && starts[distance - k + 1] > 0; k++) {
                int end = starts[distance - k + 1] - 1;
                int start = end;
                while (start > 0 && data[start - 1] != '\n') {
                    start--;
                }
                starts[distance - k] = start;
                ends[distance - k] = end;
            }
            for (int k = 1; k <= distance && ends[distance + k - 1] < length; k++) {
                int start = ends[distance + k - 1] + 1;
                starts[distance + k] = start;
                ends[distance + k] = lineEnd(start);
            }
            for (int k = 0; k <= distance; k++) {
                for (int side : k == 0 ? new int[] {0} : new int[] {-k, k}) {
                    int slot = distance + side;
                    if (starts[slot] < 0) {
                        continue;
                    }
                    Hit partner = match(pairRule, anchor, anchor.line + side, starts[slot], ends[slot], used);
                    if (partner != null) {
                        return partner;
                    }
                }
            }
            return null;
        }

        private int lineEnd(final int start) {
            int end = start;
            while (end < length && data[end] != '\n') {
                end++;
            }
            return end;
        }

        @CheckForNull
        private Hit match(final SecretRule pairRule, final Hit anchor, final int number, final int lineStart,
                final int lineEnd, final List<Hit> used) {
            String line = decode(lineStart, lineEnd);
            if (line.contains(ALLOW_MARKER)) {
                return null;
            }
            Matcher matcher = pairRule.matcher(line);
            while (matcher.find()) {
                String secret = pairRule.secretOf(matcher);
                if (secret == null || secret.equals(anchor.secret) || rules.getAllowlist().isSecretAllowed(secret)) {
                    continue;
                }
                int start = pairRule.groupStart(matcher);
                int end = start + secret.length();
                if (anchor.overlaps(number, start, end)
                        || used.stream().anyMatch(other -> other.overlaps(number, start, end))) {
                    continue;
                }
                return new Hit(pairRule, number, start, end, lineStart, secret, SecretFinding.mask(secret), 0);
            }
            return null;
        }
    }

    /**
     * Counts the {@code '\n'} bytes in a part of an array, eight at a time: a byte is zero in {@code word ^ 0x0a..}
     * exactly where it was a line feed, and the high bit of each zero byte is set in the mask computed from it.
     *
     * @param data the bytes
     * @param from the first byte
     * @param to the end, excluded
     * @return the count
     */
    static int countNewlines(final byte[] data, final int from, final int to) {
        int count = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(data, i) ^ 0x0a0a0a0a0a0a0a0aL;
            long low = (word & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL;
            count += Long.bitCount(~(low | word | 0x7f7f7f7f7f7f7f7fL));
        }
        for (; i < to; i++) {
            if (data[i] == '\n') {
                count++;
            }
        }
        return count;
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
