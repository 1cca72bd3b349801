package io.customertimeline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Creates a realistic shop, deterministically from {@code --seed}: {@code --customers} people
 * (default 100k) and {@code --interactions} touchpoints (default 1M) over two years ending at
 * {@code --end} (default today), skewed (most customers have a few, some thousands; one
 * "heavy" customer has exactly 10,000 and one "light" customer exactly 10), with second emails,
 * phones and social handles as separate identities, merged-away duplicate profiles, order status
 * changes and customer-written text.
 *
 * <p>It bulk-loads the service's schema with COPY (profile statistics computed here and checked
 * against {@code update_customer_profile_stats} on a sample), the same data into the seed
 * baseline schema {@code seed_baseline}, and can write the events as JSON Lines of sync bodies
 * ({@code --jsonl=FILE}) for the file import.
 */
public final class DataGenerator {

    private static final long YEAR_MICROS = 365L * 24 * 3600 * 1_000_000L;
    private static final List<String> OUR_TABLES = List.of("customer_profiles", "customer_identities", "customer_merges",
            "customer_interactions", "call_transcripts", "email_logs", "social_interactions", "opencart_orders_cache");

    /** Running statistics of one customer, exactly as update_customer_profile_stats computes them. */
    private static final class Stats {
        UUID id;
        int orders, paid, calls, emails, chats, socials, total, scored;
        long spendCents, sentimentMilli;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE, lastMillis = Long.MIN_VALUE;
        int tie;
        final int[] recent = new int[10];
        final long[] recentAt = new long[10];
        int recentN;
        boolean usedEmail, usedAlt, usedPhone, usedHandle, usedOpencart;
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int customers = args.integer("customers", 100_000);
        int interactions = args.integer("interactions", 1_000_000);
        long seed = args.whole("seed", 42);
        LocalDate end = LocalDate.parse(args.get("end", LocalDate.now(ZoneOffset.UTC).toString()));
        Path jsonl = args.has("jsonl") ? Path.of(args.get("jsonl", null)) : null;
        boolean load = !args.flag("no-db");
        if (customers < 2 || interactions < customers + 10_010) {
            throw new IllegalArgumentException("need at least 2 customers and customers + 10,010 interactions");
        }
        long t0 = System.nanoTime();
        var gen = new DataGenerator(customers, interactions, seed, end);
        if (load) {
            BenchDb db = BenchDb.of(args);
            gen.load(db, jsonl, args.flag("reset"), args.integer("verify", 200));
        } else {
            gen.generate(null, jsonl);
        }
        System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private final int customers;
    private final int interactions;
    private final long seed;
    private final long startMicros;
    private final long spanMicros;
    private final Stats[] stats;
    private final Shop.Person[] people;

    DataGenerator(int customers, int interactions, long seed, LocalDate end) {
        this.customers = customers;
        this.interactions = interactions;
        this.seed = seed;
        long endMicros = end.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
        this.spanMicros = 2 * YEAR_MICROS;
        this.startMicros = endMicros - spanMicros;
        this.stats = new Stats[customers];
        this.people = new Shop.Person[customers];
    }

    /** Touchpoints per customer: a Pareto tail (alpha 1.1) scaled to the total; #0 has 10,000, #1 has 10. */
    int[] counts() {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[customers];
        double sum = 0;
        for (int i = 2; i < customers; i++) {
            w[i] = Math.min(Math.pow(1 - r.nextDouble(), -1 / 1.1), 4000);
            sum += w[i];
        }
        int rest = interactions - 10_010;
        int[] n = new int[customers];
        n[0] = 10_000;
        n[1] = 10;
        long total = 0;
        for (int i = 2; i < customers; i++) {
            n[i] = Math.max(1, (int) Math.floor(w[i] * rest / sum));
            total += n[i];
        }
        long diff = rest - total;
        while (diff != 0) {
            int i = 2 + r.nextInt(customers - 2);
            if (diff > 0) {
                n[i]++;
                diff--;
            } else if (n[i] > 1) {
                n[i]--;
                diff++;
            }
        }
        return n;
    }

