package io.customertimeline.sentiment;

/**
 * Scores customer-written text. The one implementation is a lexicon method; this interface is
 * the seam where a model can be plugged in.
 */
public interface SentimentScorer {

    /** Scores {@code text}; blank text is neutral with score 0. */
    SentimentScore score(String text);
}
