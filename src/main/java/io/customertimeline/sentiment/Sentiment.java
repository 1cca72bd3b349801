package io.customertimeline.sentiment;

import java.util.Locale;
import java.util.Optional;

/** The three labels the seed uses, written lower-case on the wire and in the database. */
public enum Sentiment {
    POSITIVE, NEUTRAL, NEGATIVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the labels senders use ({@code positive}, {@code Negative}, {@code mixed} is neutral). */
    public static Optional<Sentiment> parse(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        return switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "positive", "pos", "happy" -> Optional.of(POSITIVE);
            case "negative", "neg", "angry", "frustrated" -> Optional.of(NEGATIVE);
            case "neutral", "mixed", "unknown" -> Optional.of(NEUTRAL);
            default -> Optional.empty();
        };
    }

    /** The label a score in [-1, 1] falls under, with VADER's customary ±0.05 neutral band. */
    public static Sentiment ofScore(double score) {
        return score >= 0.05 ? POSITIVE : score <= -0.05 ? NEGATIVE : NEUTRAL;
    }
}