    /** Every touchpoint as (time offset in ms << 27 | customer), sorted: the order a real shop sees them. */
    long[] schedule(int[] counts) {
        long[] events = new long[interactions];
        int k = 0;
        long spanMillis = spanMicros / 1000;
        for (int c = 0; c < customers; c++) {
            SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (c + 1)));
            // each customer is active from some point on; the shop grows, so later is likelier
            double from = c < 2 ? 0 : r.nextDouble() * r.nextDouble() < 0.5 ? r.nextDouble() * 0.9 : 0;
            for (int j = 0; j < counts[c]; j++) {
                double u = from + (1 - from) * Math.pow(r.nextDouble(), 0.8);
                long at = Math.min(spanMillis - 1, (long) (u * spanMillis));
                events[k++] = (at << 27) | c;
            }
        }
        Arrays.parallelSort(events);
        return events;
    }

    /** The sinks an event is written to: the service's tables, the seed baseline's, the JSON Lines file. */
    interface Sink {
        void profileRows(Stats s, Shop.Person p) throws IOException;

        void interaction(Object[] row) throws IOException;

        void source(String table, Object[] row) throws IOException;

        void baseline(String table, Object[] row) throws IOException;

        void identity(String kind, String value, UUID customer, long micros) throws IOException;
    }

    void generate(Sink sink, Path jsonl) throws IOException {
        long t = System.nanoTime();
        int[] counts = counts();
        long[] events = schedule(counts);
        System.out.printf(Locale.ROOT, "scheduled %,d touchpoints for %,d customers in %.1f s (max per customer %,d)%n",
                interactions, customers, (System.nanoTime() - t) / 1e9, Arrays.stream(counts).max().orElse(0));
        for (int c = 0; c < customers; c++) {
            people[c] = Shop.person(seed, c);
            Stats s = new Stats();
            SplittableRandom r = new SplittableRandom(seed * 7 + c);
            s.id = uuid(r);
            stats[c] = s;
        }
        BufferedWriter lines = jsonl == null ? null : Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8);
        try {
            for (int e = 0; e < events.length; e++) {
                int c = (int) (events[e] & ((1 << 27) - 1));
                long millis = events[e] >>> 27;
                Stats s = stats[c];
                s.tie = millis == s.lastMillis ? s.tie + 1 : 0;
                s.lastMillis = millis;
                long micros = startMicros + millis * 1000 + s.tie;
                event(sink, lines, e, people[c], s, micros);
            }
        } finally {
            if (lines != null) {
                lines.close();
            }
        }
        if (sink != null) {
            for (int c = 0; c < customers; c++) {
                sink.profileRows(stats[c], people[c]);
            }
        }
    }

    private void event(Sink sink, BufferedWriter lines, int e, Shop.Person p, Stats s, long micros) throws IOException {
        SplittableRandom r = new SplittableRandom(seed * 1_000_000_007L + e);
        double x = r.nextDouble();
        String source = x < 0.30 ? "email" : x < 0.52 ? "order" : x < 0.70 ? "call" : x < 0.85 ? "social" : "chat";
        UUID id = uuid(r);
        String ts = Shop.iso(micros);
        switch (source) {
            case "order" -> {
                Shop.Order o = Shop.order(r, p, 1_000_000L + e, micros);
                String payload = o.json(o.status());
                if (lines != null) {
                    if (!o.status().equals("Pending") && r.nextDouble() < 0.4) {
                        line(lines, "sync_opencart_order", o.json("Pending"));
                    }
                    line(lines, "sync_opencart_order", payload);
                }
                s.orders++;
                if (o.valued()) {
                    s.paid++;
                    s.spendCents += o.totalCents();
                }
                s.usedEmail = true;
                s.usedPhone |= p.phone() != null;
                s.usedOpencart = true;
                if (sink != null) {
                    String key = Long.toString(o.orderId());
                    sink.interaction(new Object[] {id, s.id, "order", key, "inbound", ts, "Order #" + key + " · " + o.status(),
                            o.summary(), o.status(), null, null, false, Shop.money(o.totalCents()), "ZAR", o.valued(),
                            "opencart_orders_cache", key, payload, ts, ts});
                    sink.source("opencart_orders_cache", new Object[] {uuid(r), o.orderId(), s.id, p.opencartId(), p.name(),
                            p.email(), p.phone(), o.status(), Shop.money(o.totalCents()), "ZAR", o.payment(), o.shipping(),
                            o.items(), "{\"city\":\"" + o.city() + "\",\"country\":\"ZA\"}", ts, payload, ts});
                    sink.baseline("opencart_orders_cache", new Object[] {o.orderId(), p.opencartId(), p.name(), p.email(),
                            p.phone(), o.status(), Shop.money(o.totalCents()), "ZAR", o.payment(), o.shipping(), o.items(), ts, ts});
                }
            }
            case "email" -> {
                Shop.Email m = Shop.email(r, p, "gen-e" + e, micros);
                String payload = m.json();
                line(lines, "sync_email_thread", payload);
                if (m.customerEmail().equals(p.email())) {
                    s.usedEmail = true;
                } else {
                    s.usedAlt = true;
                }
                s.emails++;
                int score = Shop.scoreMilli(m.sentiment());
                scored(s, score, micros);
                if (sink != null) {
                    String dir = m.inbound() ? "inbound" : "outbound";
                    sink.interaction(new Object[] {id, s.id, "email", m.emailId(), dir, ts, m.subject(), head(m.body()),
                            m.status(), m.sentiment(), milli(score), m.sentiment() != null, null, null, false, "email_logs",
                            m.emailId(), payload, ts, ts});
                    sink.source("email_logs", new Object[] {uuid(r), m.emailId(), s.id, m.threadId(), dir,
                            m.inbound() ? m.customerEmail() : "sales@audico.co.za", m.inbound() ? p.name() : "Audico Sales",
                            m.inbound() ? "sales@audico.co.za" : m.customerEmail(), m.subject(), m.body(), m.category(),
                            m.status(), m.sentiment(), milli(score), null, ts, payload, ts});
                    sink.baseline("email_logs", new Object[] {p.email(), m.emailId(),
                            m.inbound() ? m.customerEmail() : "sales@audico.co.za", m.inbound() ? p.name() : "Audico Sales",
                            m.inbound() ? "sales@audico.co.za" : m.customerEmail(), dir, m.subject(), m.body(), m.category(),
                            m.status(), m.sentiment(), milli(score), ts});
                }
            }
            case "social" -> {
                Shop.Social so = Shop.social(r, p, "gen" + e, micros);
                String payload = so.json();
                line(lines, "sync_social_interaction", payload);
                boolean withHandle = p.handle() != null && p.platform().equals(so.platform());
                s.usedHandle |= withHandle;
                s.usedEmail |= !withHandle;
                s.socials++;
                int score = Shop.scoreMilli(so.sentiment());
                scored(s, score, micros);
                if (sink != null) {
                    String title = Character.toUpperCase(so.platform().charAt(0)) + so.platform().substring(1) + " "
                            + so.type() + " from " + so.handleShown();
                    String status = so.requiresResponse() ? "requires_response" : so.type();
                    sink.interaction(new Object[] {id, s.id, "social", so.key(), "inbound", ts, title, head(so.content()),
                            status, so.sentiment(), milli(score), true, null, null, false, "social_interactions", so.key(),
                            payload, ts, ts});
                    sink.source("social_interactions", new Object[] {uuid(r), so.key(), s.id, so.platform(), so.type(),
                            p.name(), withHandle ? "@" + p.handle() : null, withHandle ? null : p.email(), so.content(),
                            so.sentiment(), milli(score), so.postUrl(), so.requiresResponse(), ts, "{}", payload, ts});
                    sink.baseline("social_interactions", new Object[] {so.key(), so.platform(), so.type(), p.name(), p.email(),
                            withHandle ? "@" + p.handle() : null, so.content(), so.sentiment(), milli(score), so.postUrl(),
                            so.requiresResponse(), ts});
                }
            }
            case "chat" -> {
                Shop.Quote q = Shop.quote(r, p, "gen-qs" + e, micros);
                String payload = q.json();
                line(lines, "sync_quote_session", payload);
                s.usedEmail = true;
                s.usedPhone |= p.phone() != null;
                s.chats++;
                if (sink != null) {
                    sink.interaction(new Object[] {id, s.id, "chat", q.sessionId(), "inbound", ts,
                            "Quote chat · " + q.status().replace('_', ' '), q.summary(), q.status(), null, null, false,
                            Shop.money(q.totalCents()), "ZAR", false, "quote_sessions", q.sessionId(), payload, ts, ts});
                    sink.baseline("customer_interactions", new Object[] {p.email(), "chat", q.sessionId(), q.status(),
                            Shop.money(q.totalCents()), q.summary(), null, null, ts});
                }
            }
            default -> {
                Shop.Call k = Shop.call(r, p, "gen-call" + e, micros);
                String payload = k.json();
                line(lines, "sync_call_transcript", payload);
                s.usedEmail = true;
                s.usedPhone |= p.phone() != null;
                s.calls++;
                String label = k.conversation() ? k.sentiment() : null;
                int score = Shop.scoreMilli(label);
                scored(s, score, micros);
                if (sink != null) {
                    String dir = k.inbound() ? "inbound" : "outbound";
                    String end = Shop.iso(micros + k.seconds() * 1_000_000L);
                    sink.interaction(new Object[] {id, s.id, "call", k.callId(), dir, ts, k.title(),
                            k.conversation() ? head(k.summary()) : null, k.status(), label, milli(score), label != null, null,
                            null, false, "call_transcripts", k.callId(), payload, ts, ts});
                    sink.source("call_transcripts", new Object[] {uuid(r), k.callId(), s.id, "plain", dir, p.phone(), null,
                            null, p.name(), ts, end, k.seconds(), k.status(), null, k.conversation() ? k.summary() : null,
                            k.conversation() ? k.transcript() : null, "[]", null, null, label, milli(score), payload, ts, ts});
                    sink.baseline("call_transcripts", new Object[] {k.callId(), p.email(), p.phone(), p.name(), dir, ts,
                            k.seconds(), k.status(), k.conversation() ? k.summary() : null,
                            k.conversation() ? k.transcript() : null, label, milli(score), ts});
                }
            }
        }
        s.total++;
        s.first = Math.min(s.first, micros);
        s.last = Math.max(s.last, micros);
    }

    private static void scored(Stats s, int score, long micros) {
        if (score == Integer.MIN_VALUE) {
            return;
        }
        s.scored++;
        s.sentimentMilli += score;
        s.recent[s.recentN % 10] = score;
        s.recentAt[s.recentN % 10] = micros;
        s.recentN++;
    }

    /** trend_of_scores: mean of the 5 latest scored against the 5 before, ±0.15; stable below 6. */
    private static String trend(Stats s) {
        int n = Math.min(s.recentN, 10);
        if (n < 6) {
            return "stable";
        }
        long recent = 0;
        long earlier = 0;
        for (int k = 0; k < n; k++) {
            int score = s.recent[Math.floorMod(s.recentN - 1 - k, 10)];
            if (k < 5) {
                recent += score;
            } else {
                earlier += score;
            }
        }
        BigDecimal diff = BigDecimal.valueOf(recent).divide(BigDecimal.valueOf(5000), 10, java.math.RoundingMode.HALF_UP)
                .subtract(BigDecimal.valueOf(earlier).divide(BigDecimal.valueOf((n - 5) * 1000L), 10, java.math.RoundingMode.HALF_UP));
        return diff.compareTo(new BigDecimal("0.15")) >= 0 ? "improving"
                : diff.compareTo(new BigDecimal("-0.15")) <= 0 ? "declining" : "stable";
    }

    /** recent_scores_of: the 10 latest scores (or their times), newest first, as PostgreSQL array literals. */
    private static String recentScores(Stats s, boolean times) {
        StringJoiner scores = new StringJoiner(",", "{", "}");
        for (int k = 0; k < Math.min(s.recentN, 10); k++) {
            int at = Math.floorMod(s.recentN - 1 - k, 10);
            scores.add(times ? Shop.iso(s.recentAt[at]) : milli(s.recent[at]));
        }
        return scores.toString();
    }

    private static String milli(int score) {
        return score == Integer.MIN_VALUE ? null : BigDecimal.valueOf(score, 3).toPlainString();
    }

    private static String head(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 280 ? flat : flat.substring(0, 279) + "…";
    }

    private static void line(BufferedWriter lines, String action, String data) throws IOException {
        if (lines != null) {
            lines.write("{\"action\":\"" + action + "\",\"data\":" + data + "}\n");
        }
    }

    private static UUID uuid(SplittableRandom r) {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    // ---------------------------------------------------------------- loading

    /** One COPY stream in PostgreSQL's text format, on its own connection. */
    private static final class Copy implements AutoCloseable {
        private final Connection connection;
        private final CopyIn in;
        private final StringBuilder buf = new StringBuilder(1 << 20);
        long rows;

        Copy(BenchDb db, String table, String columns) throws SQLException {
            connection = db.connect();
            try (Statement st = connection.createStatement()) {
                st.execute("SET session_replication_role = replica"); // rows are consistent by construction: skip FK triggers
            }
            in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        }

        void row(Object... values) throws IOException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buf.append('\t');
                }
                Object v = values[i];
                if (v == null) {
                    buf.append("\\N");
                } else {
                    String s = v.toString();
                    for (int k = 0; k < s.length(); k++) {
                        char c = s.charAt(k);
                        switch (c) {
                            case '\\' -> buf.append("\\\\");
                            case '\t' -> buf.append("\\t");
                            case '\n' -> buf.append("\\n");
                            case '\r' -> buf.append("\\r");
                            default -> buf.append(c);
                        }
                    }
                }
            }
            buf.append('\n');
            rows++;
            if (buf.length() > (1 << 20) - 4096) {
                flush();
            }
        }

        private void flush() throws IOException {
            byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
            try {
                in.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IOException(e);
            }
            buf.setLength(0);
        }

        @Override
        public void close() throws Exception {
            flush();
            in.endCopy();
            connection.close();
        }
    }

    void load(BenchDb db, Path jsonl, boolean reset, int verify) throws Exception {
        Map<String, String> dropped = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM customer_profiles")) {
                rs.next();
                if (rs.getLong(1) > 0 && !reset) {
                    throw new IllegalStateException("The database already has customers; pass --reset to replace them");
                }
            }
            st.execute("TRUNCATE " + String.join(", ", OUR_TABLES) + " CASCADE");
            try (InputStream sql = DataGenerator.class.getResourceAsStream("/bench/seed_baseline.sql")) {
                st.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            }
            st.execute("SET search_path = public");
            // secondary indexes are built once after the load (constraint indexes stay)
            try (ResultSet rs = st.executeQuery("""
                    SELECT n.nspname || '.' || ci.relname, pg_get_indexdef(i.indexrelid)
                    FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = ct.relnamespace
                    WHERE n.nspname IN ('public', 'seed_baseline') AND ct.relname = ANY(ARRAY[
                        'customer_profiles', 'customer_identities', 'customer_merges', 'customer_interactions',
                        'call_transcripts', 'email_logs', 'social_interactions', 'opencart_orders_cache'])
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                    """)) {
                while (rs.next()) {
                    dropped.put(rs.getString(1), rs.getString(2));
                }
            }
            for (String index : dropped.keySet()) {
                st.execute("DROP INDEX " + index);
            }
        }
        long t0 = System.nanoTime();
        try (Copy profiles = new Copy(db, "customer_profiles", """
                id, name, company, primary_email, primary_phone, status_override, merged_into, total_orders, paid_orders,
                total_spend, lifetime_value, average_order_value, currency, total_interactions, call_count, email_count,
                chat_count, social_count, first_interaction_at, last_interaction_at, sentiment_sum, sentiment_count,
                sentiment_score, sentiment_trend, recent_scores, recent_scored_at, created_at, updated_at""");
             Copy identities = new Copy(db, "customer_identities", "kind, value, customer_id, created_at");
             Copy merges = new Copy(db, "customer_merges",
                     "survivor_id, merged_id, linking_kind, linking_value, event_source, event_key, merged_at");
             Copy interactions = new Copy(db, "customer_interactions", """
                     id, customer_id, source, source_key, direction, occurred_at, title, summary, status, sentiment,
                     sentiment_score, sentiment_given, amount, currency, counts_as_value, reference_table, reference_id,
                     payload, created_at, updated_at""");
             Copy orders = new Copy(db, "opencart_orders_cache", """
                     id, order_id, customer_id, opencart_customer_id, customer_name, customer_email, customer_phone,
                     order_status, order_total, currency, payment_method, shipping_method, items, shipping_address,
                     order_date, payload, synced_at""");
             Copy emails = new Copy(db, "email_logs", """
                     id, email_id, customer_id, thread_id, direction, from_email, from_name, to_email, subject, body,
                     category, status, sentiment, sentiment_score, in_reply_to, created_at, payload, updated_at""");
             Copy socials = new Copy(db, "social_interactions", """
                     id, social_key, customer_id, platform, interaction_type, customer_name, customer_handle,
                     customer_email, content, sentiment, sentiment_score, post_url, requires_response, interaction_date,
                     metadata, payload, updated_at""");
             Copy calls = new Copy(db, "call_transcripts", """
                     id, call_id, customer_id, vendor, direction, customer_phone, from_number, to_number, customer_name,
                     started_at, ended_at, duration_seconds, status, ended_reason, summary, transcript, turns,
                     recording_url, successful, sentiment, sentiment_score, payload, created_at, updated_at""");
             Copy bOrders = new Copy(db, "seed_baseline.opencart_orders_cache", """
                     order_id, customer_id, customer_name, customer_email, customer_phone, order_status, order_total,
                     currency, payment_method, shipping_method, items, order_date, synced_at""");
             Copy bEmails = new Copy(db, "seed_baseline.email_logs", """
                     customer_email, email_id, from_email, from_name, to_email, direction, subject, body, category, status,
                     sentiment, sentiment_score, created_at""");
             Copy bSocials = new Copy(db, "seed_baseline.social_interactions", """
                     post_key, platform, interaction_type, customer_name, customer_email, customer_handle, content,
                     sentiment, sentiment_score, post_url, requires_response, interaction_date""");
             Copy bChats = new Copy(db, "seed_baseline.customer_interactions", """
                     customer_email, interaction_type, reference_id, status, total_amount, summary, sentiment,
                     sentiment_score, interaction_date""");
             Copy bCalls = new Copy(db, "seed_baseline.call_transcripts", """
                     call_id, customer_email, customer_phone, customer_name, direction, started_at, duration_seconds,
                     status, summary, transcript, sentiment, sentiment_score, created_at""")) {
            Map<String, Copy> sources = Map.of("opencart_orders_cache", orders, "email_logs", emails,
                    "social_interactions", socials, "call_transcripts", calls);
            Map<String, Copy> baseline = Map.of("opencart_orders_cache", bOrders, "email_logs", bEmails,
                    "social_interactions", bSocials, "customer_interactions", bChats, "call_transcripts", bCalls);
            generate(new Sink() {
                @Override
                public void profileRows(Stats s, Shop.Person p) throws IOException {
                    String first = Shop.iso(s.first);
                    String last = Shop.iso(s.last);
                    String avg = s.paid == 0 ? "0.00"
                            : BigDecimal.valueOf(s.spendCents, 2).divide(BigDecimal.valueOf(s.paid), 2, java.math.RoundingMode.HALF_UP)
                                    .toPlainString();
                    String score = s.scored == 0 ? null
                            : BigDecimal.valueOf(s.sentimentMilli, 3).divide(BigDecimal.valueOf(s.scored), 3,
                                    java.math.RoundingMode.HALF_UP).toPlainString();
                    SplittableRandom r = new SplittableRandom(seed * 13 + p.index());
                    String override = r.nextDouble() < 0.005 ? "Blocked" : r.nextDouble() < 0.005 ? "VIP" : null;
                    String primaryEmail = s.usedEmail ? p.email() : s.usedAlt ? p.altEmail() : null;
                    profiles.row(s.id, p.name(), p.company(), primaryEmail, s.usedPhone ? p.phone() : null, override, null,
                            s.orders, s.paid,
                            Shop.money(s.spendCents), Shop.money(s.spendCents), avg, "ZAR", s.total, s.calls, s.emails, s.chats,
                            s.socials, first, last, BigDecimal.valueOf(s.sentimentMilli, 3).toPlainString(), s.scored, score,
                            trend(s), recentScores(s, false), recentScores(s, true), first, last);
                    if (s.usedEmail) {
                        identity("email", p.email(), s.id, s.first);
                    }
                    if (s.usedAlt) {
                        identity("email", p.altEmail(), s.id, s.first);
                    }
                    if (s.usedPhone) {
                        identity("phone", p.phone(), s.id, s.first);
                    }
                    if (s.usedHandle) {
                        identity("handle", p.platform() + ":" + p.handle(), s.id, s.first);
                    }
                    if (s.usedOpencart) {
                        identity("opencart", Long.toString(p.opencartId()), s.id, s.first);
                    }
                    if (r.nextDouble() < 0.02 && s.total > 1) {
                        // a duplicate profile the service merged when an event linked it to this one
                        UUID loser = uuid(r);
                        profiles.row(loser, p.name(), null, p.altEmail(), null, null, s.id, 0, 0, "0.00", "0.00", "0.00", "ZAR",
                                0, 0, 0, 0, 0, null, null, "0.000", 0, null, "stable", "{}", "{}", first, last);
                        merges.row(s.id, loser, "email", p.email(), "email", "merge-" + p.index(), last);
                    }
                }

                @Override
                public void interaction(Object[] row) throws IOException {
                    interactions.row(row);
                }

                @Override
                public void source(String table, Object[] row) throws IOException {
                    sources.get(table).row(row);
                }

                @Override
                public void baseline(String table, Object[] row) throws IOException {
                    baseline.get(table).row(row);
                }

                @Override
                public void identity(String kind, String value, UUID customer, long micros) throws IOException {
                    identities.row(kind, value, customer, Shop.iso(micros));
                }
            }, jsonl);
        }
        double copySeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "COPY of %,d touchpoints (service schema + seed baseline) in %.1f s (%,.0f touchpoints/s)%n",
                interactions, copySeconds, interactions / copySeconds);

        long t1 = System.nanoTime();
        List<String> ddl = new ArrayList<>(dropped.values());
        ddl.add("""
                INSERT INTO seed_baseline.customer_profiles (customer_id, customer_email)
                SELECT DISTINCT customer_email, customer_email FROM seed_baseline.customer_timeline_unified
                WHERE customer_email IS NOT NULL
                """);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String sql : ddl) {
                done.add(pool.submit(() -> {
                    try (Connection c = db.connect(); Statement st = c.createStatement()) {
                        st.execute("SET maintenance_work_mem = '512MB'");
                        st.execute(sql);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double indexSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "rebuilt %d secondary indexes in %.1f s%n", dropped.size(), indexSeconds);

        long t2 = System.nanoTime();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // the seed's statistics come from its own rescanning function, set-based here
            st.execute("""
                    WITH o AS (
                        SELECT customer_email, count(*) AS orders,
                               count(*) FILTER (WHERE order_status IN ('Complete','Completed','Processing','Processed','Shipped',
                                   'Delivered','Paid','Fulfilled','Canceled Reversal')) AS paid,
                               coalesce(sum(order_total) FILTER (WHERE order_status IN ('Complete','Completed','Processing',
                                   'Processed','Shipped','Delivered','Paid','Fulfilled','Canceled Reversal')), 0) AS spend
                        FROM seed_baseline.opencart_orders_cache GROUP BY customer_email
                    ), t AS (
                        SELECT customer_email, count(*) AS n, min(interaction_date) AS first_at, max(interaction_date) AS last_at,
                               round(avg(sentiment_score), 3) AS sentiment
                        FROM seed_baseline.customer_timeline_unified GROUP BY customer_email
                    )
                    UPDATE seed_baseline.customer_profiles p SET
                        total_orders = coalesce(o.orders, 0), total_spend = coalesce(o.spend, 0), lifetime_value = coalesce(o.spend, 0),
                        average_order_value = CASE WHEN o.paid > 0 THEN round(o.spend / o.paid, 2) ELSE 0 END,
                        total_interactions = t.n, sentiment_score = t.sentiment,
                        first_interaction_date = t.first_at, last_interaction_date = t.last_at
                    FROM t LEFT JOIN o ON o.customer_email = t.customer_email
                    WHERE p.customer_id = t.customer_email
                    """);
            // the attention facts, as the service keeps them: a min/max probe of the partial indexes per profile
            st.execute("""
                    UPDATE customer_profiles p SET
                        last_sentiment = a.last_sentiment, last_outbound_at = a.last_outbound_at,
                        oldest_unanswered_email_at = a.oldest_unanswered_email_at,
                        oldest_unanswered_social_at = a.oldest_unanswered_social_at,
                        oldest_open_quote_at = a.oldest_open_quote_at
                    FROM customer_profiles q CROSS JOIN LATERAL attention_facts_of(q.id) a
                    WHERE p.id = q.id AND q.merged_into IS NULL
                    """);
            // the search terms and names, as the profile trigger keeps them (COPY ran as a replica: no triggers)
            st.execute("""
                    INSERT INTO customer_search_terms (customer_id, term, lifetime_value)
                    SELECT p.id, t, p.lifetime_value FROM customer_profiles p, customer_search_terms_of(p.name, p.company) t
                    WHERE p.merged_into IS NULL
                    """);
            st.execute("""
                    INSERT INTO customer_search_names (customer_id, name, company)
                    SELECT id, name, company FROM customer_profiles
                    WHERE merged_into IS NULL AND (name IS NOT NULL OR company IS NOT NULL)
                    """);
            // the follow-up tasks of a working shop: a reply or call-back for one in five inbound emails and
            // calls of the last 30 days, due a day later; done within hours, except those of the last three
            // days and one in ten older ones, left open (overdue: "Needs attention" lists them)
            st.execute("""
                    INSERT INTO follow_up_tasks (id, customer_id, kind, title, reason, due_at, status, source, source_key,
                        source_interaction_id, source_occurred_at, completed_at, completed_by)
                    SELECT md5('task ' || i.id)::uuid, i.customer_id, CASE i.source WHEN 'call' THEN 'callback' ELSE 'respond' END,
                           CASE i.source WHEN 'call' THEN 'Call back: ' ELSE 'Reply: ' END || left(i.title, 80), 'generated',
                           i.occurred_at + interval '1 day', CASE WHEN o.open THEN 'open' ELSE 'done' END, i.source, i.source_key,
                           i.id, i.occurred_at, CASE WHEN o.open THEN NULL ELSE i.occurred_at + interval '5 hours' END,
                           CASE WHEN o.open THEN NULL ELSE 'staff' END
                    FROM customer_interactions i
                    CROSS JOIN LATERAL (SELECT i.occurred_at > now() - interval '3 days' OR abs(hashtext(i.source_key)) % 10 = 0) o (open)
                    WHERE i.source IN ('email', 'call') AND i.direction = 'inbound' AND i.occurred_at > now() - interval '30 days'
                      AND abs(hashtext(i.source_key || ' task')) % 5 = 0
                    """);
            st.execute("VACUUM ANALYZE");
        }
        System.out.printf(Locale.ROOT, "seed baseline profiles + VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - t2) / 1e9);
        System.out.printf(Locale.ROOT, "LOAD %,d customers / %,d touchpoints: copy %.1f s, indexes %.1f s, total %.1f s%n",
                customers, interactions, copySeconds, indexSeconds, (System.nanoTime() - t0) / 1e9);
        if (verify > 0) {
            verify(db, verify);
        }
    }

    /** Profile statistics of a sample (always the heavy and light customers) equal the from-scratch recompute. */
    void verify(BenchDb db, int sample) throws SQLException {
        String cols = """
                total_orders, paid_orders, total_spend, lifetime_value, average_order_value, total_interactions, call_count,
                email_count, chat_count, social_count, first_interaction_at, last_interaction_at, sentiment_sum,
                sentiment_count, sentiment_score, sentiment_trend, recent_scores::text, recent_scored_at::text, last_sentiment, last_outbound_at, oldest_unanswered_email_at,
                oldest_unanswered_social_at, oldest_open_quote_at""";
        SplittableRandom r = new SplittableRandom(seed + 99);
        int mismatches = 0;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement read = c.prepareStatement("SELECT " + cols + " FROM customer_profiles WHERE id = ?");
                 PreparedStatement recompute = c.prepareStatement("SELECT update_customer_profile_stats(?)")) {
                for (int k = 0; k < sample; k++) {
                    int i = k < 2 ? k : r.nextInt(customers);
                    UUID id = stats[i].id;
                    List<Object> before = row(read, id);
                    recompute.setString(1, id.toString());
                    recompute.executeQuery().close();
                    List<Object> after = row(read, id);
                    if (!before.equals(after)) {
                        mismatches++;
                        if (mismatches <= 5) {
                            System.out.println("MISMATCH " + id + "\n  loaded:     " + before + "\n  recomputed: " + after);
                        }
                    }
                }
            }
            c.rollback();
        }
        System.out.printf(Locale.ROOT, "verified statistics of %d customers against update_customer_profile_stats: %d mismatches%n",
                sample, mismatches);
        if (mismatches > 0) {
            throw new IllegalStateException("generated statistics differ from the recompute");
        }
    }

    private static List<Object> row(PreparedStatement read, UUID id) throws SQLException {
        read.setObject(1, id);
        try (ResultSet rs = read.executeQuery()) {
            rs.next();
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                values.add(v instanceof BigDecimal b ? b.stripTrailingZeros() : v);
            }
            return values;
        }
    }
}
