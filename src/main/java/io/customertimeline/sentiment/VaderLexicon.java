package io.customertimeline.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The word lists {@link VaderScorer} reads, loaded once from the classpath: VADER's own lexicon and
 * emoji lexicon (MIT, see {@code sentiment/VADER-LICENSE.txt}) and our documented domain supplement.
 */
final class VaderLexicon {

    static final String VADER_LEXICON = "/sentiment/vader_lexicon.txt";
    static final String EMOJI_LEXICON = "/sentiment/emoji_utf8_lexicon.txt";
    static final String DOMAIN_LEXICON = "/sentiment/domain_lexicon.txt";

    /** Lower-case token to mean valence (-4..4). Multi-word entries of VADER's file are kept but, as in VADER, never match. */
    final Map<String, Double> valences;
    /** Emoji code points, sorted, with their descriptions at the same index. */
    final int[] emojiCodePoints;
    final String[] emojiDescriptions;
    /** Domain phrases (two or more words) by their last word, where each adds its valence. */
    final Map<String, List<Phrase>> phrasesByLastWord;

    record Phrase(String[] words, double valence) {}

    private VaderLexicon(Map<String, Double> valences, int[] emojiCodePoints, String[] emojiDescriptions,
                         Map<String, List<Phrase>> phrasesByLastWord) {
        this.valences = valences;
        this.emojiCodePoints = emojiCodePoints;
        this.emojiDescriptions = emojiDescriptions;
        this.phrasesByLastWord = phrasesByLastWord;
    }

    static VaderLexicon load(boolean withDomainSupplement) {
        Map<String, Double> valences = new HashMap<>(16_384);
        // hand-rolled parsing: this runs once in a cold JVM, where split() and parseDouble() are slow
        String vader = text(VADER_LEXICON);
        for (int start = 0, end; start < vader.length(); start = end + 1) {
            end = vader.indexOf('\n', start);
            if (end < 0) {
                end = vader.length();
            }
            int tab = vader.indexOf('\t', start);
            if (tab < 0 || tab > end) {
                continue;
            }
            int tab2 = vader.indexOf('\t', tab + 1);
            valences.put(vader.substring(start, tab), decimal(vader, tab + 1, tab2 < 0 || tab2 > end ? end : tab2));
        }
        Map<String, List<Phrase>> phrases = new HashMap<>();
        if (withDomainSupplement) {
            for (String line : lines(DOMAIN_LEXICON)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 3);
                if (fields.length < 3) {
                    throw new IllegalStateException(DOMAIN_LEXICON + ": every entry needs word, valence and a reason: " + line);
                }
                String entry = fields[0].strip().toLowerCase(Locale.ROOT);
                double valence = Double.parseDouble(fields[1].strip());
                if (entry.indexOf(' ') >= 0) {
                    String[] words = entry.split(" +");
                    phrases.computeIfAbsent(words[words.length - 1], w -> new ArrayList<>()).add(new Phrase(words, valence));
                } else {
                    valences.put(entry, valence);
                }
            }
        }
        TreeMap<Integer, String> emoji = new TreeMap<>();
        for (String line : lines(EMOJI_LEXICON)) {
            if (line.startsWith("# ") || line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", 2);
            if (fields.length == 2 && fields[0].codePointCount(0, fields[0].length()) == 1) {
                emoji.put(fields[0].codePointAt(0), fields[1].strip());
            }
        }
        int[] codePoints = emoji.keySet().stream().mapToInt(Integer::intValue).toArray();
        String[] descriptions = emoji.values().toArray(String[]::new);
        phrases.replaceAll((word, list) -> List.copyOf(list));
        return new VaderLexicon(Collections.unmodifiableMap(valences), codePoints, descriptions, Map.copyOf(phrases));
    }

    /** The description VADER substitutes for an emoji code point, or {@code null}. */
    String emoji(int codePoint) {
        int at = Arrays.binarySearch(emojiCodePoints, codePoint);
        return at >= 0 ? emojiDescriptions[at] : null;
    }

    /** Parses a plain decimal such as "-1.5" or "0.0" (the lexicon's only number format). */
    private static double decimal(String s, int from, int to) {
        boolean negative = s.charAt(from) == '-';
        long digits = 0;
        int scale = 0;
        boolean fraction = false;
        for (int k = negative ? from + 1 : from; k < to; k++) {
            char c = s.charAt(k);
            if (c == '.') {
                fraction = true;
            } else if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (fraction) {
                    scale++;
                }
            } else if (c != '\r' && c != ' ') {
                return Double.parseDouble(s.substring(from, to).strip());
            }
        }
        double value = digits / Math.pow(10, scale);
        return negative ? -value : value;
    }

    private static List<String> lines(String resource) {
        return text(resource).lines().toList();
    }

    private static String text(String resource) {
        try (InputStream in = VaderLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
