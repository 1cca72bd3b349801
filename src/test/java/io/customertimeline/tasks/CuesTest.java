package io.customertimeline.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cue words of every follow-up and due-date rule are a necessary condition of its pattern: no
 * text without one of them matches. Texts are built from the pattern's own literal pieces (so most
 * of its alternatives, and many matches, come up) with a few fillers; a cue list that forgets an
 * alternative ("phone" in "phone me") fails here with the text that matched without a cue.
 */
class CuesTest {

    private static final List<String> FILLERS =
            List.of("i", "you", "the", "we", "my", "please", "not", "it", "2", "15", "3", ".", "?", "!", "'", "-");
    private static final int TEXTS_PER_RULE = 60_000;

    record Checked(String name, Cues cues, Pattern pattern, boolean normalised) {
    }

    static List<Checked> everyRule() {
        List<Checked> all = new ArrayList<>();
        FollowUpRules.RULES.forEach(r -> all.add(new Checked(r.kind() + " " + r.speakers(), r.cues(), r.pattern(), true)));
        DueDates.from(TaskProperties.defaults()).rules()
                .forEach(r -> all.add(new Checked("due date " + r.pattern(), r.cues(), r.pattern(), false)));
        return all;
    }

    @Test
    void noRuleMatchesATextWithoutOneOfItsCues() {
        SplittableRandom random = new SplittableRandom(22);
        for (Checked rule : everyRule()) {
            List<String> pieces = Stream.concat(pieces(rule.pattern().pattern()).stream(), FILLERS.stream()).toList();
            int matched = 0;
            for (int i = 0; i < TEXTS_PER_RULE; i++) {
                String text = text(random, pieces);
                if (rule.normalised()) {
                    text = FollowUpRules.normalise(text);
                }
                if (rule.pattern().matcher(text).find()) {
                    matched++;
                    assertThat(rule.cues().in(text))
                            .as("%s matches \"%s\", which holds none of its cues", rule.name(), text).isTrue();
                }
            }
            assertThat(matched).as("texts built for %s that match it", rule.name()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void cuesAreFoundAnywhereInTheText() {
        Cues cues = Cues.of("call", "get back");
        assertThat(cues.in("please call me")).isTrue();
        assertThat(cues.in("a callback")).isTrue();
        assertThat(cues.in("can you get back to me")).isTrue();
        assertThat(cues.in("ring me tomorrow")).isFalse();
        assertThat(cues.in("")).isFalse();
    }

    /** The literal pieces of a regular expression: what is left between its operators, classes and groups. */
    static List<String> pieces(String regex) {
        String literal = regex.replaceAll("\\\\[bBdDsSwWRAzZ]", "|").replaceAll("\\(\\?(?:[:=!]|<=|<!|s\\))", "|");
        return Arrays.stream(literal.split("[()|?*+\\[\\]{}^$.\\\\]")).filter(p -> !p.isEmpty()).distinct().toList();
    }

    private static String text(SplittableRandom random, List<String> pieces) {
        StringBuilder text = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (i > 0 && random.nextBoolean()) {
                text.append(' ');
            }
            text.append(pieces.get(random.nextInt(pieces.size())));
        }
        return text.toString();
    }
}
