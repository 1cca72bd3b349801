package io.customertimeline.system;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code DATABASE_URL} names an external PostgreSQL; without it the service runs its own embedded
 * one in the data directory.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(@Value("${DATABASE_URL:}") String databaseUrl, TimelineProperties props) {
        var ds = new HikariDataSource();
        ds.setPoolName("timeline");
        ds.setMaximumPoolSize(props.poolSize());
        ds.setConnectionInitSql("SET plan_cache_mode = " + props.dbPlanCacheMode().setting());
        // Strings go to the server untyped, as a null does, so a parameter that is null in one event
        // and text in the next keeps the statement the driver prepared; typed as varchar, each switch
        // made the driver parse and plan the statement again (a tenth of PostgreSQL's time per event)
        ds.addDataSourceProperty("stringtype", "unspecified");
        if (databaseUrl.isBlank()) {
            EmbeddedPostgres pg = EmbeddedPostgres.start(props.dataDir(), props.dbOsUser());
            ds.setJdbcUrl(pg.jdbcUrl());
            ds.setUsername(pg.username());
            ds.setPassword(pg.password());
            return new EmbeddedDataSource(ds, pg, props.ephemeralData() ? props.dataDir() : null);
        }
        ExternalDatabase db = ExternalDatabase.parse(databaseUrl);
        ds.setJdbcUrl(db.jdbcUrl());
        if (db.user() != null) {
            ds.setUsername(db.user());
        }
        if (db.password() != null) {
            ds.setPassword(db.password());
        }
        return ds;
    }

    /** A pool that stops its embedded server (and drops throw-away data) when closed. */
    static final class EmbeddedDataSource extends HikariDataSource {
        private final EmbeddedPostgres server;
        private final Path deleteOnClose;

        EmbeddedDataSource(HikariDataSource config, EmbeddedPostgres server, Path deleteOnClose) {
            super(config);
            this.server = server;
            this.deleteOnClose = deleteOnClose;
        }

        @Override
        public void close() {
            super.close();
            server.close();
            if (deleteOnClose != null) {
                try (Stream<Path> files = Files.walk(deleteOnClose)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** {@code postgresql://user:pass@host:port/db?opts} or a {@code jdbc:postgresql:} URL. */
    record ExternalDatabase(String jdbcUrl, String user, String password) {

        private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");
        private static final String ENCODE_HINT = " (in the user and password, write a space as %20, @ as %40, : as %3A,"
                + " / as %2F, # as %23)";
        private static final Pattern PORT_AND_REST = Pattern.compile("\\d*([/?#].*)?");

        static ExternalDatabase parse(String url) {
            if (url.startsWith("jdbc:postgresql:")) {
                return new ExternalDatabase(url, null, null);
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) { // its message repeats the whole URL, password and all
                throw new BadSetting("DATABASE_URL", "is not a valid postgresql:// URL: " + e.getReason() + " in " + shown(url)
                        + ENCODE_HINT); // not its index, which would tell where in the password a character is
            }
            if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
                throw new BadSetting("DATABASE_URL", "must start with postgresql://, postgres:// or jdbc:postgresql:");
            }
            if (uri.getHost() == null) {
                throw new BadSetting("DATABASE_URL", "is not a valid postgresql:// URL: no host name in " + shown(url)
                        + ENCODE_HINT);
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new ExternalDatabase("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user, password);
        }

        /**
         * The URL with its password as {@code ***}: between {@code user:} and the last {@code @}, in a
         * {@code password=} parameter, and, without an {@code @}, whatever stands after a colon where a
         * port should be. Errs towards hiding too much: a malformed URL is no place to find the edges.
         */
        static String shown(String url) {
            String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
            int start = s.indexOf("://") + 3;
            int colon = start < 3 ? -1 : s.indexOf(':', start);
            if (colon < 0) {
                return s;
            }
            int at = s.lastIndexOf('@');
            if (at > colon) {
                return s.substring(0, colon + 1) + "***" + s.substring(at);
            }
            return at < 0 && !PORT_AND_REST.matcher(s.substring(colon + 1)).matches() ? s.substring(0, colon + 1) + "***" : s;
        }
    }
}
