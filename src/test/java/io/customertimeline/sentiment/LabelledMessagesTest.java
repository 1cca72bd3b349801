package io.customertimeline.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The scorer against customer messages labelled by hand ({@code sentiment/labelled_messages.tsv}). */
class LabelledMessagesTest {

    record Labelled(Sentiment label, String channel, String text) {}

    record ClassFigures(double precision, double recall, double f1, int support) {}

    @Test
    void agreesWithHumanLabelsOnShopMessages() throws IOException {
        List<Labelled> messages = labelledMessages();
        assertThat(messages).hasSizeGreaterThanOrEqualTo(120);

        Map<Sentiment, ClassFigures> figures = evaluate(new VaderScorer(), messages, true);
        double macroF1 = figures.values().stream().mapToDouble(ClassFigures::f1).average().orElse(0);
        System.out.printf(Locale.ROOT, "macro-F1 %.3f over %d messages%n", macroF1, messages.size());

        Map<Sentiment, ClassFigures> plain = evaluate(VaderScorer.withoutDomainSupplement(), messages, false);
        System.out.printf(Locale.ROOT, "(plain VADER without the domain supplement: macro-F1 %.3f)%n",
                plain.values().stream().mapToDouble(ClassFigures::f1).average().orElse(0));

        assertThat(macroF1).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void agreesWithHumanLabelsOnHeldOutMessages() throws IOException {
        List<Labelled> messages = labelledMessages("/sentiment/heldout_messages.tsv");
        Map<Sentiment, ClassFigures> figures = evaluate(new VaderScorer(), messages, true);
        double macroF1 = figures.values().stream().mapToDouble(ClassFigures::f1).average().orElse(0);
        System.out.printf(Locale.ROOT, "held-out macro-F1 %.3f over %d messages%n", macroF1, messages.size());
        Map<Sentiment, ClassFigures> plain = evaluate(VaderScorer.withoutDomainSupplement(), messages, false);
        System.out.printf(Locale.ROOT, "(plain VADER without the domain supplement: held-out macro-F1 %.3f)%n",
                plain.values().stream().mapToDouble(ClassFigures::f1).average().orElse(0));
        assertThat(macroF1).isGreaterThanOrEqualTo(0.75);
    }

    static Map<Sentiment, ClassFigures> evaluate(SentimentScorer scorer, List<Labelled> messages, boolean print) {
        Map<Sentiment, int[]> counts = new EnumMap<>(Sentiment.class); // tp, fp, fn, support
        for (Sentiment s : Sentiment.values()) {
            counts.put(s, new int[4]);
        }
        for (Labelled m : messages) {
            SentimentScore score = scorer.score(m.text());
            Sentiment predicted = score.label();
            counts.get(m.label())[3]++;
            if (predicted == m.label()) {
                counts.get(predicted)[0]++;
            } else {
                counts.get(predicted)[1]++;
                counts.get(m.label())[2]++;
                if (print) {
                    System.out.printf(Locale.ROOT, "  miss: %-8s as %-8s %+.3f  %s%n",
                            m.label().wire(), predicted.wire(), score.score(), m.text());
                }
            }
        }
        Map<Sentiment, ClassFigures> figures = new EnumMap<>(Sentiment.class);
        for (Sentiment s : Sentiment.values()) {
            int[] c = counts.get(s);
            double precision = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            figures.put(s, new ClassFigures(precision, recall, f1, c[3]));
            if (print) {
                System.out.printf(Locale.ROOT, "%-8s precision %.3f recall %.3f F1 %.3f (n=%d)%n",
                        s.wire(), precision, recall, f1, c[3]);
            }
        }
        return figures;
    }

    static List<Labelled> labelledMessages() throws IOException {
        return labelledMessages("/sentiment/labelled_messages.tsv");
    }

    static List<Labelled> labelledMessages(String resource) throws IOException {
        List<Labelled> messages = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                LabelledMessagesTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 3);
                messages.add(new Labelled(Sentiment.parse(fields[0]).orElseThrow(), fields[1], fields[2]));
            }
        }
        return messages;
    }
}
