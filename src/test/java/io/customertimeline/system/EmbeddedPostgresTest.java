package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @TempDir
    Path data;

    private static Connection connect(EmbeddedPostgres pg) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
    }

    @Test
    void dataSurvivesARestartWithDurabilityOnAndCheckpointsSpacedByTime() throws Exception {
        try (var pg = EmbeddedPostgres.start(data, "nobody"); var c = connect(pg); var s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }
        try (var pg = EmbeddedPostgres.start(data, "nobody"); var c = connect(pg); var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT v, current_setting('fsync'), current_setting('synchronous_commit'), "
                    + "current_setting('full_page_writes'), current_setting('max_wal_size'), current_setting('checkpoint_timeout'), "
                    + "pg_size_bytes(current_setting('shared_buffers')) / 1048576 FROM kept");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("still here");
            assertThat(rs.getString(2)).isEqualTo("on");
            assertThat(rs.getString(3)).isEqualTo("on");
            assertThat(rs.getString(4)).isEqualTo("on");
            assertThat(rs.getString(5)).as("checkpoints spaced by time, not by 1GB of WAL").isEqualTo("4GB");
            assertThat(rs.getString(6)).isEqualTo("15min");
            assertThat(rs.getLong(7)).as("its own buffer pool, sized to this machine")
                    .isEqualTo(EmbeddedPostgres.sharedBuffersMb(EmbeddedPostgres.physicalMemory()));
        }
    }

    @Test
    void theBufferPoolIsAQuarterOfMemoryBetweenPostgresDefaultAndTwoGigabytes() {
        long gb = 1L << 30;
        assertThat(EmbeddedPostgres.sharedBuffersMb(gb / 4)).isEqualTo(128);
        assertThat(EmbeddedPostgres.sharedBuffersMb(2 * gb)).isEqualTo(512);
        assertThat(EmbeddedPostgres.sharedBuffersMb(24 * gb)).isEqualTo(2048);
    }

    @Test
    void anOperatorsAlterSystemWinsOverTheBufferPoolWeChoose() throws Exception {
        try (var pg = EmbeddedPostgres.start(data, "nobody"); var c = connect(pg); var s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET shared_buffers = '96MB'");
        }
        try (var pg = EmbeddedPostgres.start(data, "nobody"); var c = connect(pg); var s = c.createStatement()) {
            var rs = s.executeQuery("SHOW shared_buffers");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("96MB");
        }
    }

    @Test
    void aServerLeftRunningByAKilledProcessIsAdopted() throws Exception {
        var orphan = EmbeddedPostgres.start(data, "nobody");   // never closed: as if the JVM died with kill -9
        orphan.release();                                       // which lets go of the data directory's lock
        try (var next = EmbeddedPostgres.start(data, "nobody"); var c = connect(next)) {
            assertThat(next.port()).isEqualTo(orphan.port());
            assertThat(c.isValid(2)).isTrue();
        } finally {
            orphan.close(); // its JVM is gone in the story; here its exit hook would hold this JVM's exit for the grace
        }
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsItsDatabase() throws Exception {
        try (var first = EmbeddedPostgres.start(data, "nobody")) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(data, "nobody"))
                    .isInstanceOf(BadSetting.class).hasMessageContaining("another Customer Timeline is running on it")
                    .hasMessageContaining("process " + ProcessHandle.current().pid());
            try (var c = connect(first)) {
                assertThat(c.isValid(2)).as("the first one's database was left alone").isTrue();
            }
        }
        try (var after = EmbeddedPostgres.start(data, "nobody"); var c = connect(after)) {
            assertThat(c.isValid(2)).as("once the first has stopped, the directory is free").isTrue();
        }
    }

    @Test
    void aStalePidFileNamingAnotherLiveProgramDoesNotStopTheStart() throws Exception {
        EmbeddedPostgres.start(data, "nobody").close();
        // after a reboot the pid in the file can belong to any program: here, this JVM
        Files.writeString(data.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n" + data.resolve("postgres")
                + "\n1700000000\n5999\n\n127.0.0.1\n0 0\nready\n");
        try (var pg = EmbeddedPostgres.start(data, "nobody"); var c = connect(pg)) {
            assertThat(c.isValid(2)).isTrue();
            assertThat(pg.port()).isNotEqualTo(5999);
        }
    }

    @Test
    void onJvmExitTheServerOutlivesTheApplicationsGracefulShutdown() throws Exception {
        try (var pg = EmbeddedPostgres.start(data, "nobody")) {
            Thread hook = new Thread(() -> pg.closeAfter(java.time.Duration.ofSeconds(30)));
            hook.start();
            hook.join(500);
            // requests still in flight during the application's shutdown reach the database
            try (var c = connect(pg)) {
                assertThat(c.isValid(2)).isTrue();
            }
            assertThat(hook.isAlive()).isTrue();

            pg.close(); // the application closed its pool: the hook has nothing left to wait for
            hook.join(5_000);
            assertThat(hook.isAlive()).isFalse();
        }
    }

    @Test
    void onJvmExitTheServerStopsAfterTheGraceEvenIfNothingClosedIt() throws Exception {
        var pg = EmbeddedPostgres.start(data, "nobody");
        pg.closeAfter(java.time.Duration.ofMillis(200));
        assertThatThrownBy(() -> connect(pg).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void superuserNeedsThePasswordAndTheFileIsPrivate() throws Exception {
        try (var pg = EmbeddedPostgres.start(data, "nobody")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("postgres.password")))).isEqualTo("rw-------");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), "postgres", "guess").close())
                    .isInstanceOf(SQLException.class);
        }
    }
}
