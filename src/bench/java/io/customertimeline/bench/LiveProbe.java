package io.customertimeline.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Do live dashboard updates reach every instance? Signs in to each instance's dashboard, opens one
 * event stream ({@code /timeline/events}) per instance, then sends {@code --events} new
 * interactions of a few fixed probe customers through {@code POST /api/sync} at {@code --rate} per
 * second, alternating the instance that receives them. Each stream notes when it saw each
 * interaction id; the report gives, per instance, how many of the acknowledged events arrived (and
 * how many of those were ingested through another instance) and the latency from the ingest answer
 * to the event's arrival on the stream (p50/p90/p99/max, HdrHistogram). An event can arrive before
 * its answer (the NOTIFY is delivered on commit, the answer is written after it): it counts as 0
 * ms and is shown as "early". Exits 1 if any event is missing on any instance.
 *
 * <pre>
 * --instances=8090,8091   ports on --host (default 127.0.0.1), or http://127.0.0.1:8090,... (loopback only)
 * --events=200 --rate=20  events sent, per second
 * --wait=5                seconds to wait for stragglers after the last answer
 * --key=...               API key (default: env TIMELINE_API_KEY, else --data-dir's secrets.properties)
 * --user=admin --password=...  dashboard sign-in; without --password: the generated admin password
 *                         stored in --data-dir's secrets.properties (if any), then env TIMELINE_ADMIN_PASSWORD
 * --csv=FILE --suite-mode=MODE --label=live   one row per instance (label-PORT), LoadTool's columns
 * </pre>
 */
public final class LiveProbe {

    private static final Pattern INTERACTION_ID = Pattern.compile("\"interaction_id\":\"([0-9a-f-]{36})\"");
    private static final Pattern LIVE_INTERACTION = Pattern.compile("\"interaction\":\"([0-9a-f-]{36})\"");
    private static final int PROBE_CUSTOMERS = 4;

    /** One dashboard instance and what its event stream saw (interaction id to arrival, nanoTime). */
    private record Instance(int index, String host, int port, Map<String, Long> seen, CountDownLatch connected,
            AtomicReference<String> failure) {

        URI uri(String path) {
            return URI.create("http://" + host + ":" + port + path);
        }

        String name() {
            return host + ":" + port;
        }
    }

    /** One probe event: which instance took it, when its answer came, which interaction it made. */
    private static final class Sent {
        final int via;
        volatile long answered;
        volatile String interactionId;
        volatile String error;

        Sent(int via) {
            this.via = via;
        }
    }

    private final Args args;
    private final List<Instance> instances = new ArrayList<>();
    private final String key;
    private final long runId = System.currentTimeMillis();

    public static void main(String[] argv) throws Exception {
        int code;
        try {
            code = new LiveProbe(new Args(argv)).run();
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            System.err.println("live probe: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    LiveProbe(Args args) throws IOException {
        this.args = args;
        String defaultHost = args.get("host", "127.0.0.1");
        for (String spec : args.get("instances", "8090,8091").split(",")) {
            URI u = URI.create(spec.contains("://") ? spec.strip() : "http://" + defaultHost + ":" + spec.strip());
            if (!InetAddress.getByName(u.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("The live probe only targets loopback addresses, not " + u.getHost());
            }
            instances.add(new Instance(instances.size(), u.getHost(), u.getPort(), new ConcurrentHashMap<>(),
                    new CountDownLatch(1), new AtomicReference<>()));
        }
        String envKey = System.getenv("TIMELINE_API_KEY");
        this.key = args.has("key") ? args.get("key", null)
                : envKey != null && !envKey.isBlank() ? envKey : DashboardSession.stored(args, "TIMELINE_API_KEY");
        if (key == null) {
            throw new IllegalArgumentException("no API key: pass --key, set TIMELINE_API_KEY or pass --data-dir");
        }
    }

    int run() throws Exception {
        int events = args.integer("events", 200);
        double rate = args.decimal("rate", 20);
        long waitNanos = TimeUnit.SECONDS.toNanos(Math.min(60, args.whole("wait", 5)));
        if (events < 1 || rate <= 0 || events / rate > 600) {
            throw new IllegalArgumentException("--events must be at least 1 and --events/--rate at most 600 s");
        }

        // 1. a signed-in dashboard stream per instance
        String user = args.get("user", "admin");
        List<String> passwords = DashboardSession.passwords(args);
        for (Instance in : instances) {
            HttpClient client = DashboardSession.signIn(in.uri("/"), user, passwords);
            Thread t = new Thread(() -> listen(client, in), "live-stream-" + in.port());
            t.setDaemon(true);
            t.start();
        }
        for (Instance in : instances) {
            if (!in.connected().await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(in.name() + ": no ': connected' on /timeline/events within 10 s"
                        + (in.failure().get() == null ? "" : " (" + in.failure().get() + ")"));
            }
        }
        System.out.printf(Locale.ROOT, "live probe: %d streams open (%s); sending %d events at %s/s, alternating the ingesting instance%n",
                instances.size(), String.join(", ", instances.stream().map(Instance::name).toList()), events, fmt(rate));

        // 2. the events, on a fixed schedule (open loop)
        List<RawHttp> apis = instances.stream().map(in -> new RawHttp(in.host(), in.port(), key)).toList();
        Sent[] sent = new Sent[events];
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(32, events));
        for (int n = 0; n < events; n++) {
            long wait = start + n * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int via = n % instances.size();
            Sent s = new Sent(via);
            sent[n] = s;
            String body = ingestBody(n);
            workers.execute(() -> ingest(apis.get(via), body, s));
        }
        workers.shutdown();
        if (!workers.awaitTermination(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("ingest requests still unanswered 120 s after the last was sent");
        }
        long lastAnswer = start;
        List<Sent> acknowledged = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Sent s : sent) {
            if (s.interactionId != null) {
                acknowledged.add(s);
                lastAnswer = Math.max(lastAnswer, s.answered);
            } else {
                errors.add(s.error);
            }
        }
        double seconds = Math.max(1e-3, (lastAnswer - start) / 1e9);

        // 3. stragglers: until every instance saw every acknowledged event, at most --wait after the last answer
        long deadline = System.nanoTime() + waitNanos;
        while (System.nanoTime() < deadline && !allSeen(acknowledged)) {
            Thread.sleep(10);
        }

        // 4. the table
        System.out.printf(Locale.ROOT, "ingest: %d sent, %d acknowledged%s%n", events, acknowledged.size(),
                errors.isEmpty() ? "" : ", " + errors.size() + " failed (first: " + errors.get(0) + ")");
        System.out.printf(Locale.ROOT, "%n%-22s %9s %6s %9s %6s %8s %8s %8s %8s%n", "instance", "delivered", "of N", "via other",
                "early", "p50 ms", "p90 ms", "p99 ms", "max ms");
        String label = args.get("label", "live");
        StringBuilder csv = new StringBuilder();
        long missingAnywhere = 0;
        for (Instance in : instances) {
            Histogram h = new Histogram(3);
            int delivered = 0;
            int viaOther = 0;
            int early = 0;
            for (Sent s : acknowledged) {
                Long at = in.seen().get(s.interactionId);
                if (at == null) {
                    continue;
                }
                delivered++;
                if (s.via != in.index()) {
                    viaOther++;
                }
                long micros = (at - s.answered) / 1000;
                if (micros < 0) {
                    early++;
                }
                h.recordValue(Math.max(0, micros));
            }
            long missing = events - delivered; // an event that was not acknowledged cannot arrive either
            missingAnywhere += missing;
            System.out.printf(Locale.ROOT, "%-22s %9d %6d %9d %6d %8.2f %8.2f %8.2f %8.2f%s%n", in.name(), delivered, events,
                    viaOther, early, ms(h, 50), ms(h, 90), ms(h, 99), h.getMaxValue() / 1000.0,
                    missing == 0 ? "" : "   MISSING " + missing
                            + (in.failure().get() == null ? "" : " (stream: " + in.failure().get() + ")"));
            csv.append(String.format(Locale.ROOT, "%s,%s-%d,live,open,%s,%d,%d,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f%n",
                    args.get("suite-mode", "adhoc"), label, in.port(), fmt(rate), events, missing, delivered / seconds,
                    ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0));
        }
        System.out.println("latency: from the 2xx ingest answer to the event on the instance's stream; "
                + "early = arrived before the answer (counted as 0 ms)");
        if (args.has("csv")) {
            Path file = Path.of(args.get("csv", null));
            boolean fresh = !Files.exists(file);
            Files.writeString(file, (fresh ? "suite_mode,label,workload,mode,load,requests,errors,throughput,p50_ms,p90_ms,"
                    + "p99_ms,p999_ms,max_ms\n" : "") + csv, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.println(missingAnywhere == 0 ? "live updates: every event reached every instance - OK"
                : "live updates: " + missingAnywhere + " deliveries MISSING");
        return missingAnywhere == 0 ? 0 : 1;
    }

    private boolean allSeen(List<Sent> acknowledged) {
        for (Instance in : instances) {
            for (Sent s : acknowledged) {
                if (!in.seen().containsKey(s.interactionId)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void ingest(RawHttp api, String body, Sent s) {
        try {
            RawHttp.Response res = api.post("/api/sync", body);
            long now = System.nanoTime();
            Matcher m = INTERACTION_ID.matcher(res.body());
            if (res.status() / 100 == 2 && m.find()) {
                s.answered = now;
                s.interactionId = m.group(1);
            } else {
                s.error = res.status() + " " + res.body().substring(0, Math.min(300, res.body().length()));
            }
        } catch (IOException | RuntimeException e) {
            s.error = e.toString();
        }
    }

    // ------------------------------------------------------------------ dashboard session and stream

    /** Reads the instance's event stream until the process ends, noting when each interaction id first arrives. */
    private static void listen(HttpClient client, Instance in) {
        try {
            HttpResponse<Stream<String>> r = client.send(HttpRequest.newBuilder(in.uri("/timeline/events"))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                in.failure().set("HTTP " + r.statusCode() + " on /timeline/events");
                r.body().close();
                return;
            }
            try (Stream<String> lines = r.body()) {
                lines.forEach(line -> {
                    if (line.startsWith("data:")) {
                        long now = System.nanoTime();
                        Matcher m = LIVE_INTERACTION.matcher(line);
                        if (m.find()) {
                            in.seen().putIfAbsent(m.group(1), now);
                        }
                    } else if (line.startsWith(":") && line.substring(1).strip().equals("connected")) {
                        in.connected().countDown();
                    }
                });
            }
            in.failure().compareAndSet(null, "the stream ended");
        } catch (IOException | RuntimeException e) {
            in.failure().compareAndSet(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ events

    /** Event n: a new email, social post, call or quote of one of the fixed probe customers, keyed uniquely per run. */
    private String ingestBody(int n) {
        int c = n % PROBE_CUSTOMERS;
        Shop.Person p = new Shop.Person(-1, "Live Probe " + (c + 1), "live.probe." + (c + 1) + "@example.co.za", null,
                "+2761555000" + (c + 1), null, null, null, 0);
        SplittableRandom r = new SplittableRandom(runId * 1_000_003L + n);
        long micros = System.currentTimeMillis() * 1000;
        String tag = "lp" + runId + "-" + n;
        return switch ((n / PROBE_CUSTOMERS) % 4) {
            case 0 -> "{\"action\":\"sync_email_thread\",\"data\":" + Shop.email(r, p, tag, micros).json() + "}";
            case 1 -> "{\"action\":\"sync_social_interaction\",\"data\":" + Shop.social(r, p, tag, micros).json() + "}";
            case 2 -> "{\"action\":\"sync_call_transcript\",\"data\":" + Shop.call(r, p, tag, micros).json() + "}";
            default -> "{\"action\":\"sync_quote_session\",\"data\":" + Shop.quote(r, p, tag, micros).json() + "}";
        };
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
