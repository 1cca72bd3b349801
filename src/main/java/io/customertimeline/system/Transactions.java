package io.customertimeline.system;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a unit of work's transaction begins. When two transactions wait for each other's locks,
 * PostgreSQL ends one of them (a deadlock victim; likewise a transaction it cannot serialise).
 * Everything the victim did is undone, so it is safe to run it again, and that is what happens
 * here, a few times after a short random pause, instead of failing the request or the import
 * batch. Two imports of the same customers in different orders meet like that, or a connector's
 * batch and the webhooks of the same customers.
 *
 * <p>Called inside a transaction, the work joins it and is not repeated here: only whoever began
 * the transaction can run it again.
 *
 * <p>At most {@link #writers(int) three quarters of the pool} of these transactions run at once;
 * the rest of the connections are kept for reads (and for staff's own edits, which do not come
 * through here). Without that, a burst of events (a webhook storm, a sender catching up) queued
 * hundreds of requests for the pool's connections, and a staff member's customer page waited
 * behind all of them: p99 0.6 s with 32 senders, 2 s with 128 (BENCHMARKS.md, thirteenth round).
 * The cores stay busy with fewer writers; reads now find a connection free. A writer that waits
 * longer than a connection would ({@link #WAIT}) is answered 503 with a time to retry.
 */
@Component
public class Transactions {

    static final int ATTEMPTS = 5;
    /** HikariCP's own wait for a connection. */
    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration PAUSE = Duration.ofMillis(20);
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final TransactionTemplate tx;
    private final Semaphore writers;
    private final int slots;
    private final Duration wait;

    @Autowired
    Transactions(TransactionTemplate tx, TimelineProperties props) {
        this(tx, writers(props.poolSize()), WAIT);
    }

    /** With a given number of write slots and wait for one (a tool, a test); the service's own is a bean. */
    public Transactions(TransactionTemplate tx, int writers, Duration wait) {
        this.tx = tx;
        this.writers = new Semaphore(writers, true);
        this.slots = writers;
        this.wait = wait;
    }

    /**
     * The same in a write slot, but not run again on a lock conflict: for a batch, whose caller
     * records its rows one at a time instead ({@code BatchIngest}).
     */
    public <T> T runOnce(TransactionCallback<T> work) {
        return TransactionSynchronizationManager.isActualTransactionActive() ? tx.execute(work) : writing(work);
    }

    /** How many write transactions may run at once. */
    public int writeSlots() {
        return slots;
    }

    /** Of a pool of n connections, those writes may hold at once: all but a quarter (at least one) of them. */
    static int writers(int poolSize) {
        return poolSize == 1 ? 1 : poolSize - Math.max(1, poolSize / 4);
    }

    public <T> T run(TransactionCallback<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return tx.execute(work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return writing(work);
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("transaction ended by PostgreSQL to break a lock conflict (attempt {} of {}); running it again",
                        attempt, ATTEMPTS);
                pause(attempt);
            }
        }
    }

    private <T> T writing(TransactionCallback<T> work) {
        try {
            if (!writers.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("no write slot came free in {} s ({} more waiting); refused as busy", wait.toSeconds(),
                        writers.getQueueLength());
                throw new BusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write", e);
        }
        try {
            return tx.execute(work);
        } finally {
            writers.release();
        }
    }

    /** 20, 40, 80, 160 ms, each up to half again at random, so two victims do not meet again in step. */
    private static void pause(int attempt) {
        long millis = PAUSE.toMillis() << (attempt - 1);
        try {
            Thread.sleep(millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before running a transaction again", e);
        }
    }
}
