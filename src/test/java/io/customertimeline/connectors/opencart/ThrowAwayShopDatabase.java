package io.customertimeline.connectors.opencart;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real MariaDB/MySQL database holding an OpenCart schema, created for one test class and dropped
 * after it. The server is {@code OPENCART_TEST_SERVER} (a JDBC URL without database, default
 * {@code jdbc:mariadb://127.0.0.1:3306/?user=root}); tests are skipped, not failed, when none answers.
 */
public final class ThrowAwayShopDatabase implements AutoCloseable {

    static final String SERVER = System.getenv().getOrDefault("OPENCART_TEST_SERVER",
            "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=3000");

    final String name;
    private final String schemaResource;

    private ThrowAwayShopDatabase(String name, String schemaResource) {
        this.name = name;
        this.schemaResource = schemaResource;
    }

    /** Creates {@code oc_test_<random>} with the tables of {@code schemaResource}; skips the test when no server answers. */
    public static ThrowAwayShopDatabase create(String schemaResource) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER)) {
            assumeTrue(c.isValid(3), "no MariaDB/MySQL server answers");
        } catch (SQLException e) {
            String why = "OpenCart tests need a MariaDB/MySQL server at " + SERVER.replaceAll("password=[^&]*", "password=****")
                    + " (set OPENCART_TEST_SERVER, or start one: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd): "
                    + e.getMessage();
            System.err.println("SKIPPED: " + why);
            assumeTrue(false, why);
        }
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        var db = new ThrowAwayShopDatabase("oc_test_" + HexFormat.of().formatHex(random), schemaResource);
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + db.name + "` CHARACTER SET utf8mb4");
        }
        db.load(schemaResource);
        return db;
    }

    /** JDBC URL of this database for the reader, with the server's login. */
    public String jdbcUrl() {
        int q = SERVER.indexOf('?');
        String base = q < 0 ? SERVER : SERVER.substring(0, q);
        String query = q < 0 ? "" : SERVER.substring(q);
        return base.replaceAll("/$", "") + "/" + name + query;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    void load(String resource) {
        String sql;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*\\n")) {
                String body = statement.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip();
                if (!body.isEmpty()) {
                    s.execute(body);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not load " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Inserts a row giving only the columns that matter: every other {@code NOT NULL} column
     * without a default gets its type's empty value, as OpenCart's own code writes them.
     */
    public void insert(String table, Map<String, Object> values) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND IS_NULLABLE = 'NO'
                  AND COLUMN_DEFAULT IS NULL AND EXTRA NOT LIKE '%auto_increment%'""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    row.put(rs.getString(1), switch (type) {
                        case "int", "tinyint", "smallint", "bigint", "decimal" -> 0;
                        case "datetime" -> "2020-01-01 00:00:00";
                        case "date" -> "2020-01-01";
                        default -> "";
                    });
                }
            }
        }
        row.putAll(values);
        List<String> columns = new ArrayList<>(row.keySet());
        String sql = "INSERT INTO `" + table + "` (" + String.join(",", columns.stream().map(k -> "`" + k + "`").toList())
                + ") VALUES (" + String.join(",", columns.stream().map(k -> "?").toList()) + ")";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                ps.setObject(i + 1, row.get(columns.get(i)));
            }
            ps.executeUpdate();
        }
    }

    public void execute(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
