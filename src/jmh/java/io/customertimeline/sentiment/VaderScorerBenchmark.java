package io.customertimeline.sentiment;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link VaderScorer} on short customer messages: one operation scores one message.
 * Not part of {@code mvn verify}. Run from the project root:
 * <pre>
 * mvn -q -B -P benchmarks test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.openjdk.jmh.Main VaderScorerBenchmark -f 1 -wi 3 -i 5 -t 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VaderScorerBenchmark {

    private static final String[] MESSAGES = {
            "Hi, just wanted to say thank you so much for the quick delivery. Works perfectly.",
            "thanks a lot, that sorted it!",
            "Lekker service from @HomeTechZA, got my fridge in 2 days 🙌",
            "Do you have the JBL Flip 6 in stock?",
            "I am still waiting for my order, it has been three weeks.",
            "Where is my refund??? You said 5 working days and it's been a month",
            "Never received my parcel and nobody cares. Avoid!",
            "The item arrived broken. The screen is cracked right across.",
            "no response from your team since Monday, this is ridiculous",
            "Worst customer service ever 😡",
            "Eish, the kettle stopped working after two days",
            "DO NOT BUY FROM THIS SHOP. THEY TAKE YOUR MONEY AND DISAPPEAR.",
            "Good day, I would like to change the delivery address to 14 Main Road.",
            "Can I pay with EFT?",
            "So happy with my new air fryer!!! 😍",
            "The plot was good, but the delivery was late and the box was not great.",
            "ok",
            "Please cancel the extended warranty on order 10601, I only want the standard one.",
            "Not bad at all, the headphones sound great for the price.",
            "sharp sharp, thanks bru",
    };

    private VaderScorer scorer;
    private int next;

    @Setup
    public void setUp() {
        scorer = new VaderScorer();
    }

    @Benchmark
    public SentimentScore scoreShortMessage() {
        String message = MESSAGES[next];
        next = next + 1 == MESSAGES.length ? 0 : next + 1;
        return scorer.score(message);
    }

    /** Start-up cost: reading the lexicons and building the scorer, once per fork. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public VaderScorer loadLexicons() {
        return new VaderScorer();
    }
}
