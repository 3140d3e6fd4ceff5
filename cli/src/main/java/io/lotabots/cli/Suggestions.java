package io.lotabots.cli;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for a mistyped command, option or name: the candidates within a small edit distance of what was
 * typed, closest first.
 */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * Returns the candidates close to a word.
     *
     * @param typed what the user typed, for example {@code tset} or {@code --min-coverge}
     * @param candidates the valid words
     * @return up to three candidates, closest first; empty if none is close
     */
    static List<String> closest(final String typed, final Collection<String> candidates) {
        String word = typed.toLowerCase(Locale.ROOT);
        // a swap of two letters costs two edits; more than a third of the word changed is another word
        int limit = Math.max(2, word.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        return candidates.stream().distinct()
                .filter(candidate -> distance.apply(word, candidate.toLowerCase(Locale.ROOT)) >= 0)
                .sorted(Comparator.comparingInt((String candidate) -> distance.apply(word,
                        candidate.toLowerCase(Locale.ROOT))).thenComparing(Comparator.naturalOrder()))
                .limit(3).toList();
    }

    /**
     * Returns the "did you mean" sentence for a word.
     *
     * @param typed what the user typed
     * @param candidates the valid words
     * @return for example {@code " Did you mean 'test'?"}, or an empty text if nothing is close
     */
    static String didYouMean(final String typed, final Collection<String> candidates) {
        List<String> close = closest(typed, candidates);
        return close.isEmpty() ? "" : " Did you mean '" + String.join("' or '", close) + "'?";
    }
}
