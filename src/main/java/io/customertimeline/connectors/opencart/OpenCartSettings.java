package io.customertimeline.connectors.opencart;

import io.customertimeline.connectors.SettingsFromEnvironment;
import io.customertimeline.connectors.SourceUrl;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the shop's database is and how to read it.
 *
 * <p>{@code OPENCART_DB_URL} takes {@code jdbc:mariadb://host:3306/db?user=..&password=..},
 * {@code jdbc:mysql://...} (read with the MariaDB driver) or {@code mysql://user:pass@host:3306/db}.
 * {@code OPENCART_DB_USER}/{@code OPENCART_DB_PASSWORD}, when set, win over the URL's.
 *
 * @param timezone the zone the shop writes its {@code DATETIME}s in; empty: the shop's own
 *                 {@code config_timezone} setting, else UTC (OpenCart's default)
 */
public record OpenCartSettings(String jdbcUrl, String user, String password, String prefix, int languageId,
                               Optional<ZoneId> timezone, int batchSize) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{0,32}");

    public OpenCartSettings {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("OPENCART_DB_PREFIX may only hold letters, digits and _");
        }
        if (languageId < 1) {
            throw new IllegalArgumentException("OPENCART_LANGUAGE_ID must be at least 1, not " + languageId);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("OPENCART_BATCH_SIZE must be at least 1, not " + batchSize);
        }
    }

    /** The settings the environment names, or empty when {@code OPENCART_DB_URL} is unset (connector off). */
    public static Optional<OpenCartSettings> fromEnvironment(Function<String, String> env) {
        var settings = new SettingsFromEnvironment(env);
        String url = env.apply("OPENCART_DB_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String user = null;
        String password = null;
        String jdbcUrl;
        String u = url.strip();
        if (u.startsWith("jdbc:mariadb:")) {
            jdbcUrl = u;
        } else if (u.startsWith("jdbc:mysql:")) {
            jdbcUrl = "jdbc:mariadb:" + u.substring("jdbc:mysql:".length());
        } else if (u.startsWith("mysql://") || u.startsWith("mariadb://")) {
            SourceUrl parsed = SourceUrl.parse(u);
            user = parsed.user();
            password = parsed.password();
            jdbcUrl = "jdbc:mariadb://" + parsed.host() + ":" + parsed.portOr(3306) + parsed.path()
                    + (parsed.query() == null ? "" : "?" + parsed.query());
        } else {
            throw new IllegalArgumentException("OPENCART_DB_URL must start with jdbc:mariadb:, jdbc:mysql:, mysql:// or mariadb://");
        }
        String envUser = env.apply("OPENCART_DB_USER");
        String envPassword = env.apply("OPENCART_DB_PASSWORD");
        if (envUser != null && !envUser.isBlank()) {
            user = envUser;
        }
        if (envPassword != null && !envPassword.isEmpty()) {
            password = envPassword;
        }
        String prefix = settings.text("OPENCART_DB_PREFIX", "oc_");
        int language = settings.wholeNumber("OPENCART_LANGUAGE_ID", 1);
        int batch = settings.wholeNumber("OPENCART_BATCH_SIZE", 500);
        Optional<ZoneId> zone = Optional.ofNullable(env.apply("OPENCART_TIMEZONE")).filter(s -> !s.isBlank()).map(s -> {
            try {
                return ZoneId.of(s.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("OPENCART_TIMEZONE is not a time zone: " + s);
            }
        });
        return Optional.of(new OpenCartSettings(jdbcUrl, user, password, prefix, language, zone, batch));
    }

    /** Driver properties: the login and time-outs, so a dead database fails a run instead of hanging it. */
    Properties driverProperties() {
        var props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10000");
        props.setProperty("socketTimeout", "300000");
        return props;
    }

    /** Every string that must never reach a log: the password, wherever it was given. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (password != null) {
            secrets.add(password);
        }
        var m = Pattern.compile("(?i)(?:[?&])password=([^&]*)").matcher(jdbcUrl);
        while (m.find()) {
            secrets.add(m.group(1));
        }
        return secrets;
    }

    /** The JDBC URL with its password masked. */
    public String displayUrl() {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q + 1) + SourceUrl.maskQuery(jdbcUrl.substring(q + 1));
    }

    @Override
    public String toString() {
        return "OpenCartSettings[url=" + displayUrl() + ", user=" + (user == null ? "-" : "****")
                + ", prefix=" + prefix + ", languageId=" + languageId + ", timezone=" + timezone.map(ZoneId::getId).orElse("shop")
                + ", batchSize=" + batchSize + "]";
    }

    public OpenCartSettings withBatchSize(int size) {
        return new OpenCartSettings(jdbcUrl, user, password, prefix, languageId, timezone, size);
    }
}
