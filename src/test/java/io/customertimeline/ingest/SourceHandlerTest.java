package io.customertimeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one-line head of a summary, email body or post that the timeline shows. */
class SourceHandlerTest {

    @Test
    void whitespaceRunsFoldToOneSpaceOnOneLine() {
        assertThat(SourceHandler.head("  Hi team,\r\n\r\nmy order\t\tis late.  Thanks \n", 280))
                .isEqualTo("Hi team, my order is late. Thanks");
        assertThat(SourceHandler.head("already one line", 280)).isEqualTo("already one line");
    }

    @Test
    void aLongTextIsCutWithAnEllipsisAtTheLimit() {
        assertThat(SourceHandler.head("abcdef  ghij", 8)).isEqualTo("abcdef …");
        assertThat(SourceHandler.head("abcdef  gh", 9)).isEqualTo("abcdef gh");
        assertThat(SourceHandler.head(null, 8)).isNull();
    }
}
