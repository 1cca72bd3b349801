package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SecretsAndUrlsTest {

    @TempDir
    Path data;

    private TimelineProperties props() {
        var source = new MapConfigurationPropertySource(java.util.Map.of("timeline.data-dir", data.toString()));
        return new Binder(source).bindOrCreate("timeline", TimelineProperties.class);
    }

    @Test
    void generatedSecretIsStoredPrivatelyAndStableAcrossStarts() throws Exception {
        String first = new Secrets(props()).get("TIMELINE_API_KEY", null, "tl_");
        String again = new Secrets(props()).get("TIMELINE_API_KEY", "", "tl_");
        assertThat(first).startsWith("tl_").hasSizeGreaterThan(40).isEqualTo(again);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secrets.properties")))).isEqualTo("rw-------");
        assertThat(new Secrets(props()).get("TIMELINE_API_KEY", "configured", "tl_")).isEqualTo("configured");
    }

    @Test
    void secretsCompareExactly() {
        assertThat(Secrets.matches("abc", "abc")).isTrue();
        assertThat(Secrets.matches("abd", "abc")).isFalse();
        assertThat(Secrets.matches("ab", "abc")).isFalse();
        assertThat(Secrets.matches(null, "abc")).isFalse();
    }

    @Test
    void databaseUrlTakesTheUsualForms() {
        var pg = DatabaseConfig.ExternalDatabase.parse("postgresql://shop:p%40ss@db.internal:6543/timeline?sslmode=require");
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/timeline?sslmode=require");
        assertThat(pg.user()).isEqualTo("shop");
        assertThat(pg.password()).isEqualTo("p@ss");
        assertThat(DatabaseConfig.ExternalDatabase.parse("postgres://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(DatabaseConfig.ExternalDatabase.parse("jdbc:postgresql://h:5432/db?user=a").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/db?user=a");
        assertThatThrownBy(() -> DatabaseConfig.ExternalDatabase.parse("mysql://h/db")).hasMessageContaining("DATABASE_URL");
    }

    @Test
    void malformedDatabaseUrlIsRefusedWithItsPasswordHidden() {
        assertThatThrownBy(() -> DatabaseConfig.ExternalDatabase.parse("postgresql://bob:hunter2 secret@localhost:5432/db"))
                .isInstanceOf(BadSetting.class)
                .hasMessageStartingWith("DATABASE_URL is not a valid postgresql:// URL: Illegal character in authority")
                .hasMessageContaining("postgresql://bob:***@localhost:5432/db")
                .message().doesNotContain("hunter2");
    }

    @Test
    void databaseUrlWithoutAHostIsRefusedWithItsPasswordHidden() {
        for (String url : new String[] {"postgresql://bob:hunter2@/db", "postgresql://bob:hunter2@my_db:5432/db",
                "postgresql://bob:hunter2", "postgresql://bob:hunter2#x@db/shop"}) {
            assertThatThrownBy(() -> DatabaseConfig.ExternalDatabase.parse(url)).as(url)
                    .isInstanceOf(BadSetting.class)
                    .hasMessageContaining("DATABASE_URL is not a valid postgresql:// URL")
                    .message().doesNotContain("hunter2");
        }
    }

    @Test
    void aPasswordParameterIsHiddenToo() {
        assertThat(DatabaseConfig.ExternalDatabase.shown("postgresql://db/shop?user=bob&password=hunter2&sslmode=require"))
                .isEqualTo("postgresql://db/shop?user=bob&password=***&sslmode=require");
        assertThat(DatabaseConfig.ExternalDatabase.shown("postgresql://bob@db:5432/shop")).isEqualTo("postgresql://bob@db:5432/shop");
    }
}
