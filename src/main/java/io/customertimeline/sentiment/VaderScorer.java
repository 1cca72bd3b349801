package io.customertimeline.sentiment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * VADER (Hutto &amp; Gilbert, ICWSM 2014) as published in vaderSentiment 3.3.2: lexicon valences,
 * booster and dampener words, negation within three words (including "n't"), "no", "least",
 * "kind of", special idioms, the "but" shift, ALL-CAPS emphasis, "!" and "?" amplification, emoji
 * through their descriptions, and {@code compound = x / sqrt(x^2 + 15)}. Its rules are followed
 * to the letter, quirks included, so that scores match the reference implementation; the only
 * additions are the entries of {@code sentiment/domain_lexicon.txt} (South African and shop
 * vocabulary, phrases such as "still waiting"), and one repair: emoji presentation selectors
 * (U+FE0F, U+FE0E) are dropped and zero-width joiners become spaces, where vaderSentiment glues
 * them onto the emoji's description, so that the usual "❤️" scores like "❤".
 *
 * <p>Immutable after construction and safe to share between threads; each call allocates only
 * the tokens of its own text.
 */
@Component
public class VaderScorer implements SentimentScorer {

    // Constants and word lists of vaderSentiment.py.
    private static final double B_INCR = 0.293;
    private static final double B_DECR = -0.293;
    private static final double C_INCR = 0.733;
    private static final double N_SCALAR = -0.74;
    private static final double ALPHA = 15;

    private static final Set<String> NEGATE = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final Map<String, Double> BOOSTERS = boosters();

    /** Multi-word boosters, checked as n-grams before a lexicon word ("kind of good"). */
    private static final String[][] BOOSTER_NGRAMS = {
            {"just", "enough"}, {"kind", "of"}, {"sort", "of"}};

    /** VADER's SPECIAL_CASES: phrases around a lexicon word that set its valence. */
    private static final String[][] SPECIAL_CASE_WORDS = {
            {"the", "shit"}, {"the", "bomb"}, {"bad", "ass"}, {"badass"}, {"bus", "stop"},
            {"yeah", "right"}, {"kiss", "of", "death"}, {"to", "die", "for"},
            {"beating", "heart"}, {"broken", "heart"}};
    private static final double[] SPECIAL_CASE_VALENCES = {3, 3, 1.5, 1.5, 0.0, -2, -1.5, 3, 3.1, -2.9};

    private final VaderLexicon lexicon;

    public VaderScorer() {
        this(VaderLexicon.load(true));
    }

