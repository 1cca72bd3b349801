package io.customertimeline.ingest;

import io.customertimeline.identity.IdentityResolver;
import io.customertimeline.system.BusyException;
import io.customertimeline.system.Transactions;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Events that arrive one per request ({@code /api/sync}, the webhooks) are committed together.
 * Each request puts its event in a queue and waits; a few committer threads take whatever has
 * gathered (up to {@link #MAX_BATCH}) and record it in one transaction, and every request is
 * answered once that transaction has committed. One commit (one WAL flush, one {@code BEGIN}/{@code COMMIT}, one
 * pooled connection) then serves several events: at 32 senders, about seven events a commit,
 * PostgreSQL's and the service's CPU per event fell by a third and ingest throughput rose by
 * 38-51 % (BENCHMARKS.md, fifteenth round). An event waits only while a batch is being written, never for a timer.
 *
 * <p>A batch takes all its events' advisory locks before its first statement, in the one global
 * order extended to many events: the keys taken before an event's (a webhook delivery's inbox
 * key) sorted, then the events' own keys sorted, then every identifier's key sorted
 * ({@link io.customertimeline.identity.IdentityResolver#lockKeys}). Two batches, or a batch and a
 * lone event, then never wait for each other's advisory locks in a circle; each
 * event takes its own keys again when it is recorded (advisory locks nest within a session). The
 * profile rows an event locks are not covered: two batches that reach one customer through
 * different identifiers (an email in one, a phone in the other) and a second customer the other
 * way round can still deadlock, and are then handled like any failed batch.
 *
 * <p>The statement that takes a batch's locks also reads, for each event whose record is the only
 * one of its source and key in the batch, the timeline entry it already has
 * ({@code lock_batch_and_find}, V50); a second reads the identifiers' owners of the events it will
 * record, their profile rows locked in id order ({@link IdentityResolver#ownersOfEach}). Each event
 * takes what was read for it from {@link #found} instead of running both reads itself: two
 * statements a batch where there were two an event.
 *
 * <p>When any event of a batch fails (PostgreSQL refuses a row, the transaction is ended to break
 * a deadlock), the batch is rolled back and each of its events is recorded again in a transaction
 * of its own, so each request gets its own answer and one bad event costs the others nothing but
 * time. A request that waits longer than a write slot would ({@link Transactions#WAIT}) while its
 * event is still queued takes the event back and is answered 503: nothing of it is written.
 */
@Component
public class GroupCommit {

    static final int MAX_BATCH = 16;
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final String LOCK_ALL = """
            SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
            FROM (SELECT k FROM unnest(CAST(:keys AS text[])) WITH ORDINALITY AS t(k, n) ORDER BY n) ordered
            """;
    private static final String LOCK_ALL_AND_FIND = """
            SELECT n, id, customer_id, same, counts_as_value, amount, sentiment_score, changed_at
            FROM lock_batch_and_find(CAST(:keys AS text[]), CAST(:sources AS text[]), CAST(:sourceKeys AS text[]),
                CAST(:payloads AS jsonb[]))
            """;

    private final JdbcClient jdbc;
    private final Transactions transactions;
    private final IdentityResolver identity;
    private final Duration wait;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    /** On a committer thread, while its batch is written: the entries read for the batch's events. */
    private final ThreadLocal<Map<Ingest.Prepared, Found>> foundInBatch = new ThreadLocal<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean open = true;

    /**
     * One committer per core, at least two (one writes while the other's batch gathers), at most
     * half the write slots, so webhooks, imports and connectors always find one.
     */
    @Autowired
    GroupCommit(JdbcClient jdbc, Transactions transactions, IdentityResolver identity) {
        this(jdbc, transactions, identity, committers(Runtime.getRuntime().availableProcessors(), transactions.writeSlots()),
                Transactions.WAIT);
    }

    static int committers(int cores, int writeSlots) {
        return Math.max(2, Math.min(cores, writeSlots / 2));
    }

    GroupCommit(JdbcClient jdbc, Transactions transactions, IdentityResolver identity, int committerCount, Duration wait) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.identity = identity;
        this.wait = wait;
        for (int i = 0; i < committerCount; i++) {
            Thread t = new Thread(this::commitLoop, "ingest-commit-" + i);
            t.setDaemon(true);
            committers.add(t);
            t.start();
        }
    }

    private record Pending<T>(String lead, String[] lockKeys, Ingest.Prepared event, Supplier<T> work,
            CompletableFuture<T> done) {

        void runAlone(Transactions transactions) {
            try {
                done.complete(transactions.run(status -> work.get()));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }
    }

    /**
     * Runs {@code work} in a transaction shared with other requests' work and returns its result
     * once that transaction has committed; {@code lockKeys} are its event's advisory locks in the
     * global order (the event's key first), {@code lead} (or null) one the work takes before them.
     */
    public <T> T submit(String lead, String[] lockKeys, Supplier<T> work) {
        return submit(new Pending<>(lead, lockKeys, null, work, new CompletableFuture<>()));
    }

    /**
     * As {@link #submit(String, String[], Supplier)} for work that records {@code event} (and
     * takes its locks): the batch's first statement reads the event's existing entry, which the
     * work then takes from {@link #found}.
     */
    public <T> T submit(String lead, Ingest.Prepared event, Supplier<T> work) {
        return submit(new Pending<>(lead, event.lockKeys(), event, work, new CompletableFuture<>()));
    }

    /** What the batch's first statement read for {@code event}, once: empty when it read nothing for it. */
    Optional<Found> found(Ingest.Prepared event) {
        Map<Ingest.Prepared, Found> found = foundInBatch.get();
        return found == null ? Optional.empty() : Optional.ofNullable(found.remove(event));
    }

    /**
     * An event's timeline entry as the batch's first statement found it ({@code entry} empty when
     * it has none) and, where the batch's second read them, its identifiers' owners with their rows locked.
     */
    record Found(Optional<Ingest.Existing> entry, Optional<IdentityResolver.Snapshot> owners) {
    }

    private <T> T submit(Pending<T> pending) {
        if (!open) {
            throw new BusyException();
        }
        queue.add(pending);
        try {
            return pending.done().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (queue.remove(pending)) {
                log.warn("an event waited {} s for a committer and was taken back unwritten ({} still queued)",
                        wait.toSeconds(), queue.size());
                throw new BusyException();
            }
            try {
                return pending.done().join(); // already being written: its answer follows the commit
            } catch (CompletionException failed) {
                throw rethrow(failed.getCause());
            }
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }

    private void commitLoop() {
        while (open || !queue.isEmpty()) {
            List<Pending<?>> batch = new ArrayList<>();
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (open) {
                    continue;
                }
                return;
            } catch (Throwable e) {
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        if (batch.size() == 1) {
            batch.get(0).runAlone(transactions);
            return;
        }
        List<Object> results;
        try {
            results = transactions.runOnce(status -> {
                String[] keys = lockOrder(batch.stream().map(Pending::lead).filter(Objects::nonNull).toList(),
                        batch.stream().map(Pending::lockKeys).toList());
                foundInBatch.set(lockAndFind(keys, batch));
                try {
                    List<Object> out = new ArrayList<>(batch.size());
                    batch.forEach(p -> out.add(p.work().get()));
                    return out;
                } finally {
                    foundInBatch.remove();
                }
            });
        } catch (RuntimeException e) {
            log.info("a batch of {} events was rolled back ({}); recording each in a transaction of its own",
                    batch.size(), e.getClass().getSimpleName());
            batch.forEach(p -> p.runAlone(transactions));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    /**
     * Takes the batch's locks and reads the entries of its events, each the only one of its source
     * and key in the batch (a second record of the same entry must see what the first wrote), then,
     * for those the batch will record (not a repeat of the stored payload), their identifiers'
     * owners ({@link IdentityResolver#ownersOfEach}): two statements a batch where each event had two.
     * The owners are read only when every event of the batch is among those read.
     */
    private Map<Ingest.Prepared, Found> lockAndFind(String[] keys, List<Pending<?>> batch) {
        Map<String, Long> records = batch.stream().filter(p -> p.event() != null)
                .collect(Collectors.groupingBy(p -> p.event().entryKey(), Collectors.counting()));
        List<Ingest.Prepared> events = batch.stream().map(Pending::event)
                .filter(e -> e != null && records.get(e.entryKey()) == 1).toList();
        if (events.isEmpty()) {
            jdbc.sql(LOCK_ALL).param("keys", keys).query(Long.class).single();
            return new IdentityHashMap<>(); // read nothing: each event reads its own ({@link #found} removes from it)
        }
        Map<Ingest.Prepared, Optional<Ingest.Existing>> entries = new IdentityHashMap<>();
        events.forEach(e -> entries.put(e, Optional.empty()));
        jdbc.sql(LOCK_ALL_AND_FIND).param("keys", keys)
                .param("sources", events.stream().map(Ingest.Prepared::source).toArray(String[]::new))
                .param("sourceKeys", events.stream().map(Ingest.Prepared::sourceKey).toArray(String[]::new))
                .param("payloads", events.stream().map(Ingest.Prepared::payload).toArray(String[]::new))
                .query((RowCallbackHandler) rs -> {
                    Ingest.Prepared e = events.get(rs.getInt("n") - 1);
                    entries.put(e, Optional.of(Ingest.Existing.read(rs, e.source())));
                });
        List<Ingest.Prepared> recorded = events.stream()
                .filter(e -> entries.get(e).map(existing -> !existing.covers(e)).orElse(true)).toList();
        // An event left out above (its record twice in the batch) reads its own owners when it is
        // recorded, and may claim an identifier or merge away an owner that another's snapshot holds
        // as it was: then no event of the batch takes a snapshot, each reads its own.
        boolean unseen = events.size() < batch.size();
        Map<Integer, IdentityResolver.Snapshot> owners = unseen ? Map.of() : identity.ownersOfEach(
                recorded.stream().map(e -> e.parsed().touchpoint().identifiers()).toList(),
                recorded.stream().map(e -> entries.get(e).map(Ingest.Existing::customer)).toList());
        Map<Ingest.Prepared, Found> found = new IdentityHashMap<>();
        events.forEach(e -> found.put(e, new Found(entries.get(e), Optional.empty())));
        for (int i = 0; i < recorded.size(); i++) {
            found.put(recorded.get(i), new Found(entries.get(recorded.get(i)), Optional.ofNullable(owners.get(i))));
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object result) {
        pending.done().complete((T) result);
    }

    /** The leads sorted, the events' own keys sorted, then all their identifiers' keys sorted: the global order across events. */
    static String[] lockOrder(List<String> leads, List<String[]> eachEventsKeys) {
        TreeSet<String> events = new TreeSet<>();
        TreeSet<String> identifiers = new TreeSet<>();
        for (String[] keys : eachEventsKeys) {
            events.add(keys[0]);
            identifiers.addAll(Arrays.asList(keys).subList(1, keys.length));
        }
        List<String> keys = new ArrayList<>(new TreeSet<>(leads));
        keys.addAll(events);
        keys.addAll(identifiers);
        return keys.toArray(String[]::new);
    }

    int committerCount() {
        return committers.size();
    }

    /** Events waiting for a committer. */
    int waiting() {
        return queue.size();
    }

    boolean open() {
        return open;
    }

    /** Stops taking events, commits what is queued, then lets the committers end. */
    @PreDestroy
    void close() throws InterruptedException {
        open = false;
        for (Thread t : committers) {
            t.join(wait.toMillis());
        }
    }
}
