package io.customertimeline.demo;

import io.customertimeline.ingest.Ingest;
import io.customertimeline.system.BadSetting;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo shop into an empty database at start when {@code TIMELINE_DEMO_DATA=true}, or by
 * default under {@code mvn spring-boot:run} with the embedded database. Events go through
 * {@link Ingest#accept} in batches of {@value #BATCH} per transaction (one durable commit per batch).
 */
@Component
@ConditionalOnWebApplication // not in one-off commands (import)
@Order(10)
class DemoData implements ApplicationRunner {

    static final int CUSTOMERS = 240;
    static final int BATCH = 500;
    static final int WORKERS = 2;
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Ingest ingest;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;

    DemoData(Ingest ingest, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
            @Value("${timeline.demo-data:}") String explicit,
            @Value("${timeline.demo-data-default:false}") boolean runDefault,
            @Value("${DATABASE_URL:}") String databaseUrl) {
        this.ingest = ingest;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.enabled = enabled(explicit, runDefault, databaseUrl);
    }

    /** {@code TIMELINE_DEMO_DATA} decides when set; unset, only {@code mvn spring-boot:run} on the embedded database loads it. */
    static boolean enabled(String explicit, boolean runDefault, String databaseUrl) {
        if (explicit == null || explicit.isBlank()) {
            return runDefault && (databaseUrl == null || databaseUrl.isBlank());
        }
        return switch (explicit.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            // 'maybe' or 'yes' used to mean false without a word
            default -> throw new BadSetting("TIMELINE_DEMO_DATA", "must be true or false (or unset), not '" + explicit.strip() + "'");
        };
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        if (jdbc.sql("SELECT exists (SELECT 1 FROM customer_profiles)").query(Boolean.class).single()) {
            log.info("Demo data: the database already has customers; nothing loaded.");
            return;
        }
        load(DemoShop.generate(clock, CUSTOMERS, 27L));
    }

    private void ingest(List<DemoShop.Event> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            List<DemoShop.Event> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            tx.executeWithoutResult(s -> batch.forEach(e -> ingest.accept(e.type(), e.data())));
        }
    }

    /**
     * Ingests the events oldest first, people split over {@value #WORKERS} workers (one person's
     * events stay in order on one worker; different people share no identifier, so they never
     * wait on each other's locks); returns the time taken in milliseconds.
     */
    long load(List<DemoShop.Event> events) {
        long started = System.nanoTime();
        List<List<DemoShop.Event>> parts = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            parts.add(events.stream().filter(e -> e.person() % WORKERS == worker).toList());
        }
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<DemoShop.Event> part : parts) {
                running.add(pool.submit(() -> ingest(part)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Loading the demo data failed", e.getCause());
        } finally {
            pool.shutdown();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long profiles = jdbc.sql("SELECT count(*) FROM customer_profiles WHERE merged_into IS NULL").query(Long.class).single();
        long merges = jdbc.sql("SELECT count(*) FROM customer_merges").query(Long.class).single();
        log.info("Demo data: {} events → {} customers ({} duplicate profiles merged) in {} ms ({} by source)",
                events.size(), profiles, merges, millis, DemoShop.countBySource(events));
        return millis;
    }
}
