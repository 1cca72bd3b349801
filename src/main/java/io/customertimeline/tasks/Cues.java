package io.customertimeline.tasks;

/**
 * Words without one of which a pattern cannot match, checked before it. A pattern's search tries
 * every position of a sentence against every alternative; most sentences carry none of its cue
 * words, and looking for those is a plain substring scan (BENCHMARKS.md, twenty-second round).
 * The cues are a necessary condition only: {@code CuesTest} checks each pattern against
 * its cues over texts built from the pattern's own words.
 */
final class Cues {

    private final String[] words;

    private Cues(String[] words) {
        this.words = words;
    }

    /** Lower-case words (or parts of words: "deliver" stands for delivery and delivered). */
    static Cues of(String... words) {
        return new Cues(words.clone());
    }

    /** Whether {@code lowerCaseText} contains one of the cue words. */
    boolean in(String lowerCaseText) {
        for (String word : words) {
            if (lowerCaseText.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
