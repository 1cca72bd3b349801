package io.customertimeline.users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Switches an admin sets for everyone (stored in the database, so every instance agrees). */
@Component
public class DashboardSettings {

    private final JdbcClient jdbc;

    DashboardSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean viewersMayExport() {
        return jdbc.sql("SELECT value FROM dashboard_settings WHERE key = 'viewers_may_export'")
                .query(String.class).optional().map(Boolean::parseBoolean).orElse(true);
    }

    public void setViewersMayExport(boolean allowed) {
        jdbc.sql("""
                INSERT INTO dashboard_settings (key, value) VALUES ('viewers_may_export', :v)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """).param("v", Boolean.toString(allowed)).update();
    }
}
