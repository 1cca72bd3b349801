package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.TestApp;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Against the real database: two transactions that lock in opposite orders both complete. */
class TransactionsTest {

    private final TestApp app = TestApp.get();
    private final Transactions transactions = app.bean(Transactions.class);
    private final JdbcClient jdbc = app.jdbc();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aDeadlockVictimIsRunAgainAndBothTransactionsComplete() throws Exception {
        long first = TestApp.uniqueNumber();
        long second = first + 1;
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();

        Future<String> a = pool.submit(() -> transactions.run(status -> lockBoth(first, second, bothHoldOne, runs, "a")));
        Future<String> b = pool.submit(() -> transactions.run(status -> lockBoth(second, first, bothHoldOne, runs, "b")));

        assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(runs.get()).as("PostgreSQL ended one of the two, and it ran again").isEqualTo(3);
    }

    @Test
    void insideACallersTransactionTheWorkJoinsItAndTheConflictGoesToTheCaller() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> transactions.run(outer -> transactions.run(inner -> {
            runs.incrementAndGet();
            throw new PessimisticLockingFailureException("deadlock detected");
        }))).isInstanceOf(PessimisticLockingFailureException.class);

        assertThat(runs.get()).as("the inner work is not repeated; the outer is, and fails the same way each time")
                .isEqualTo(Transactions.ATTEMPTS);
    }

    /** Locks one key, waits until the other transaction holds its first, then asks for the other key. */
    private String lockBoth(long mine, long theirs, CyclicBarrier bothHoldOne, AtomicInteger runs, String name) {
        boolean firstRun = runs.incrementAndGet() <= 2;
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", mine).query().singleRow();
        if (firstRun) {
            try {
                bothHoldOne.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", theirs).query().singleRow();
        return name;
    }
}
