package io.customertimeline.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ImapSettingsTest {

    @Test
    void gmailUrlWithRawAtInTheUserIsUnderstoodAndMaskedWhenShown() {
        var s = ImapSettings.fromEnvironment(Map.of("TIMELINE_IMAP_URL", "imaps://sales@audico.co.za:abcd efgh ijkl mnop@imap.gmail.com:993")::get)
                .orElseThrow();

        assertThat(s.tls()).isTrue();
        assertThat(s.user()).isEqualTo("sales@audico.co.za");
        assertThat(s.password()).isEqualTo("abcd efgh ijkl mnop");
        assertThat(s.host()).isEqualTo("imap.gmail.com");
        assertThat(s.port()).isEqualTo(993);
        assertThat(s.inbox()).isEqualTo("INBOX");
        assertThat(s.sent()).isEmpty();
        assertThat(s.readSent()).isTrue();
        assertThat(s.toString()).isEqualTo("ImapSettings[url=imaps://****@imap.gmail.com:993, inbox=INBOX, sent=(auto), batchSize=100]");
    }

    @Test
    void percentEncodedUserAndDefaultPortWork() {
        var s = ImapSettings.fromEnvironment(Map.of("TIMELINE_IMAP_URL", "imaps://me%40shop.co.za:p%3Ass@mail.shop.co.za",
                "TIMELINE_IMAP_SENT", "Sent Items")::get).orElseThrow();

        assertThat(s.user()).isEqualTo("me@shop.co.za");
        assertThat(s.password()).isEqualTo("p:ss");
        assertThat(s.port()).isEqualTo(993);
        assertThat(s.sent()).contains("Sent Items");
    }

    @Test
    void urlWithoutPasswordIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ImapSettings.fromEnvironment(Map.of("TIMELINE_IMAP_URL", "imaps://onlyuser@imap.gmail.com")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("onlyuser");
        assertThat(ImapSettings.fromEnvironment(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void batchSizeUnderOneOrNotANumberTurnsTheConnectorOffNamingTheVariable() {
        String url = "imaps://me:secret@imap.gmail.com";
        assertThatThrownBy(() -> ImapSettings.fromEnvironment(Map.of("TIMELINE_IMAP_URL", url, "TIMELINE_IMAP_BATCH_SIZE", "0")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TIMELINE_IMAP_BATCH_SIZE must be at least 1, not 0");
        assertThatThrownBy(() -> ImapSettings.fromEnvironment(Map.of("TIMELINE_IMAP_URL", url, "TIMELINE_IMAP_BATCH_SIZE", "lots")::get))
                .hasMessage("TIMELINE_IMAP_BATCH_SIZE must be a whole number: lots");
    }
}
