package io.lotabots.bot.security.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.TreeSet;

/**
 * The keyword pre-filter: one Aho-Corasick automaton over the ASCII terms of all rules that stand alone (paired rules
 * have none), folded to lower case while it reads, so that one pass over the bytes of a file finds every rule that
 * may match a line, and where in the line its pattern may start. It reads UTF-8 bytes: a byte of a multi-byte
 * character never continues a term.
 *
 * <p>A rule contributes <em>terms</em> of two kinds ({@link SecretRule#getMatchStarts()}):</p>
 * <ul>
 *   <li>if every literal start of its pattern holds one of its keywords (ignoring case), the starts alone: they are
 *   the pre-filter (a line passes only if a start occurs in it, in the pattern's case: {@code SK} and {@code ghp_},
 *   not {@code sk} in {@code task}) and the places where the pattern is tried;</li>
 *   <li>otherwise its keywords, ignoring case, as the pre-filter, and its starts, if any, only as the places where
 *   the pattern is tried.</li>
 * </ul>
 * <p>A line thus passes for a rule exactly when it did with the keywords alone and the pattern can match, so the
 * findings are those of trying the pattern over every line that holds a keyword.</p>
 *
 * <p>The automaton is one flat table, indexed by the state's offset plus the byte's class: the bytes of no term
 * share one class and a letter's cases another, so a state takes 64 entries (the built-in rules use 45 classes)
 * and the states used most stay in the processor's cache. An entry holds the offset of the next state,
 * bit-inverted (so negative) when a pre-filter term ends there: the inner loop is two loads and one sign test a
 * byte. A term whose case matters is checked against the bytes where it ends.</p>
 */
final class KeywordIndex {
    /** The bytes a trie state is built with: one per byte value; the table has one entry per class. */
    static final int WIDTH = 256;

    /** The class of each byte: 0 for a byte in no term, upper and lower case of a letter alike. */
    private final byte[] classes = new byte[WIDTH];
    /** Log2 of the entries a state in {@link #table}. */
    private final int shift;
    private final int[] table;
    /** The terms that end in each state, by state number. */
    private final int[][] termsAt;
    /** Per state number: whether a pre-filter term ends there. */
    private final boolean[] filterAt;
    private final int[] termRule;
    private final byte[][] termBytes;
    private final boolean[] termExact;
    private final boolean[] termFilters;
    private final boolean[] termStarts;
    private final boolean[] ruleHasStarts;
    private final int longestTerm;

