package io.customertimeline.connectors.quotechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QuoteChatSettingsTest {

    private static final String URL = "https://project.supabase.co";

    @Test
    void pageSizeDefaultsToAThousand() {
        var s = QuoteChatSettings.fromEnvironment(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_URL", URL,
                "AUDICO_CHAT_QUOTE_SUPABASE_KEY", "key")::get).orElseThrow();

        assertThat(s.pageSize()).isEqualTo(1000);
        assertThat(s.restUrl()).hasToString("https://project.supabase.co/rest/v1/");
    }

    @Test
    void pageSizeUnderOneOrNotANumberTurnsTheConnectorOffNamingTheVariable() {
        assertThatThrownBy(() -> QuoteChatSettings.fromEnvironment(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_URL", URL,
                "AUDICO_CHAT_QUOTE_SUPABASE_KEY", "key", "AUDICO_CHAT_QUOTE_PAGE_SIZE", "0")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AUDICO_CHAT_QUOTE_PAGE_SIZE must be at least 1, not 0");
        assertThatThrownBy(() -> QuoteChatSettings.fromEnvironment(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_URL", URL,
                "AUDICO_CHAT_QUOTE_SUPABASE_KEY", "key", "AUDICO_CHAT_QUOTE_PAGE_SIZE", "1k")::get))
                .hasMessage("AUDICO_CHAT_QUOTE_PAGE_SIZE must be a whole number: 1k");
    }
}