    VaderScorer(VaderLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Plain VADER without the domain supplement, for comparisons. */
    static VaderScorer withoutDomainSupplement() {
        return new VaderScorer(VaderLexicon.load(false));
    }

    @Override
    public SentimentScore score(String text) {
        if (text == null || text.isBlank()) {
            return SentimentScore.of(0.0);
        }
        double compound = compound(text);
        return SentimentScore.of(Math.round(compound * 10_000) / 10_000.0);
    }

    /** VADER's compound score in [-1, 1], unrounded. */
    double compound(String text) {
        String described = replaceEmoji(text).strip();
        Tokens tokens = Tokens.of(described);
        int n = tokens.size;
        if (n == 0) {
            return 0.0;
        }
        String[] low = tokens.lower;
        boolean capDifferential = tokens.capDifferential();
        double[] sentiments = new double[n];
        for (int i = 0; i < n; i++) {
            if (BOOSTERS.containsKey(low[i])) {
                continue;
            }
            if (i < n - 1 && low[i].equals("kind") && low[i + 1].equals("of")) {
                continue;
            }
            sentiments[i] = valence(tokens, i, capDifferential);
        }
        addDomainPhrases(low, n, sentiments);
        butCheck(low, n, sentiments);
        return scoreValence(sentiments, described);
    }

    private double valence(Tokens tokens, int i, boolean capDifferential) {
        String[] low = tokens.lower;
        int n = tokens.size;
        Double lexiconValence = lexicon.valences.get(low[i]);
        if (lexiconValence == null) {
            return 0.0;
        }
        double valence = lexiconValence;
        // "no" before another lexicon word negates that word rather than carrying its own valence
        if (low[i].equals("no") && i != n - 1 && inLexicon(low[i + 1])) {
            valence = 0.0;
        }
        if ((i > 0 && low[i - 1].equals("no"))
                || (i > 1 && low[i - 2].equals("no"))
                || (i > 2 && low[i - 3].equals("no") && (low[i - 1].equals("or") || low[i - 1].equals("nor")))) {
            valence = lexiconValence * N_SCALAR;
        }
        if (tokens.upper[i] && capDifferential) {
            valence = valence > 0 ? valence + C_INCR : valence - C_INCR;
        }
        for (int startI = 0; startI < 3; startI++) {
            int before = i - (startI + 1);
            if (i > startI && !inLexicon(low[before])) {
                double s = scalarIncDec(low[before], tokens.upper[before], valence, capDifferential);
                if (startI == 1 && s != 0) {
                    s = s * 0.95;
                }
                if (startI == 2 && s != 0) {
                    s = s * 0.9;
                }
                valence = valence + s;
                valence = negationCheck(valence, low, startI, i);
                if (startI == 2) {
                    valence = specialIdiomsCheck(valence, low, n, i);
                }
            }
        }
        return leastCheck(valence, low, i);
    }

    private boolean inLexicon(String lowerToken) {
        return lexicon.valences.containsKey(lowerToken);
    }

    private static double scalarIncDec(String lowerWord, boolean upper, double valence, boolean capDifferential) {
        Double booster = BOOSTERS.get(lowerWord);
        if (booster == null) {
            return 0.0;
        }
        double scalar = valence < 0 ? -booster : booster;
        if (upper && capDifferential) {
            scalar = valence > 0 ? scalar + C_INCR : scalar - C_INCR;
        }
        return scalar;
    }

    private static boolean negated(String lowerWord) {
        return NEGATE.contains(lowerWord) || lowerWord.contains("n't");
    }

    private static double negationCheck(double valence, String[] low, int startI, int i) {
        if (startI == 0) {
            if (negated(low[i - 1])) {
                valence = valence * N_SCALAR;
            }
        } else if (startI == 1) {
            if (low[i - 2].equals("never") && (low[i - 1].equals("so") || low[i - 1].equals("this"))) {
                valence = valence * 1.25;
            } else if (low[i - 2].equals("without") && low[i - 1].equals("doubt")) {
                // "without doubt" is not a negation
            } else if (negated(low[i - 2])) {
                valence = valence * N_SCALAR;
            }
        } else {
            // as in VADER: (never so|this) or a directly preceding so|this both emphasise
            if ((low[i - 3].equals("never") && (low[i - 2].equals("so") || low[i - 2].equals("this")))
                    || low[i - 1].equals("so") || low[i - 1].equals("this")) {
                valence = valence * 1.25;
            } else if (low[i - 3].equals("without") && (low[i - 2].equals("doubt") || low[i - 1].equals("doubt"))) {
                // "without a doubt" is not a negation
            } else if (negated(low[i - 3])) {
                valence = valence * N_SCALAR;
            }
        }
        return valence;
    }

    private static double specialIdiomsCheck(double valence, String[] low, int n, int i) {
        // sequences in VADER's order: onezero, twoonezero, twoone, threetwoone, threetwo
        int[][] windows = {{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}};
        for (int[] window : windows) {
            int special = specialCase(low, window[0], window[1]);
            if (special >= 0) {
                valence = SPECIAL_CASE_VALENCES[special];
                break;
            }
        }
        if (n - 1 > i) {
            int special = specialCase(low, i, i + 1);
            if (special >= 0) {
                valence = SPECIAL_CASE_VALENCES[special];
            }
        }
        if (n - 1 > i + 1) {
            int special = specialCase(low, i, i + 2);
            if (special >= 0) {
                valence = SPECIAL_CASE_VALENCES[special];
            }
        }
        // booster n-grams: threetwoone, threetwo, twoone
        int[][] ngrams = {{i - 3, i - 1}, {i - 3, i - 2}, {i - 2, i - 1}};
        for (int[] ngram : ngrams) {
            for (String[] words : BOOSTER_NGRAMS) {
                if (matches(low, ngram[0], ngram[1], words)) {
                    valence = valence + B_DECR;
                }
            }
        }
        return valence;
    }

    /** Index of the special case spelled by tokens {@code from..to} (inclusive), or -1. */
    private static int specialCase(String[] low, int from, int to) {
        for (int c = 0; c < SPECIAL_CASE_WORDS.length; c++) {
            if (matches(low, from, to, SPECIAL_CASE_WORDS[c])) {
                return c;
            }
        }
        return -1;
    }

    private static boolean matches(String[] low, int from, int to, String[] words) {
        if (to - from + 1 != words.length) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            if (!low[from + k].equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    private double leastCheck(double valence, String[] low, int i) {
        if (i > 1 && !inLexicon(low[i - 1]) && low[i - 1].equals("least")) {
            if (!low[i - 2].equals("at") && !low[i - 2].equals("very")) {
                valence = valence * N_SCALAR;
            }
        } else if (i > 0 && !inLexicon(low[i - 1]) && low[i - 1].equals("least")) {
            valence = valence * N_SCALAR;
        }
        return valence;
    }

    /**
     * Domain supplement: a phrase such as "still waiting" adds its valence at its last word. Only
     * the phrases ending in a token's word are tried there, so the work grows with the text alone.
     */
    private void addDomainPhrases(String[] low, int n, double[] sentiments) {
        for (int end = 0; end < n; end++) {
            List<VaderLexicon.Phrase> ending = lexicon.phrasesByLastWord.get(bare(low[end]));
            if (ending == null) {
                continue;
            }
            for (VaderLexicon.Phrase phrase : ending) {
                String[] words = phrase.words();
                if (end >= words.length - 1 && matchesIgnoringPunctuation(low, end - words.length + 1, words)) {
                    sentiments[end] += phrase.valence();
                }
            }
        }
    }

    /** A token without the punctuation VADER leaves around short words. */
    private static String bare(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && Tokens.isPunctuation(token.charAt(start))) {
            start++;
        }
        while (end > start && Tokens.isPunctuation(token.charAt(end - 1))) {
            end--;
        }
        return token.substring(start, end);
    }

    /** Like {@link #matches} but ignoring the punctuation VADER leaves on short tokens ("up," in "fed up,"). */
    private static boolean matchesIgnoringPunctuation(String[] low, int from, String[] words) {
        for (int k = 0; k < words.length; k++) {
            if (!bare(low[from + k]).equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * VADER's contrastive "but": sentiments before the first "but" count half, after it 1.5 times.
     * vaderSentiment rewrites the element at {@code list.index(value)}, the first equal value, not
     * always the current position; this reproduces that, so repeated equal valences behave as there.
     */
    private static void butCheck(String[] low, int n, double[] sentiments) {
        int bi = -1;
        for (int k = 0; k < n; k++) {
            if (low[k].equals("but")) {
                bi = k;
                break;
            }
        }
        if (bi < 0) {
            return;
        }
        for (int p = 0; p < n; p++) {
            double sentiment = sentiments[p];
            if (sentiment == 0) {
                continue; // rewriting a zero leaves it zero
            }
            int si = firstIndexOf(sentiments, sentiment);
            if (si < bi) {
                sentiments[si] = sentiment * 0.5;
            } else if (si > bi) {
                sentiments[si] = sentiment * 1.5;
            }
        }
    }

    private static int firstIndexOf(double[] values, double value) {
        for (int k = 0; k < values.length; k++) {
            if (values[k] == value) {
                return k;
            }
        }
        return -1;
    }

    private static double scoreValence(double[] sentiments, String text) {
        double sum = 0;
        for (double s : sentiments) {
            sum += s;
        }
        double amplifier = punctuationEmphasis(text);
        if (sum > 0) {
            sum += amplifier;
        } else if (sum < 0) {
            sum -= amplifier;
        }
        double compound = sum / Math.sqrt(sum * sum + ALPHA);
        return Math.max(-1.0, Math.min(1.0, compound));
    }

    private static double punctuationEmphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        double amplifier = Math.min(exclamations, 4) * 0.292;
        if (questions > 1) {
            amplifier += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return amplifier;
    }

    /** Replaces each emoji code point by its description, spaced as vaderSentiment does. */
    private String replaceEmoji(String text) {
        int first = -1;
        for (int k = 0; k < text.length(); ) {
            int cp = text.codePointAt(k);
            if (cp >= 0xA9 && (lexicon.emoji(cp) != null || isEmojiJoiner(cp))) {
                first = k;
                break;
            }
            k += Character.charCount(cp);
        }
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        out.append(text, 0, first);
        boolean prevSpace = first == 0 || text.charAt(first - 1) == ' ';
        for (int k = first; k < text.length(); ) {
            int cp = text.codePointAt(k);
            String description = cp >= 0xA9 ? lexicon.emoji(cp) : null;
            if (cp == 0xFE0F || cp == 0xFE0E) {
                // presentation selector ("❤️" is U+2764 U+FE0F): dropped so it does not glue onto the description
            } else if (cp == 0x200D) {
                out.append(' '); // zero-width joiner between emoji of a sequence
                prevSpace = true;
            } else if (description != null) {
                if (!prevSpace) {
                    out.append(' ');
                }
                out.append(description);
                prevSpace = false;
            } else {
                out.appendCodePoint(cp);
                prevSpace = cp == ' ';
            }
            k += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean isEmojiJoiner(int cp) {
        return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D;
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> b = new java.util.HashMap<>();
        for (String w : new String[] {"absolutely", "amazingly", "awfully", "completely", "considerable",
                "considerably", "decidedly", "deeply", "effing", "enormous", "enormously", "entirely",
                "especially", "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping",
                "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully",
                "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible",
                "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
                "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally",
                "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very"}) {
            b.put(w, B_INCR);
        }
        for (String w : new String[] {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof",
                "kind-of", "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly",
                "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"}) {
            b.put(w, B_DECR);
        }
        return Map.copyOf(b);
    }

    /**
     * VADER's tokens: the text split on white space, each token stripped of leading and trailing
     * ASCII punctuation unless that leaves two characters or fewer (emoticons such as ":)" survive).
     */
    static final class Tokens {
        final String[] lower;
        final boolean[] upper;
        final int size;

        private Tokens(String[] lower, boolean[] upper, int size) {
            this.lower = lower;
            this.upper = upper;
            this.size = size;
        }

        static Tokens of(String text) {
            int length = text.length();
            String[] lower = new String[Math.max(4, length / 4 + 1)];
            boolean[] upper = new boolean[lower.length];
            int size = 0;
            int k = 0;
            while (k < length) {
                while (k < length && isSpace(text.charAt(k))) {
                    k++;
                }
                if (k >= length) {
                    break;
                }
                int start = k;
                while (k < length && !isSpace(text.charAt(k))) {
                    k++;
                }
                int end = k;
                int from = start;
                int to = end;
                while (from < to && isPunctuation(text.charAt(from))) {
                    from++;
                }
                while (to > from && isPunctuation(text.charAt(to - 1))) {
                    to--;
                }
                if (text.codePointCount(from, to) <= 2) {
                    from = start;
                    to = end;
                }
                if (size == lower.length) {
                    lower = java.util.Arrays.copyOf(lower, size * 2);
                    upper = java.util.Arrays.copyOf(upper, size * 2);
                }
                String token = text.substring(from, to);
                lower[size] = token.toLowerCase(Locale.ROOT);
                upper[size] = isUpper(token);
                size++;
            }
            return new Tokens(lower, upper, size);
        }

        /** VADER's allcap_differential: some, but not all, tokens are upper case. */
        boolean capDifferential() {
            int caps = 0;
            for (int k = 0; k < size; k++) {
                if (upper[k]) {
                    caps++;
                }
            }
            int differential = size - caps;
            return differential > 0 && differential < size;
        }

        /** Python's str.isupper(): at least one cased character and none lower or title case. */
        private static boolean isUpper(String token) {
            boolean cased = false;
            for (int k = 0; k < token.length(); k++) {
                char c = token.charAt(k);
                if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
                    return false;
                }
                if (Character.isUpperCase(c)) {
                    cased = true;
                }
            }
            return cased;
        }

        /** Python's str.split() separators, including no-break spaces. */
        private static boolean isSpace(char c) {
            return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u001c' || c == '\u001d'
                    || c == '\u001e' || c == '\u001f' || c == '\u0085';
        }

        /** Python's string.punctuation. */
        static boolean isPunctuation(char c) {
            return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
        }
    }
}
