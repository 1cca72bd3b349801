package io.customertimeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the benchmarked database is: the embedded PostgreSQL of a data directory (port from its
 * {@code postmaster.pid}, password from {@code postgres.password}) or an explicit JDBC URL.
 */
record BenchDb(String url, String user, String password) {

    static BenchDb of(Args args) {
        if (args.has("jdbc-url")) {
            return new BenchDb(args.get("jdbc-url", null), args.get("db-user", "postgres"), args.get("db-password", ""));
        }
        return ofDataDir(Path.of(args.get("data-dir", "target/bench-data")));
    }

    static BenchDb ofDataDir(Path dataDir) {
        try {
            Path root = dataDir.toAbsolutePath().normalize();
            List<String> pid = Files.readAllLines(root.resolve("postgres/postmaster.pid"));
            int port = Integer.parseInt(pid.get(3).strip());
            String password = Files.readString(root.resolve("postgres.password")).strip();
            return new BenchDb("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
        } catch (IOException e) {
            throw new UncheckedIOException("No running embedded PostgreSQL in " + dataDir + " (start the service on it first)", e);
        }
    }

    int port() {
        String rest = url.substring(url.indexOf("//") + 2);
        return Integer.parseInt(rest.substring(rest.indexOf(':') + 1, rest.indexOf('/')));
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        String host = c.getMetaData().getURL();
        if (!host.contains("//127.") && !host.contains("//localhost") && !host.contains("//[::1]")) {
            c.close();
            throw new IllegalArgumentException("Benchmarks run against loopback databases only: " + host);
        }
        return c;
    }
}
