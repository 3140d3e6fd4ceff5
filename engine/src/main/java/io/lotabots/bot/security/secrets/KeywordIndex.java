package io.lotabots.bot.security.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;

/**
 * The keyword pre-filter: an Aho-Corasick automaton over the ASCII keywords of all rules that stand alone (paired
 * rules have none), folded to lower case while it reads, so that one pass over the bytes of a file finds every rule
 * whose keyword occurs in a line. It reads UTF-8 bytes: a byte of a multi-byte character never continues a keyword.
 *
 * <p>The automaton is one flat table of {@value #WIDTH} entries a state, indexed by the state's offset plus the
 * byte. An entry holds the offset of the next state, bit-inverted (so negative) when a keyword ends there: the
 * inner loop is one load and one sign test a byte.</p>
 */
final class KeywordIndex {
    /** The entries a state: one per byte value. */
    static final int WIDTH = 256;

    private final int[] table;
    private final int[][] rulesAt;

    KeywordIndex(final List<SecretRule> rules) {
        List<int[]> trie = new ArrayList<>();
        List<TreeSet<Integer>> outputs = new ArrayList<>();
        trie.add(newState());
        outputs.add(new TreeSet<>());
        for (int r = 0; r < rules.size(); r++) {
            for (String keyword : rules.get(r).getKeywords()) {
                int state = 0;
                for (int i = 0; i < keyword.length(); i++) {
                    int c = keyword.charAt(i);
                    if (trie.get(state)[c] < 0) {
                        trie.get(state)[c] = trie.size();
                        trie.add(newState());
                        outputs.add(new TreeSet<>());
                    }
                    state = trie.get(state)[c];
                }
                outputs.get(state).add(r);
            }
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
        rulesAt = new int[trie.size()][];
        for (int s = 0; s < rulesAt.length; s++) {
            rulesAt[s] = outputs.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
        table = new int[trie.size() * WIDTH];
        for (int s = 0; s < trie.size(); s++) {
            int[] row = trie.get(s);
            for (int c = 0; c < WIDTH; c++) {
                int folded = c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
                int target = row[folded];
                table[s * WIDTH + c] = rulesAt[target].length > 0 ? ~(target * WIDTH) : target * WIDTH;
            }
        }
    }

    private static int[] newState() {
        int[] row = new int[WIDTH];
        Arrays.fill(row, -1);
        return row;
    }

    /**
     * Returns the transition table: entry {@code state + (b & 0xff)} is the next state, bit-inverted when a keyword
     * ends in it. The start state is {@code 0}.
     *
     * @return the table, not to be changed
     */
    int[] table() {
        return table;
    }

    /**
     * Returns the rules whose keyword ends in a state.
     *
     * @param state the state, not inverted
     * @return the rule indexes
     */
    int[] rulesAt(final int state) {
        return rulesAt[state / WIDTH];
    }

    /**
     * Returns the number of states.
     *
     * @return the count
     */
    int states() {
        return rulesAt.length;
    }

    /**
     * Marks the rules whose keywords occur in a part of a byte array, starting from a state.
     *
     * @param data the bytes
     * @param from the first byte
     * @param to the end, excluded
     * @param hits one flag per rule, set where a keyword occurs
     * @return whether any rule was marked
     */
    boolean mark(final byte[] data, final int from, final int to, final boolean[] hits) {
        int state = 0;
        boolean any = false;
        for (int i = from; i < to; i++) {
            int next = table[state + (data[i] & 0xff)];
            if (next < 0) {
                next = ~next;
                for (int r : rulesAt[next / WIDTH]) {
                    hits[r] = true;
                }
                any = true;
            }
            state = next;
        }
        return any;
    }
}
