package io.customertimeline.connectors.opencart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenCartSettingsTest {

    @Test
    void connectorIsOffWithoutUrl() {
        assertThat(OpenCartSettings.fromEnvironment(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void mysqlUrlWithUserInfoBecomesMariaDbJdbcUrlAndLogin() {
        var s = OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", "mysql://shop:p%40ss:w0rd@db.example.co.za:3307/opencart")::get)
                .orElseThrow();

        assertThat(s.jdbcUrl()).isEqualTo("jdbc:mariadb://db.example.co.za:3307/opencart");
        assertThat(s.user()).isEqualTo("shop");
        assertThat(s.password()).isEqualTo("p@ss:w0rd");
        assertThat(s.prefix()).isEqualTo("oc_");
        assertThat(s.languageId()).isEqualTo(1);
        assertThat(s.toString()).doesNotContain("p@ss").doesNotContain("shop:");
    }

    @Test
    void jdbcMysqlUrlIsReadWithTheMariaDbDriver() {
        var s = OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", "jdbc:mysql://db:3306/shop?user=oc&password=hunter2")::get)
                .orElseThrow();

        assertThat(s.jdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/shop?user=oc&password=hunter2");
        assertThat(s.displayUrl()).isEqualTo("jdbc:mariadb://db:3306/shop?user=****&password=****");
        assertThat(s.secrets()).contains("hunter2");
    }

    @Test
    void prefixLanguageTimezoneAndBatchSizeAreRead() {
        var s = OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", "jdbc:mariadb://db/shop",
                "OPENCART_DB_PREFIX", "shop_", "OPENCART_LANGUAGE_ID", "2", "OPENCART_TIMEZONE", "Africa/Johannesburg",
                "OPENCART_BATCH_SIZE", "50")::get).orElseThrow();

        assertThat(s.prefix()).isEqualTo("shop_");
        assertThat(s.languageId()).isEqualTo(2);
        assertThat(s.timezone()).contains(ZoneId.of("Africa/Johannesburg"));
        assertThat(s.batchSize()).isEqualTo(50);
    }

    @Test
    void prefixThatCouldInjectSqlIsRefused() {
        assertThatThrownBy(() -> OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", "jdbc:mariadb://db/shop",
                "OPENCART_DB_PREFIX", "oc_`; DROP TABLE x; --")::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownUrlSchemeIsRefusedWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", "postgres://u:topsecret@h/db")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("topsecret");
    }

    @Test
    void languageIdOrBatchSizeUnderOneTurnsTheConnectorOffNamingTheVariable() {
        assertThatThrownBy(() -> OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", "jdbc:mariadb://db/shop",
                "OPENCART_LANGUAGE_ID", "0")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OPENCART_LANGUAGE_ID must be at least 1, not 0");
        assertThatThrownBy(() -> OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", "jdbc:mariadb://db/shop",
                "OPENCART_BATCH_SIZE", "-5")::get))
                .hasMessage("OPENCART_BATCH_SIZE must be at least 1, not -5");
    }
}
