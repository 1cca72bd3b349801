package io.customertimeline.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives the real HTTP API of a service on this machine and reports latency percentiles
 * (HdrHistogram) and throughput.
 *
 * <ul>
 * <li>{@code --mode=closed --clients=N}: N clients, each sends its next request when the last
 * one is answered.</li>
 * <li>{@code --mode=open --rate=R}: requests are due at fixed intervals whatever the service
 * does; latency is measured from the time a request was due, so a stalled service is charged
 * for the requests it held up (no coordinated omission). When the service falls so far behind
 * that requests due within the run are still unsent at its end, the run stops there: each of
 * them is charged with its wait until then (a lower bound) and counted as not sent, so a run on
 * a slow machine still ends on time.</li>
 * </ul>
 * Workloads: {@code ingest} ({@code /api/sync}: new events for existing customers skewed
 * towards active ones, new customers, order status changes, repeated deliveries), {@code webhook}
 * (the same events through {@code /api/webhooks/timeline} with its secret, from TIMELINE_WEBHOOK_SECRET
 * or the data dir; {@code --webhook-ids}: each delivery with a {@code webhook-id}, so the inbox
 * checks it for a repeat), {@code call} (calls in our plain format through
 * {@code /api/integrations/call-system} with CALL_SYSTEM_WEBHOOK_SECRET; {@code --webhook-ids} too),
 * {@code seed-ingest} (the same events through the seed baseline), {@code timeline},
 * {@code seed-timeline}, {@code profile}, {@code dashboard} (profile then first timeline page),
 * {@code dashboard-page} (the dashboard's own customer page, rendered for a signed-in person),
 * {@code search}, {@code recent}, {@code top}, {@code attention}, {@code noop} and
 * {@code health} (HTTP ceilings). Targets must be loopback; every run is bounded by
 * {@code --duration} (at most 600 s) and {@code --requests}. After an ingest run, every
 * acknowledged event is looked up in the database. With {@code --service-pids} naming one
 * instance of the bench build, each run also reports what the service allocated per answered
 * request and how often and how long its collector paused it ({@code /api/bench/jvm}).
 */
public final class LoadTool {

    private static final Pattern SYNC_ACTION = Pattern.compile("\\{\"action\":\"sync_([a-z_]+)\"");
    private static final Pattern INTERACTION_ID = Pattern.compile("\"interaction_id\":\"([0-9a-f-]{36})\"");
    private static final long MAX_DURATION_S = 600;
    /** Open loop: how late the sender may be at the end of a run before the requests still due are given up. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Args args;
    private final URI target;
    private final String key;
    private final String workload;
    private final RawHttp http;
    private RawHttp pages;
    private final RawHttp webhooks;
    private final long baseSeed;
    private final long runId = System.currentTimeMillis() / 1000;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentHistogram> histograms = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    /** Open loop, by operation: requests due within the run that were never sent because the service fell behind. */
    private final Map<String, AtomicLong> unsent = new ConcurrentHashMap<>();
    private final AtomicLong ok = new AtomicLong();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private volatile String lastError;

    // customers to read and write, weighted by their number of interactions
    private String[] emails;
    private String[] phones;
    private String[] names;
    private long[] cumulative;
    private final AtomicReferenceArray<String> recentOrders = new AtomicReferenceArray<>(4096);
    private final AtomicReferenceArray<String> recentBodies = new AtomicReferenceArray<>(4096);

    public static void main(String[] argv) throws Exception {
        new LoadTool(new Args(argv)).run();
        System.exit(0);
    }

    LoadTool(Args args) throws IOException {
        this.args = args;
        this.target = URI.create(args.get("target", "http://127.0.0.1:8080"));
        InetAddress host = InetAddress.getByName(target.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("The load tool only targets loopback addresses, not " + target.getHost());
        }
        this.key = secret("key", "TIMELINE_API_KEY");
        this.workload = args.get("workload", "timeline");
        this.http = new RawHttp(target.getHost(), target.getPort(), key);
        // each inbound endpoint takes its own secret, with the Bearer scheme it accepts beside signatures
        this.webhooks = switch (workload) {
            case "webhook" -> new RawHttp(target.getHost(), target.getPort(), secret("webhook-secret", "TIMELINE_WEBHOOK_SECRET"));
            case "call" -> new RawHttp(target.getHost(), target.getPort(), secret("call-secret", "CALL_SYSTEM_WEBHOOK_SECRET"));
            default -> null;
        };
        this.baseSeed = args.whole("seed", 7);
    }

    /** A secret from --option, else the environment variable, else the service's data dir (secrets.properties). */
    private String secret(String option, String name) throws IOException {
        if (args.has(option)) {
            return args.get(option, null);
        }
        if (System.getenv(name) != null) {
            return System.getenv(name);
        }
        Path dataDir = Path.of(args.get("data-dir", "target/bench-data"));
        var secrets = new java.util.Properties(); // a properties file: '=' and ':' inside a value are escaped
        try (var in = Files.newBufferedReader(dataDir.resolve("secrets.properties"))) {
            secrets.load(in);
        }
        String value = secrets.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("no " + name + " in " + dataDir + "/secrets.properties; pass --" + option);
        }
        return value.strip();
    }

    void run() throws Exception {
        loadCustomers();
        String mode = args.get("mode", "closed");
        long duration = Math.min(MAX_DURATION_S, args.whole("duration", 20));
        long warmup = Math.min(60, args.whole("warmup", 3));
        long maxRequests = args.whole("requests", Long.MAX_VALUE);
        String load;
        long t0;
        long elapsedNanos;
        Cpu cpu = new Cpu(args.get("service-pids", ""), args.get("db-pid", ""));
        long[] cpuAtStart = null;
        long[] machineAtStart = null;
        long[] jvmAtStart;
        if (mode.equals("open")) {
            double rate = args.decimal("rate", 500);
            load = (long) rate + "/s";
            if (warmup > 0) {
                openLoop(rate, warmup, Long.MAX_VALUE, false);
            }
            jvmAtStart = jvmCounters(cpu);
            t0 = System.nanoTime();
            cpuAtStart = cpu.ticks();
            machineAtStart = Cpu.machineTicks();
            openLoop(rate, duration, maxRequests, true);
        } else {
            int clients = args.integer("clients", 32);
            load = clients + " clients";
            if (warmup > 0) {
                closedLoop(clients, warmup, Long.MAX_VALUE, false);
            }
            jvmAtStart = jvmCounters(cpu);
            t0 = System.nanoTime();
            cpuAtStart = cpu.ticks();
            machineAtStart = Cpu.machineTicks();
            closedLoop(clients, duration, maxRequests, true);
        }
        elapsedNanos = System.nanoTime() - t0;
        double[] cpuMs = cpu.since(cpuAtStart);
        long[] jvmAtEnd = jvmAtStart == null ? null : jvmCounters(cpu);
        long[] jvm = jvmAtEnd == null ? null
                : new long[] {jvmAtEnd[0] - jvmAtStart[0], jvmAtEnd[1] - jvmAtStart[1], jvmAtEnd[2] - jvmAtStart[2]};
        report(mode, load, elapsedNanos, cpuMs, Cpu.diskWaitPercentSince(machineAtStart), jvm);
        if (List.of("ingest", "webhook", "call").contains(workload) && !args.flag("no-verify")) {
            verifyCommitted();
        }
    }

    // ------------------------------------------------------------------ loops

    private void closedLoop(int clients, long seconds, long maxRequests, boolean record) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline && sent.incrementAndGet() <= maxRequests) {
                    long n = sequence.incrementAndGet();
                    long start = System.nanoTime();
                    execute(n, start, record);
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(seconds + 60));
        }
    }

    private void openLoop(double rate, long seconds, long maxRequests, boolean record) throws InterruptedException {
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        int maxInFlight = args.integer("max-in-flight", 512);
        Semaphore inFlight = new Semaphore(maxInFlight);
        ExecutorService workers = Executors.newFixedThreadPool(maxInFlight);
        long k = 0;
        try {
            while (k < maxRequests) {
                long due = start + k * interval;
                if (due >= deadline) {
                    break;
                }
                long now = System.nanoTime();
                if (now >= deadline + STOP_GRACE_NANOS) { // behind: every request still due is charged its wait so far
                    long last = Math.min(maxRequests, (deadline - start + interval - 1) / interval);
                    for (; record && k < last; k++) {
                        long waited = (now - (start + k * interval)) / 1000;
                        String op = op(sequence.get() + k);
                        histograms.computeIfAbsent(op, x -> new ConcurrentHistogram(3)).recordValue(Math.max(1, waited));
                        unsent.computeIfAbsent(op, x -> new AtomicLong()).incrementAndGet();
                    }
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire(); // if the service falls behind, requests queue here and their wait is counted
                long n = sequence.incrementAndGet();
                workers.execute(() -> {
                    try {
                        execute(n, due, record);
                    } finally {
                        inFlight.release();
                    }
                });
                k++;
            }
        } finally {
            workers.shutdown();
            workers.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        }
    }

    /** One unit of the workload; latency from {@code intendedStart} (open loop: when it was due). */
    private void execute(long n, long intendedStart, boolean record) {
        SplittableRandom r = new SplittableRandom(baseSeed * 1_000_003L + n * 0x9E3779B97F4A7C15L);
        try {
            switch (workload) {
                case "ingest", "webhook", "call" -> {
                    String id = args.flag("webhook-ids") ? "lt" + runId + "-" + n : null;
                    RawHttp.Response res = switch (workload) {
                        case "ingest" -> post("/api/sync", ingestBody(r, n));
                        case "webhook" -> webhooks.post("/api/webhooks/timeline", asWebhook(ingestBody(r, n)), id);
                        default -> webhooks.post("/api/integrations/call-system", callBody(r, n), id);
                    };
                    if (record) {
                        Matcher m = INTERACTION_ID.matcher(res.body());
                        if (res.status() / 100 == 2 && m.find()) {
                            acknowledged.add(m.group(1));
                        }
                        int o = res.body().indexOf("\"outcome\":\"");
                        if (o >= 0) {
                            String outcome = res.body().substring(o + 11, res.body().indexOf('"', o + 11));
                            outcomes.computeIfAbsent(outcome, x -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    done(workload, res, intendedStart, record);
                }
                case "seed-ingest" -> done("seed-ingest", post("/api/bench/seed/sync", ingestBody(r, n)), intendedStart, record);
                case "timeline" -> done("timeline", get("/api/timeline?action=timeline&limit=50&customerId=" + enc(customer(r))),
                        intendedStart, record);
                case "seed-timeline" -> done("seed-timeline", get("/api/bench/seed/timeline?limit=50&customerId="
                        + enc(customer(r))), intendedStart, record);
                case "profile" -> done("profile", get("/api/timeline?action=profile&customerId=" + enc(customer(r))),
                        intendedStart, record);
                case "dashboard" -> {
                    String who = enc(customer(r));
                    RawHttp.Response p = get("/api/timeline?action=profile&customerId=" + who);
                    RawHttp.Response t = p.status() == 200
                            ? get("/api/timeline?action=timeline&limit=50&customerId=" + who) : p;
                    done("dashboard", t, intendedStart, record);
                }
                case "dashboard-page" -> done("dashboard-page", page().get("/timeline?customer=" + enc(customer(r))),
                        intendedStart, record);
                case "search" -> done("search", get("/api/timeline?action=search&query=" + enc(searchTerm(r))), intendedStart,
                        record);
                case "lists" -> {
                    String which = op(n);
                    done(which, get("/api/timeline?action=" + which), intendedStart, record);
                }
                case "recent", "top", "attention" -> done(workload, get("/api/timeline?action=" + workload), intendedStart, record);
                case "noop" -> done("noop", get("/api/bench/noop"), intendedStart, record);
                case "health" -> done("health", get("/actuator/health"), intendedStart, record);
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            }
        } catch (IOException | RuntimeException e) {
            if (record) {
                errors.incrementAndGet();
                lastError = e.toString();
            }
        }
    }

    private void done(String op, RawHttp.Response res, long intendedStart, boolean record) {
        if (!record) {
            return;
        }
        long micros = (System.nanoTime() - intendedStart) / 1000;
        histograms.computeIfAbsent(op, x -> new ConcurrentHistogram(3)).recordValue(Math.max(1, micros));
        if (res.status() / 100 == 2) {
            ok.incrementAndGet();
        } else {
            errors.incrementAndGet();
            lastError = res.status() + " " + res.body().substring(0, Math.min(300, res.body().length()));
        }
    }

    /** The operation request {@code n} of the workload is recorded under. */
    private String op(long n) {
        return !workload.equals("lists") ? workload : switch ((int) (n % 3)) {
            case 0 -> "recent";
            case 1 -> "top";
            default -> "attention";
        };
    }

    /** A sync body as the timeline webhook's: {"type": ..., "data": ...} with the same data. */
    static String asWebhook(String syncBody) {
        Matcher m = SYNC_ACTION.matcher(syncBody);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not a sync body: " + syncBody.substring(0, Math.min(60, syncBody.length())));
        }
        String type = m.group(1).equals("quote_session") ? "quote_session_update" : m.group(1); // the others share names
        return "{\"type\":\"" + type + "\"" + syncBody.substring(m.end());
    }

    /** A signed-in person's connection for the dashboard's own pages (signs in on first use). */
    private synchronized RawHttp page() throws IOException {
        if (pages == null) {
            try {
                var client = DashboardSession.signIn(target, args.get("user", "admin"), DashboardSession.passwords(args));
                pages = new RawHttp(target.getHost(), target.getPort(), "Cookie", DashboardSession.cookie(client));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return pages;
    }

    private static final Pattern COUNTER = Pattern.compile("\"(allocated_bytes|pauses|pause_millis)\":(-?\\d+)");

    /**
     * The service JVM's bytes allocated, collection pauses and their milliseconds so far
     * ({@code /api/bench/jvm}, the bench build's {@code JvmCounters}); null where it cannot tell:
     * not the bench build, or not one instance named by {@code --service-pids}: several behind a
     * balancer would mix their counters, and the suite names none for a run that overlaps another,
     * whose allocations would count too.
     */
    private long[] jvmCounters(Cpu cpu) {
        if (cpu.service().size() != 1) {
            return null;
        }
        try {
            RawHttp.Response r = get("/api/bench/jvm");
            Map<String, Long> found = new HashMap<>();
            Matcher m = COUNTER.matcher(r.body());
            while (r.status() == 200 && m.find()) {
                found.put(m.group(1), Long.parseLong(m.group(2)));
            }
            return found.size() < 3 || found.get("allocated_bytes") < 0 ? null
                    : new long[] {found.get("allocated_bytes"), found.get("pauses"), found.get("pause_millis")};
        } catch (IOException | RuntimeException unavailable) {
            return null;
        }
    }

    private RawHttp.Response get(String path) throws IOException {
        return http.get(path);
    }

    private RawHttp.Response post(String path, String body) throws IOException {
        return http.post(path, body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ data

    private void loadCustomers() throws Exception {
        if (args.has("customer")) {
            emails = new String[] {args.get("customer", null)};
            phones = new String[] {null};
            names = new String[] {"Bench Customer"};
            cumulative = new long[] {1};
            return;
        }
        BenchDb db = BenchDb.of(args);
        List<String[]> rows = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT primary_email, primary_phone, name, total_interactions FROM customer_profiles
                     WHERE merged_into IS NULL AND primary_email IS NOT NULL AND primary_email NOT LIKE 'lt%'
                     ORDER BY id""")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                weights.add((long) Math.max(1, rs.getInt(4)));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no customers in the database: run the generator first");
        }
        emails = rows.stream().map(x -> x[0]).toArray(String[]::new);
        phones = rows.stream().map(x -> x[1]).toArray(String[]::new);
        names = rows.stream().map(x -> x[2]).toArray(String[]::new);
        cumulative = new long[rows.size()];
        long sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
    }

    /** A customer, with probability proportional to their number of interactions (active ones are read more). */
    private int customerIndex(SplittableRandom r) {
        long x = r.nextLong(cumulative[cumulative.length - 1]);
        int i = Arrays.binarySearch(cumulative, x + 1);
        return i >= 0 ? i : -i - 1;
    }

    private String customer(SplittableRandom r) {
        return emails[customerIndex(r)];
    }

    private String searchTerm(SplittableRandom r) {
        int i = customerIndex(r);
        String name = names[i] == null ? "naidoo" : names[i];
        String term = switch (r.nextInt(5)) {
            case 0 -> name.substring(name.lastIndexOf(' ') + 1);
            case 1 -> name.split(" ")[0];
            case 2 -> name;
            case 3 -> emails[i].substring(0, Math.min(emails[i].indexOf('@'), 12));
            default -> phones[i] != null ? "0" + phones[i].substring(3, 10) : emails[i];
        };
        return term.strip().length() >= 2 ? term : emails[i]; // the API wants 2 characters (an initial, a 1-letter email name)
    }

    /** A new customer, or a known one skewed towards the active. */
    private Shop.Person person(SplittableRandom r, long n, boolean isNew) {
        if (isNew) {
            return new Shop.Person(-1, "Load Test " + n, "lt" + runId + "." + n + "@example.co.za", null,
                    "+27" + (60 + (int) (n % 4)) + String.format(Locale.ROOT, "%07d", (runId * 1000 + n) % 10_000_000L),
                    null, null, null, 0);
        }
        int i = customerIndex(r);
        return new Shop.Person(-1, names[i], emails[i], null, phones[i], null, null, null, 0);
    }

    /** The next call the call system reports: of a known customer, or (one in six) of a new one. */
    private String callBody(SplittableRandom r, long n) {
        Shop.Person p = person(r, n, r.nextDouble() < 1.0 / 6);
        return Shop.call(r, p, "lt" + runId + "-" + n, System.currentTimeMillis() * 1000 - r.nextLong(3_600_000_000L)).json();
    }

    /** The next ingest event: mostly new touchpoints of known customers, some new customers, updates and repeats. */
    private String ingestBody(SplittableRandom r, long n) {
        double x = r.nextDouble();
        if (args.has("customer")) {
            x = 0.5; // history tests: new events for the one customer
        }
        if (x < 0.05) {
            String repeat = recentBodies.get(r.nextInt(4096));
            if (repeat != null) {
                return repeat; // a repeated delivery: must change nothing
            }
        } else if (x < 0.15) {
            String order = recentOrders.get(r.nextInt(4096));
            if (order != null) {
                String status = r.nextBoolean() ? "Shipped" : r.nextDouble() < 0.8 ? "Delivered" : "Refunded";
                return "{\"action\":\"sync_opencart_order\",\"data\":"
                        + order.replaceFirst("\"order_status\":\"[^\"]*\"", "\"order_status\":\"" + status + "\"") + "}";
            }
        }
        Shop.Person p = person(r, n, x >= 0.15 && x < 0.30);
        long micros = System.currentTimeMillis() * 1000 - r.nextLong(3_600_000_000L);
        String tag = "lt" + runId + "-" + n;
        double s = r.nextDouble();
        String body;
        if (s < 0.30) {
            body = "{\"action\":\"sync_email_thread\",\"data\":" + Shop.email(r, p, tag, micros).json() + "}";
        } else if (s < 0.52) {
            Shop.Order o = Shop.order(r, p, runId * 100_000L + n, micros);
            String data = o.json(o.status().equals("Pending") ? "Pending" : "Processing");
            recentOrders.set((int) (n % 4096), data);
            body = "{\"action\":\"sync_opencart_order\",\"data\":" + data + "}";
        } else if (s < 0.70) {
            body = "{\"action\":\"sync_call_transcript\",\"data\":" + Shop.call(r, p, tag, micros).json() + "}";
        } else if (s < 0.85) {
            body = "{\"action\":\"sync_social_interaction\",\"data\":" + Shop.social(r, p, tag, micros).json() + "}";
        } else {
            body = "{\"action\":\"sync_quote_session\",\"data\":" + Shop.quote(r, p, tag, micros).json() + "}";
        }
        recentBodies.set((int) (n % 4096), body);
        return body;
    }

    // ------------------------------------------------------------------ results

    /**
     * CPU time (user + system) the service's processes and PostgreSQL (the postmaster and its
     * backends) spent during the measured run, from {@code /proc}: the work a request costs, which
     * the host's noise moves far less than how fast it is answered. Empty without the pids. The
     * service's share also counts its JIT compiler threads, and on two cores C2 is still compiling
     * after many minutes of load (a long-running service is past that), so their share is reported
     * apart as well.
     */
    record Cpu(List<Long> service, long postmaster) {

        private static final double MS_PER_TICK = 10; // USER_HZ is 100 on Linux

        Cpu(String servicePids, String postmaster) {
            this(Arrays.stream(servicePids.split(",")).filter(p -> !p.isBlank()).map(p -> Long.parseLong(p.strip())).toList(),
                    postmaster.isBlank() ? -1 : Long.parseLong(postmaster.strip()));
        }

        /** Service and database ticks now; null when there is nothing to measure. */
        long[] ticks() {
            if (service.isEmpty() && postmaster < 0) {
                return null;
            }
            List<Long> db = new ArrayList<>();
            ProcessHandle.of(postmaster).ifPresent(pm -> {
                db.add(pm.pid());
                pm.children().forEach(c -> db.add(c.pid()));
            });
            return new long[] {ticksOf(service), ticksOf(db), compilerTicksOf(service)};
        }

        /** Service, database and the service's JIT compiling CPU milliseconds since {@code start}; null when not measured. */
        double[] since(long[] start) {
            long[] end = start == null ? null : ticks();
            return end == null ? null : new double[] {(end[0] - start[0]) * MS_PER_TICK, (end[1] - start[1]) * MS_PER_TICK,
                    (end[2] - start[2]) * MS_PER_TICK};
        }

        /**
         * The whole machine's ticks from the first line of {@code /proc/stat}: [0] idle waiting for
         * the disk (iowait), [1] all (user, nice, system, idle, iowait, irq, softirq, steal); null
         * where there is no such file.
         */
        static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).strip().split("\\s+");
                long all = 0;
                for (int i = 1; i <= 8; i++) {
                    all += Long.parseLong(f[i]);
                }
                return new long[] {Long.parseLong(f[5]), all};
            } catch (IOException | RuntimeException unreadable) {
                return null;
            }
        }

        /**
         * The share of the machine's CPU time spent idle waiting for the disk since {@code start}:
         * reads of pages no cache held (BENCHMARKS.md, twelfth round, item 1). NaN when not measured.
         */
        static double diskWaitPercentSince(long[] start) {
            long[] end = start == null ? null : machineTicks();
            return end == null || end[1] == start[1] ? Double.NaN : 100.0 * (end[0] - start[0]) / (end[1] - start[1]);
        }

        /** The ticks of the JVMs' "C1 CompilerThread" and "C2 CompilerThread" threads. */
        private static long compilerTicksOf(List<Long> pids) {
            long sum = 0;
            for (long pid : pids) {
                try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                    for (Path task : tasks.toList()) {
                        try {
                            String name = Files.readString(task.resolve("comm"));
                            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                                String[] f = statFields(task.resolve("stat"));
                                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                            }
                        } catch (IOException threadGone) {
                            // a thread that ended between listing and reading it
                        }
                    }
                } catch (IOException | RuntimeException notAJvm) {
                    // a service that is not a local JVM: nothing to tell apart
                }
            }
            return sum;
        }

        private static long ticksOf(List<Long> pids) {
            long sum = 0;
            for (long pid : pids) {
                try {
                    String[] f = statFields(Path.of("/proc/" + pid + "/stat"));
                    // utime, stime, and cutime, cstime: the time of children it has reaped. A backend that
                    // ends during the run moves its time into the postmaster's cutime, so it is neither lost
                    // nor (when it ended after the first reading) subtracted: without these two fields a
                    // run's PostgreSQL CPU once came out negative.
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } catch (IOException | RuntimeException gone) {
                    // a backend that ended between listing and reading it: lost to this reading, a slight understatement
                }
            }
            return sum;
        }

        /**
         * The fields of a {@code /proc} stat file after the name (which may hold spaces): [0] is
         * field 3, the state; [11] utime, [12] stime, [13] cutime, [14] cstime, in ticks.
         */
        private static String[] statFields(Path stat) throws IOException {
            String line = Files.readString(stat);
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        }
    }

    /** {@code jvm}: the service's bytes allocated, collection pauses and their milliseconds during the run; null when unknown. */
    private void report(String mode, String load, long elapsedNanos, double[] cpuMs, double diskWaitPercent, long[] jvm)
            throws IOException {
        double seconds = elapsedNanos / 1e9;
        String label = args.get("label", workload);
        System.out.printf(Locale.ROOT, "%n%-22s %-6s %-12s %8s %7s %9s %8s %8s %8s %8s %8s%n", "run", "mode", "load", "requests",
                "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
        Histogram all = histograms.isEmpty() ? null : new Histogram(3);
        long notSent = 0;
        for (var e : histograms.entrySet()) {
            Histogram h = e.getValue();
            all.add(h);
            long skipped = unsent.getOrDefault(e.getKey(), new AtomicLong()).get();
            notSent += skipped;
            line(label + (histograms.size() > 1 ? ":" + e.getKey() : ""), mode, load, h, (h.getTotalCount() - skipped) / seconds,
                    0, label);
        }
        if (notSent > 0) {
            System.out.printf(Locale.ROOT, "not sent by the end of the run (the service fell behind): %d, in the percentiles "
                    + "with their wait until then; req/s counts answered requests only%n", notSent);
        }
        if (!outcomes.isEmpty()) {
            System.out.println("ingest outcomes: " + outcomes);
        }
        System.out.printf(Locale.ROOT, "errors: %d%s%n", errors.get(), lastError == null ? "" : " (last: " + lastError + ")");
        long answered = all == null ? 0 : all.getTotalCount() - notSent;
        String cpu = cpuMs == null || answered == 0 ? ",,"
                : String.format(Locale.ROOT, "%.3f,%.3f,%.3f", cpuMs[0] / answered, cpuMs[1] / answered, cpuMs[2] / answered);
        if (cpuMs != null && answered > 0) {
            System.out.printf(Locale.ROOT, "CPU per request: service %.3f ms (JIT compiling %.3f ms of it), PostgreSQL %.3f ms%n",
                    cpuMs[0] / answered, cpuMs[2] / answered, cpuMs[1] / answered);
        }
        String memory = jvm == null || answered == 0 ? ",,"
                : String.format(Locale.ROOT, "%.1f,%d,%d", jvm[0] / 1024.0 / answered, jvm[1], jvm[2]);
        if (jvm != null && answered > 0) {
            System.out.printf(Locale.ROOT, "memory per request: %.1f KB allocated; the collector paused the service %d times, "
                    + "%d ms in all%n", jvm[0] / 1024.0 / answered, jvm[1], jvm[2]);
        }
        if (!Double.isNaN(diskWaitPercent)) {
            System.out.printf(Locale.ROOT, "the machine's CPUs sat waiting for the disk %.1f %% of the run%n", diskWaitPercent);
        }
        if (args.has("csv") && all != null) {
            Path csv = Path.of(args.get("csv", null));
            boolean fresh = !Files.exists(csv);
            String row = String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%d,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f,%s,%s,%s%n",
                    args.get("suite-mode", "adhoc"), label, workload, mode, load.replace(" clients", "c").replace("/s", ""),
                    all.getTotalCount(), errors.get(), answered / seconds,
                    ms(all, 50), ms(all, 90), ms(all, 99), ms(all, 99.9), all.getMaxValue() / 1000.0, cpu,
                    Double.isNaN(diskWaitPercent) ? "" : String.format(Locale.ROOT, "%.1f", diskWaitPercent), memory);
            Files.writeString(csv, (fresh ? "suite_mode,label,workload,mode,load,requests,errors,throughput,p50_ms,p90_ms,"
                    + "p99_ms,p999_ms,max_ms,service_cpu_ms,db_cpu_ms,service_jit_ms,disk_wait_pct,alloc_kb,gc_pauses,gc_pause_ms\n" : "") + row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static void line(String run, String mode, String load, Histogram h, double rate, long errs, String label) {
        System.out.printf(Locale.ROOT, "%-22s %-6s %-12s %8d %7d %9.1f %8.2f %8.2f %8.2f %8.2f %8.2f%n", run, mode, load,
                h.getTotalCount(), errs, rate, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Acknowledged means committed: every interaction id a 2xx named must be in the database. */
    private void verifyCommitted() throws Exception {
        List<String> all = new ArrayList<>(acknowledged);
        List<String> ids = all.stream().distinct().toList();
        BenchDb db = BenchDb.of(args);
        long found = 0;
        try (Connection c = db.connect()) {
            for (int from = 0; from < ids.size(); from += 10_000) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 10_000));
                Array arr = c.createArrayOf("uuid", chunk.toArray());
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(DISTINCT id) FROM customer_interactions WHERE id = ANY(?)")) {
                    ps.setArray(1, arr);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        found += rs.getLong(1);
                    }
                }
            }
        }
        long distinct = ids.size();
        System.out.printf(Locale.ROOT, "committed check: %d acknowledged interactions (%d distinct), %d found in the database%s%n",
                all.size(), distinct, found, found == distinct ? " - OK" : " - MISSING " + (distinct - found));
        if (found != distinct) {
            System.exit(3);
        }
    }
}
