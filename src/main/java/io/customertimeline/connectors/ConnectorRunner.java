package io.customertimeline.connectors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs a connector once: pulls from its watermark, feeds every event to the ingest path (the one
 * {@code /api/sync} uses), stores the new watermark after each batch, and records counts,
 * progress and errors. Each batch is committed in one transaction (rows in savepoints) before its
 * watermark is stored. A row the ingest path refuses is skipped and counted; a source that fails
 * ends the run with its error recorded and the next try backed off. One run per connector at a time.
 */
@Service
public class ConnectorRunner {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRunner.class);

    private final BatchIngest ingest;
    private final ConnectorStates states;
    private final ConnectorProperties props;
    private final Clock clock;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ConnectorRunner(BatchIngest ingest, ConnectorStates states, ConnectorProperties props, Clock clock) {
        this.ingest = ingest;
        this.states = states;
        this.props = props;
        this.clock = clock;
    }

    /** What a run did. */
    public record RunResult(String name, boolean ok, long read, long created, long updated, long unchanged, long skipped,
                            String error, Duration elapsed, Instant nextRunAt) {
    }

    /** Thrown when the connector is already running. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(String name) {
            super(name + " is already running");
        }
    }

    public boolean isRunning(String name) {
        ReentrantLock lock = locks.get(name);
        return lock != null && lock.isLocked();
    }

    public RunResult run(Connector connector) {
        if (!connector.enabled()) {
            throw new IllegalStateException(connector.name() + " is off: " + connector.problem());
        }
        String name = connector.name();
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new AlreadyRunning(name);
        }
        try {
            return runLocked(connector);
        } finally {
            lock.unlock();
        }
    }

    private RunResult runLocked(Connector connector) {
        String name = connector.name();
        var previous = states.find(name);
        String watermark = previous.map(ConnectorStates.State::watermark).orElse(null);
        int failures = previous.map(ConnectorStates.State::consecutiveFailures).orElse(0);
        states.started(name);
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Counts total = new Counts();
        log.info("{}: run started{}", name, watermark == null ? " (first run: full import)" : " from " + watermark);
        try {
            connector.source().pull(watermark, batch -> {
                Counts counts = new Counts();
                List<RowError> rejected = new ArrayList<>(batch.rejected());
                counts.skipped += batch.rejected().size();
                List<BatchIngest.Outcome> outcomes = ingest.acceptAll(batch.events(), false);
                for (int i = 0; i < outcomes.size(); i++) {
                    BatchIngest.Outcome o = outcomes.get(i);
                    if (o.rejected()) {
                        CanonicalEvent e = batch.events().get(i);
                        counts.skipped++;
                        rejected.add(new RowError(e.type().name().toLowerCase(java.util.Locale.ROOT) + " " + e.key(), o.rejection()));
                    } else {
                        switch (o.result().outcome()) {
                            case created -> counts.created++;
                            case updated -> counts.updated++;
                            case unchanged -> counts.unchanged++;
                        }
                    }
                }
                counts.read = batch.events().size() + batch.rejected().size();
                total.add(counts);
                double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
                double rate = batch.progress().done() / seconds;
                states.rejected(name, rejected);
                states.batchDone(name, batch.watermark(), counts.read, counts.created, counts.updated, counts.unchanged,
                        counts.skipped, batch.progress(), rate);
                logProgress(name, batch.progress(), total, rate);
            });
            Instant next = clock.instant().plus(connector.interval());
            states.succeeded(name, next);
            Duration elapsed = Duration.between(started, clock.instant());
            log.info("{}: run finished in {} s: {} read, {} new, {} updated, {} unchanged, {} skipped", name,
                    elapsed.toSeconds(), total.read, total.created, total.updated, total.unchanged, total.skipped);
            return new RunResult(name, true, total.read, total.created, total.updated, total.unchanged, total.skipped, null,
                    elapsed, next);
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Duration wait = backoff(connector.interval(), failures + 1);
            Instant next = clock.instant().plus(wait);
            int inARow = states.failed(name, error, next);
            log.warn("{}: run failed ({} in a row), next try in {}: {}", name, inARow, wait, error);
            return new RunResult(name, false, total.read, total.created, total.updated, total.unchanged, total.skipped, error,
                    Duration.between(started, clock.instant()), next);
        }
    }

    /** The interval, doubled for each failure in a row after the first, at most {@code maxBackoff} (or the interval if longer). */
    Duration backoff(Duration interval, int failuresInARow) {
        Duration cap = interval.compareTo(props.maxBackoff()) > 0 ? interval : props.maxBackoff();
        Duration wait = interval;
        for (int i = 1; i < failuresInARow && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    private static void logProgress(String name, Progress p, Counts total, double rate) {
        if (p.totalKnown() && p.total() > 0) {
            log.info("{}: {} / {} rows ({}%), {} rows/s — {} new, {} updated, {} unchanged, {} skipped", name, p.done(), p.total(),
                    p.done() * 100 / p.total(), Math.round(rate), total.created, total.updated, total.unchanged, total.skipped);
        } else {
            log.info("{}: {} rows, {} rows/s — {} new, {} updated, {} unchanged, {} skipped", name, p.done(), Math.round(rate),
                    total.created, total.updated, total.unchanged, total.skipped);
        }
    }

    private static final class Counts {
        long read;
        long created;
        long updated;
        long unchanged;
        long skipped;

        void add(Counts c) {
            read += c.read;
            created += c.created;
            updated += c.updated;
            unchanged += c.unchanged;
            skipped += c.skipped;
        }
    }
}
