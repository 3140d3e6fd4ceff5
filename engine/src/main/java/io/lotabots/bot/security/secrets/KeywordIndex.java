package io.lotabots.bot.security.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;

/**
 * The keyword pre-filter: an Aho-Corasick automaton over the ASCII keywords of all rules, folded to lower case
 * while it reads, so that one pass over a line finds every rule whose keyword occurs in it.
 */
final class KeywordIndex {
    private static final int ALPHABET = 128;

    private final int[][] next;
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
        for (int c = 0; c < ALPHABET; c++) {
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
            for (int c = 0; c < ALPHABET; c++) {
                if (row[c] < 0) {
                    row[c] = trie.get(fail[state])[c];
                }
                else {
                    fail[row[c]] = trie.get(fail[state])[c];
                    queue.add(row[c]);
                }
            }
        }
        next = trie.toArray(new int[0][]);
        rulesAt = new int[trie.size()][];
        for (int s = 0; s < rulesAt.length; s++) {
            rulesAt[s] = outputs.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int[] newState() {
        int[] row = new int[ALPHABET];
        java.util.Arrays.fill(row, -1);
        return row;
    }

    /**
     * Marks the rules whose keywords occur in the line.
     *
     * @param line the line
     * @param hits one flag per rule, all {@code false} on entry
     * @return whether any rule was marked
     */
    boolean mark(final CharSequence line, final boolean[] hits) {
        int state = 0;
        boolean any = false;
        int length = line.length();
        for (int i = 0; i < length; i++) {
            int c = line.charAt(i);
            if (c >= ALPHABET) {
                state = 0;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            state = next[state][c];
            int[] found = rulesAt[state];
            if (found.length > 0) {
                for (int r : found) {
                    hits[r] = true;
                }
                any = true;
            }
        }
        return any;
    }
}
