package io.customertimeline.system;

import com.sun.management.OperatingSystemMXBean;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries on the classpath, with its cluster in a data
 * directory that survives restarts.
 *
 * <p>Unlike zonky's launcher it keeps PostgreSQL's durable defaults ({@code fsync},
 * {@code synchronous_commit}), protects the superuser with a generated password, runs the server
 * as an unprivileged user when this process is root (PostgreSQL refuses root), and adopts a server
 * left running by a previous process that was killed.
 *
 * <p>One service owns a data directory: it holds a lock on {@code service.lock} there for its life
 * (the operating system lets go of it when the process dies, even by kill -9). A second service
 * started on the same directory by mistake is refused, where it used to adopt the first one's
 * server and stop it on its way out. A one-off command (import) may still use a running service's
 * server, without the lock, and leaves it running.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";
    /** Longer than the application's graceful shutdown (spring.lifecycle.timeout-per-shutdown-phase, 30 s). */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(45);

    private final Path binDir;
    private final Path cluster;
    private final Path passwordFile;
    private final List<String> runAs;
    private final int port;
    private final String password;
    private volatile boolean stopped;
    private volatile boolean adopted;
    /** The data directory's lock, held while this server is ours to stop; null for a one-off command's borrowed server. */
    private FileChannel owner;

    private EmbeddedPostgres(Path binDir, Path cluster, List<String> runAs, int port, String password) {
        this.binDir = binDir;
        this.cluster = cluster;
        this.passwordFile = cluster.resolveSibling("postgres.password");
        this.runAs = runAs;
        this.port = port;
        this.password = password;
    }

    /** Starts (or adopts) the server whose cluster lives in {@code dataDir/postgres}. */
    public static EmbeddedPostgres start(Path dataDir, String osUser) {
        try {
            Path root = dataDir.toAbsolutePath().normalize();
            Files.createDirectories(root);
            Path cluster = root.resolve("postgres");
            List<String> runAs = isRoot() ? dropPrivileges(osUser) : List.of();
            if (!runAs.isEmpty()) {
                // the server's user must pass through our directory (its other files stay private)
                var perms = Files.getPosixFilePermissions(root);
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(root, perms);
            }
            Path binDir = extractBinaries();
            Path passwordFile = root.resolve("postgres.password");
            boolean borrowing = Boolean.getBoolean("timeline.embedded-postgres.leave-adopted-running");
            FileChannel owner = borrowing ? null : own(root);
            try {
                if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                    owner = owner != null ? owner : own(root);
                    initCluster(binDir, cluster, passwordFile, runAs, osUser);
                }
                String password = Files.readString(passwordFile).strip();
                Optional<Integer> running = runningPort(cluster);
                if (running.isPresent() && canConnect(running.get(), password)) {
                    log.info("Adopting the embedded PostgreSQL left running on port {} (data in {})", running.get(), cluster);
                    var adopted = new EmbeddedPostgres(binDir, cluster, runAs, running.get(), password);
                    adopted.adopted = true;
                    adopted.owner = owner;
                    return register(adopted);
                }
                owner = owner != null ? owner : own(root);
                if (running.isPresent() && !serverProcess(cluster)) {
                    // its process is alive but is not a PostgreSQL: after a reboot the id belongs to
                    // another program, and PostgreSQL would refuse to start over its lock file
                    log.warn("Removing a stale postmaster.pid: its process is alive, but no server of this data directory answers on port {}",
                            running.get());
                    Files.delete(cluster.resolve("postmaster.pid"));
                }
                int port = freePort();
                var pg = new EmbeddedPostgres(binDir, cluster, runAs, port, password);
                pg.owner = owner;
                pg.launch();
                return register(pg);
            } catch (IOException | RuntimeException e) {
                if (owner != null) {
                    HELD.remove(root.resolve("service.lock"));
                    owner.close();
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Takes the data directory's lock for this process, or says who holds it. Kept until
     * {@link #close} or the process's end.
     */
    private static FileChannel own(Path root) throws IOException {
        Path file = root.resolve("service.lock");
        if (HELD.contains(file)) {
            // this JVM holds it: opening or reading the file again and closing that handle would
            // release the lock for the whole process (POSIX record locks), so it is not touched
            throw inUse(root, String.valueOf(ProcessHandle.current().pid()));
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            if (channel.tryLock() != null) {
                channel.truncate(0).write(ByteBuffer.wrap(
                        (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                HELD.add(file);
                return channel;
            }
        } catch (OverlappingFileLockException thisProcess) {
            // held through another channel of this JVM: closing this one would release that lock too, so it stays open
            throw inUse(root, String.valueOf(ProcessHandle.current().pid()));
        } catch (IOException noLocks) {
            // a file system without locks (some network mounts): run as before, unguarded
            log.warn("Could not lock {} ({}); a second service on this data directory would not be refused", file, noLocks.getMessage());
            return channel;
        }
        channel.close();
        throw inUse(root, Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    /** The data directories' lock files this JVM holds. */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static BadSetting inUse(Path root, String holder) {
        return new BadSetting("TIMELINE_DATA_DIR", "(" + root + ") is in use: another Customer Timeline is running on it"
                + (holder.isEmpty() ? "" : " (process " + holder + ")")
                + " and owns its database. Stop that one first, or give this one a data directory of its own.");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        notifyAll();
        if (adopted && Boolean.getBoolean("timeline.embedded-postgres.leave-adopted-running")) {
            // a one-off command (import) used the server of a running service: leave it to the service
            log.info("Leaving the adopted embedded PostgreSQL running");
            return;
        }
        try {
            run(Duration.ofSeconds(60), pgCtl("stop", "-m", "fast", "-w", "-t", "60"));
            log.info("Embedded PostgreSQL stopped");
        } catch (RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            release();
        }
    }

    /** Lets go of the data directory's lock (as the end of this process would), leaving the server as it is. */
    void release() {
        if (owner != null) {
            try {
                HELD.remove(cluster.resolveSibling("service.lock"));
                owner.close();
            } catch (IOException e) {
                log.warn("Could not release the data directory's lock: {}", e.getMessage());
            }
        }
    }

    private static EmbeddedPostgres register(EmbeddedPostgres pg) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> pg.closeAfter(SHUTDOWN_GRACE), "embedded-postgres-stop"));
        return pg;
    }

    /**
     * The JVM is exiting. Shutdown hooks run side by side, and the application's own (graceful:
     * it finishes the requests in flight, then closes the pool, which closes this server) must not
     * find the database gone: wait for it up to {@code grace}, then stop the server regardless.
     */
    void closeAfter(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            try {
                for (long left = grace.toNanos(); !stopped && left > 0; left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    private void launch() throws IOException {
        Files.writeString(cluster.resolve("timeline.conf"), """
                # written by Customer Timeline at every start; ALTER SYSTEM (postgresql.auto.conf) overrides it
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = ''
                # Checkpoints by time rather than by WAL volume: with the default 1GB a sustained
                # import or burst reached it every 40-60 s, and each checkpoint restarts the full-page
                # images of every page touched after it (1.6-2.2x the WAL; BENCHMARKS.md, eleventh round).
                max_wal_size = 4GB
                checkpoint_timeout = 15min
                # Its own buffer pool rather than PostgreSQL's 128MB and the OS page cache: a host
                # short of memory (or a VM that reclaims idle page cache, as the benchmark's does
                # after a minute) turns reads into disk reads that stalled for seconds.
                shared_buffers = %dMB
                """.formatted(port, sharedBuffersMb(physicalMemory())));
        log.info("Starting embedded PostgreSQL on 127.0.0.1:{} (data in {})", port, cluster);
        run(Duration.ofSeconds(90), pgCtl("start", "-w", "-t", "80", "-l", cluster.resolve("server.log").toString()));
    }

    /**
     * A quarter of the machine's memory, as PostgreSQL's documentation advises for a dedicated
     * server, between its own default (128 MB) and 2 GB, which holds the working set of a shop
     * with a million touchpoints. Pages are only taken as they are read.
     */
    static long sharedBuffersMb(long physicalBytes) {
        return Math.max(128, Math.min(2048, physicalBytes / 4 / (1024 * 1024)));
    }

    static long physicalMemory() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }

    private List<String> pgCtl(String... args) {
        List<String> command = new ArrayList<>(runAs);
        command.add(binDir.resolve("bin/pg_ctl").toString());
        command.add("-D");
        command.add(cluster.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void initCluster(Path binDir, Path cluster, Path passwordFile, List<String> runAs, String osUser)
            throws IOException {
        log.info("Creating the embedded PostgreSQL cluster in {}", cluster);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Files.writeString(passwordFile, HexFormat.of().formatHex(secret));
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(cluster);
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
        Path pwfile = cluster.resolveSibling(".initdb-password");
        Files.copy(passwordFile, pwfile, StandardCopyOption.REPLACE_EXISTING);
        try {
            if (!runAs.isEmpty()) {
                run(Duration.ofSeconds(30), List.of("chown", "-R", osUser + ":", cluster.toString(), pwfile.toString()));
                checkReachable(cluster.getParent(), runAs, osUser);
            }
            List<String> command = new ArrayList<>(runAs);
            command.addAll(List.of(binDir.resolve("bin/initdb").toString(), "-D", cluster.toString(),
                    "-U", SUPERUSER, "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C"));
            run(Duration.ofMinutes(3), command);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        Files.writeString(cluster.resolve("postgresql.conf"), "\ninclude_if_exists = 'timeline.conf'\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static void checkReachable(Path dir, List<String> runAs, String osUser) {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of("test", "-w", dir.resolve("postgres").toString()));
        try {
            run(Duration.ofSeconds(10), command);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The embedded database runs as the unprivileged user '" + osUser
                    + "' because this process is root, and that user cannot reach " + dir
                    + ". Set TIMELINE_DATA_DIR to a directory whose parents are searchable by others (e.g. /var/lib/customer-timeline)");
        }
    }

    private static Optional<Integer> runningPort(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).strip());
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
    }

    /**
     * Whether the process {@code postmaster.pid} names is a PostgreSQL server (one left by a killed
     * service may still be recovering or shutting down and not answer yet: its file must stay, and
     * PostgreSQL's own checks then refuse a second server). Unknown counts as one.
     */
    private static boolean serverProcess(Path cluster) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).strip());
        return ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres")).orElse(true);
    }

    private static boolean canConnect(int port, String password) {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, password)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Binaries are shared by every data directory of this version, unpacked once per machine. */
    private static Path extractBinaries() throws IOException {
        String arch = ArchUtils.normalize(System.getProperty("os.arch"));
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "customer-timeline-pg-" + binariesVersion() + "-" + arch);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".staging");
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch);
             var tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("Unsafe entry in PostgreSQL bundle: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(staging.resolve(".complete"));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.exists(target.resolve(".complete"))) {
                throw raced;
            }
        }
        return target;
    }

    private static String binariesVersion() {
        var bundle = DefaultPostgresBinaryResolver.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        return bundle == null ? "unknown" : Integer.toHexString(bundle.toString().hashCode());
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static List<String> dropPrivileges(String osUser) {
        String uid = run(Duration.ofSeconds(10), List.of("id", "-u", osUser)).strip();
        String gid = run(Duration.ofSeconds(10), List.of("id", "-g", osUser)).strip();
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
    }

    private static String run(Duration timeout, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(Math.max(0, command.size() - 6), command.size()))
                        + " failed (" + p.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
