package io.customertimeline.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceExceptionTest {

    @Test
    void aUserNameOfTwoOrThreeCharactersIsMaskedWhereItStandsAloneNotInsideEveryWord() {
        String said = SourceException.scrub("Couldn't connect to host, port: imap.example.co.za, 993; timeout 15000; user me:",
                List.of("me", "s3cret-passw0rd"));
        assertThat(said).contains("timeout 15000").contains("user ****:").doesNotContain(" me:");
    }

    @Test
    void aLongSecretIsMaskedWhereverItAppears() {
        assertThat(SourceException.scrub("AUTHENTICATE failed for xs3cret-passw0rdx", List.of("s3cret-passw0rd")))
                .isEqualTo("AUTHENTICATE failed for x****x");
    }
}
