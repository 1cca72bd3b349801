package io.customertimeline.sentiment;

/** A label with its score in [-1, 1]. */
public record SentimentScore(Sentiment label, double score) {

    public SentimentScore {
        if (Double.isNaN(score) || score < -1 || score > 1) {
            throw new IllegalArgumentException("score must be within [-1, 1]: " + score);
        }
    }

    public static SentimentScore of(double score) {
        return new SentimentScore(Sentiment.ofScore(score), score);
    }
}
