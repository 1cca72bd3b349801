package io.customertimeline.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VaderScorerTest {

    private final VaderScorer scorer = new VaderScorer();

    @Test
    void negationFlipsPraise() {
        assertThat(scorer.score("The delivery was good").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(scorer.score("The delivery was not good").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("The delivery wasn't good").label()).isEqualTo(Sentiment.NEGATIVE);
        // the negation reaches three words back
        assertThat(scorer.score("The delivery was never very good").score()).isNegative();
    }

    @Test
    void capsAndExclamationIntensify() {
        double plain = scorer.score("The service was great").score();
        double caps = scorer.score("The service was GREAT").score();
        double shouted = scorer.score("The service was GREAT!!!").score();
        assertThat(caps).isGreaterThan(plain);
        assertThat(shouted).isGreaterThan(caps);

        double angry = scorer.score("This is terrible").score();
        double angrier = scorer.score("This is TERRIBLE!!").score();
        assertThat(angrier).isLessThan(angry);
    }

    @Test
    void boostersAndDampenersScaleTheWordTheyQualify() {
        double good = scorer.score("The kettle is good").score();
        assertThat(scorer.score("The kettle is very good").score()).isGreaterThan(good);
        assertThat(scorer.score("The kettle is kind of good").score()).isLessThan(good);
    }

    @Test
    void butShiftsWeightToWhatFollows() {
        assertThat(scorer.score("The price was great but the delivery was terrible").label())
                .isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("The delivery was terrible but the staff were great").label())
                .isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void emojiCarrySentiment() {
        assertThat(scorer.score("😍").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(scorer.score("😠").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("😡").label()).isEqualTo(Sentiment.NEGATIVE); // via the domain supplement
        assertThat(scorer.score("👍").label()).isEqualTo(Sentiment.POSITIVE); // via the domain supplement
        assertThat(scorer.score("order arrived ❤️").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(scorer.score("order arrived 💔").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("order arrived").label()).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void emoticonsCarrySentiment() {
        assertThat(scorer.score("got it :)").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(scorer.score("arrived late :(").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void blankTextIsNeutral() {
        for (String blank : new String[] {null, "", "   ", "\n\t"}) {
            SentimentScore score = scorer.score(blank);
            assertThat(score.label()).isEqualTo(Sentiment.NEUTRAL);
            assertThat(score.score()).isZero();
        }
    }

    @Test
    void neutralShopQuestionsStayNeutral() {
        assertThat(scorer.score("Do you have the JBL Flip 6 in stock?").label()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(scorer.score("Please send me a quote for order number 10482").label()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(scorer.score("Good morning, I would like to book a technician").label()).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void southAfricanSlangIsUnderstood() {
        assertThat(scorer.score("lekker service, sharp sharp").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(scorer.score("eish, kak service").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("Ag shame, thank you for trying").label()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void chasingAnOrderIsNegative() {
        assertThat(scorer.score("still waiting for my order").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("where is my refund?").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("never received the parcel").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("item arrived broken").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("no response from anyone").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("thank you so much").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(scorer.score("works perfectly").label()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void complaintsInPraiseWordsAreNegative() {
        assertThat(scorer.score("Thanks for nothing").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("Thank you for nothing!").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("This is a joke, three weeks and nothing").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("What a joke.").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("Never again will I buy here").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(scorer.score("Thanks guys, no joke, you are the best").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(scorer.score("Your driver's joke made my day, thanks").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(scorer.score("Thanks for the quick delivery, nothing was damaged").label()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void loadsVadersLexiconWithItsLastEntryWinning() {
        VaderLexicon lexicon = VaderLexicon.load(false);
        assertThat(lexicon.valences).hasSizeGreaterThan(7_400);
        assertThat(lexicon.valences.get("heart")).isEqualTo(3.2);
        assertThat(lexicon.valences.get("badass")).isEqualTo(1.4);
        assertThat(lexicon.valences.get("lol")).isEqualTo(1.8); // duplicated in the file; vaderSentiment keeps the last
        assertThat(lexicon.valences.get("flawed")).isEqualTo(-2.1);
        assertThat(lexicon.emoji("😁".codePointAt(0))).isEqualTo("beaming face with smiling eyes");
    }

    @Test
    void startsUpQuickly() {
        long started = System.nanoTime();
        new VaderScorer();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("VaderScorer built in " + millis + " ms");
        assertThat(millis).isLessThan(1_000); // about 90 ms cold on a 2-core machine; generous for noisy CI
    }

    /** The compound scores vaderSentiment 3.3.2 prints for its own README examples. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            VADER is smart, handsome, and funny.                                               |  0.8316
            VADER is smart, handsome, and funny!                                               |  0.8439
            VADER is very smart, handsome, and funny.                                          |  0.8545
            VADER is VERY SMART, handsome, and FUNNY.                                          |  0.9227
            VADER is VERY SMART, handsome, and FUNNY!!!                                        |  0.9342
            VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!                           |  0.9469
            VADER is not smart, handsome, nor funny.                                           | -0.7424
            The book was good.                                                                 |  0.4404
            At least it isn't a horrible book.                                                 |  0.431
            The book was only kind of good.                                                    |  0.3832
            The plot was good, but the characters are uncompelling and the dialog is not great. | -0.7042
            Today SUX!                                                                         | -0.5461
            Today only kinda sux! But I'll get by, lol                                         |  0.5249
            Make sure you :) or :D today!                                                      |  0.8633
            Catch utf-8 emoji such as 💘 and 💋 and 😁                                         |  0.875
            Not bad at all                                                                     |  0.431
            Sentiment analysis has never been good.                                            | -0.3412
            Sentiment analysis has never been this good!                                       |  0.5672
            Most automated sentiment analysis tools are shit.                                  | -0.5574
            With VADER, sentiment analysis is the shit!                                        |  0.6476
            Other sentiment analysis tools can be quite bad.                                   | -0.5849
            On the other hand, VADER is quite bad ass                                          |  0.802
            VADER is such a badass!                                                            |  0.4003
            Without a doubt, excellent idea.                                                   |  0.7013
            Roger Dodger is one of the most compelling variations on this theme.               |  0.2944
            Roger Dodger is at least compelling as a variation on the theme.                   |  0.2263
            Roger Dodger is one of the least compelling variations on this theme.              | -0.1695
            Not such a badass after all.                                                       | -0.2584
            """)
    void matchesReferenceVaderOnItsPublishedExamples(String text, double compound) {
        VaderScorer plainVader = VaderScorer.withoutDomainSupplement();
        assertThat(plainVader.score(text).score()).isCloseTo(compound, within(0.00005));
    }
}