    KeywordIndex(final List<SecretRule> rules) {
        List<Term> terms = new ArrayList<>();
        ruleHasStarts = new boolean[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            addTerms(r, rules.get(r), terms);
        }
        longestTerm = terms.stream().mapToInt(term -> term.text.length()).max().orElse(1);
        termRule = new int[terms.size()];
        termBytes = new byte[terms.size()][];
        termExact = new boolean[terms.size()];
        termFilters = new boolean[terms.size()];
        termStarts = new boolean[terms.size()];
        for (int t = 0; t < terms.size(); t++) {
            Term term = terms.get(t);
            termRule[t] = term.rule;
            termBytes[t] = term.text.getBytes(StandardCharsets.US_ASCII);
            termExact[t] = term.exact;
            termFilters[t] = term.filters;
            termStarts[t] = term.start;
        }

        List<int[]> trie = new ArrayList<>();
        List<TreeSet<Integer>> outputs = new ArrayList<>();
        trie.add(newState());
        outputs.add(new TreeSet<>());
        for (int t = 0; t < terms.size(); t++) {
            String folded = terms.get(t).text.toLowerCase(Locale.ROOT);
            int state = 0;
            for (int i = 0; i < folded.length(); i++) {
                int c = folded.charAt(i);
                if (trie.get(state)[c] < 0) {
                    trie.get(state)[c] = trie.size();
                    trie.add(newState());
                    outputs.add(new TreeSet<>());
                }
                state = trie.get(state)[c];
            }
            outputs.get(state).add(t);
        }
        int[] fail = new int[trie.size()];
        Queue<Integer> queue = new ArrayDeque<>();
        int[] root = trie.get(0);
        for (int c = 0; c < WIDTH; c++) {
            if (root[c] < 0) {
                root[c] = 0;
            }
            else {
                fail[root[c]] = 0;
                queue.add(root[c]);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            outputs.get(state).addAll(outputs.get(fail[state]));
            int[] row = trie.get(state);
            for (int c = 0; c < WIDTH; c++) {
                if (row[c] < 0) {
                    row[c] = trie.get(fail[state])[c];
                }
                else {
                    fail[row[c]] = trie.get(fail[state])[c];
                    queue.add(row[c]);
                }
            }
        }
        termsAt = new int[trie.size()][];
        filterAt = new boolean[trie.size()];
        for (int s = 0; s < termsAt.length; s++) {
            termsAt[s] = outputs.get(s).stream().mapToInt(Integer::intValue).toArray();
            for (int t : termsAt[s]) {
                filterAt[s] |= termFilters[t];
            }
        }
        int[] representative = new int[WIDTH];
        int classCount = 1;
        for (int c = 0; c < WIDTH; c++) {
            boolean used = false;
            for (int[] row : trie) {
                used |= row[c] > 0;
            }
            if (used && (c < 'A' || c > 'Z')) {
                classes[c] = (byte) classCount;
                representative[classCount++] = c;
            }
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            classes[c] = classes[c + 'a' - 'A'];
        }
        shift = classCount <= 64 ? 6 : classCount <= 128 ? 7 : 8;
        table = new int[trie.size() << shift];
        for (int s = 0; s < trie.size(); s++) {
            int[] row = trie.get(s);
            for (int k = 0; k < 1 << shift; k++) {
                int target = k < classCount ? row[representative[k]] : 0;
                table[(s << shift) + k] = filterAt[target] ? ~(target << shift) : target << shift;
            }
        }
    }

    private void addTerms(final int r, final SecretRule rule, final List<Term> terms) {
        List<String> starts = rule.getMatchStarts();
        boolean exact = !rule.isMatchStartIgnoringCase();
        ruleHasStarts[r] = !starts.isEmpty();
        boolean startsFilter = !starts.isEmpty() && starts.stream().allMatch(start -> rule.getKeywords().stream()
                .anyMatch(start.toLowerCase(Locale.ROOT)::contains));
        if (!startsFilter) {
            for (String keyword : rule.getKeywords()) {
                terms.add(new Term(r, keyword, false, true, false));
            }
        }
        for (String start : starts) {
            terms.add(new Term(r, start, exact, startsFilter, true));
        }
    }

    /** A text the automaton finds. */
    private record Term(int rule, String text, boolean exact, boolean filters, boolean start) {
    }

    private static int[] newState() {
        int[] row = new int[WIDTH];
        Arrays.fill(row, -1);
        return row;
    }

    /**
     * Returns the transition table: entry {@code state + classes()[b & 0xff]} is the next state, bit-inverted when a
     * pre-filter term ends in it. The start state is {@code 0}.
     *
     * @return the table, not to be changed
     */
    int[] table() {
        return table;
    }

    /**
     * Returns the class of each byte value, the column of the {@link #table()}: bytes that occur in no term share
     * class 0, so that a state takes 64 entries, not 256, and the states that are used most stay in the cache.
     *
     * @return the classes, not to be changed
     */
    byte[] classes() {
        return classes;
    }

    /**
     * Returns the length of the longest term.
     *
     * @return bytes, at least 1
     */
    int longestTerm() {
        return longestTerm;
    }

    /**
     * Returns the number of states.
     *
     * @return the count
     */
    int states() {
        return termsAt.length;
    }

    /**
     * Returns whether a rule's pattern is tried only where one of its literal starts occurs.
     *
     * @param rule the rule index
     * @return {@code true} if the rule has starts
     */
    boolean hasStarts(final int rule) {
        return ruleHasStarts[rule];
    }

    /**
     * Checks, where the table said that a pre-filter term ends, whether one really does in its case.
     *
     * @param state the state reached, not inverted
     * @param data the bytes
     * @param end the position of the term's last byte
     * @return {@code true} if a pre-filter term ends there
     */
    boolean filters(final int state, final byte[] data, final int end) {
        for (int t : termsAt[state >> shift]) {
            if (termFilters[t] && occurs(t, data, end)) {
                return true;
            }
        }
        return false;
    }

    private boolean occurs(final int t, final byte[] data, final int end) {
        if (!termExact[t]) {
            return true;
        }
        byte[] bytes = termBytes[t];
        int from = end - bytes.length + 1;
        for (int k = 0; k < bytes.length; k++) {
            if (data[from + k] != bytes[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Collects the terms in a line: for each occurrence a code {@code rule << 32 | 0} when a pre-filter term of the
     * rule ends there, and {@code rule << 32 | (1 + offset of the term's start in the line)} when a match start of
     * the rule does (one occurrence can give both).
     *
     * @param data the bytes
     * @param from the line's first byte
     * @param to the line's end, excluded
     * @param codes where the codes go, grown when needed
     * @return the codes, unsorted, in {@link Codes}
     */
    Codes collect(final byte[] data, final int from, final int to, final Codes codes) {
        codes.size = 0;
        int state = 0;
        for (int i = from; i < to; i++) {
            int next = table[state + classes[data[i] & 0xff]];
            state = next < 0 ? ~next : next;
            int[] terms = termsAt[state >> shift];
            for (int t : terms) {
                if (!occurs(t, data, i)) {
                    continue;
                }
                long rule = (long) termRule[t] << 32;
                if (termFilters[t]) {
                    codes.add(rule);
                }
                if (termStarts[t]) {
                    codes.add(rule | (i - termBytes[t].length + 2 - from));
                }
            }
        }
        return codes;
    }

    /**
     * A growable array of the codes of one line, reused from line to line.
     */
    static final class Codes {
        private long[] values = new long[64];
        private int size;

        void add(final long code) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = code;
        }

        /**
         * Sorts the codes: by rule, the pre-filter mark first, then the starts from left to right.
         */
        void sort() {
            Arrays.sort(values, 0, size);
        }

        long get(final int index) {
            return values[index];
        }

        int size() {
            return size;
        }
    }
}
