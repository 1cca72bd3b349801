package io.customertimeline.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class VaderScorerProperties {

    private static final VaderScorer SCORER = new VaderScorer();

    @Property(tries = 2000)
    void scoreStaysWithinBounds(@ForAll("messages") String text) {
        SentimentScore score = SCORER.score(text);
        assertThat(score.score()).isBetween(-1.0, 1.0);
        assertThat(score.label()).isEqualTo(Sentiment.ofScore(score.score()));
    }

    @Property(tries = 500)
    void anyUnicodeTextScoresWithinBounds(@ForAll String text) {
        assertThat(SCORER.score(text).score()).isBetween(-1.0, 1.0);
    }

    @Property(tries = 500)
    void scoringIsDeterministic(@ForAll("messages") String text) {
        assertThat(SCORER.score(text)).isEqualTo(SCORER.score(text));
    }

    /** Messages built from sentiment-laden words, negations, boosters, caps, punctuation and emoji. */
    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> word = Arbitraries.of(
                "great", "GREAT", "terrible", "TERRIBLE", "not", "never", "very", "extremely", "kind", "of",
                "but", "no", "least", "at", "lekker", "kak", "still", "waiting", "refund", "love", "hate",
                "thanks", "broken", "the", "order", "!!!", "???", ":)", ":(", "😍", "😡", "❤", "💔", "n't",
                "without", "doubt", "so", "this", "bad", "ass", "yeah", "right", "-", "...");
        return word.list().ofMinSize(0).ofMaxSize(40).map(words -> String.join(" ", words));
    }
}
