package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.TestApp;
import io.customertimeline.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Against the real database: two transactions that lock in opposite orders both complete; writes
 * never take the connections reads need.
 */
class TransactionsTest {

    private final TestApp app = TestApp.get();
    private final Transactions transactions = app.bean(Transactions.class);
    private final JdbcClient jdbc = app.jdbc();
    private final int poolSize = app.bean(TimelineProperties.class).poolSize();
    private final ExecutorService pool = Executors.newFixedThreadPool(poolSize + 4);

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

    @Test
    void whileWritesHoldEveryWriteSlotAStaffReadIsAnsweredAndTheQueuedEventsAreStoredAfterwards() throws Exception {
        int slots = Transactions.writers(poolSize);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        List<Future<Integer>> held = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) { // as many writes as the pool has connections
            held.add(pool.submit(() -> transactions.run(status -> {
                jdbc.sql("SELECT 1").query().singleRow();
                inside.incrementAndGet();
                Waits.await(release);
                return 1;
            })));
        }
        String email = TestApp.unique("queued") + "@example.com";
        Future<TestApp.Response> queuedEvent = pool.submit(() -> app.sync("sync_email_thread", """
                {"email_id": "%s", "from_email": "%s", "subject": "Order 5512", "body": "Where is my parcel?",
                 "created_at": "2024-03-01T08:00:00Z"}""".formatted(TestApp.unique("msg"), email)));
        try {
            Waits.until(() -> inside.get() == slots);

            TestApp.Response read = pool.submit(() -> app.get("/api/timeline?action=recent&limit=5")).get(20, TimeUnit.SECONDS);

            assertThat(read.status()).as("answered while every write slot is held").isEqualTo(200);
            assertThat(inside.get()).as("the writes beyond the slots waited for one").isEqualTo(slots);
            assertThat(queuedEvent.isDone()).as("the event waits for a slot, it is not refused").isFalse();
        } finally {
            release.countDown();
        }
        for (Future<Integer> f : held) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(queuedEvent.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(app.get("/api/timeline?action=timeline&customerId=" + email).json().path("timeline").size()).isEqualTo(1);
    }

    @Test
    void aWriteThatFindsNoSlotInTimeIsRefusedAsBusyAndWritesNothing() throws Exception {
        Transactions oneSlot = new Transactions(app.bean(TransactionTemplate.class), 1, Duration.ofMillis(200));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        long key = TestApp.uniqueNumber();
        Future<Integer> holder = pool.submit(() -> oneSlot.run(status -> {
            holding.countDown();
            Waits.await(release);
            return 1;
        }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicInteger ran = new AtomicInteger();

            BusyException refused = null;
            try {
                oneSlot.run(status -> ran.incrementAndGet());
            } catch (BusyException e) {
                refused = e;
            }
            assertThat(refused).as("refused as busy").isNotNull();
            assertThat(ran.get()).as("the refused work never ran").isZero();
            ResponseEntity<ProblemDetail> answer = new ProblemHandler().busy(refused);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(answer.getBody().getDetail()).contains("nothing was written");
        } finally {
            release.countDown();
        }
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        Long again = oneSlot.run(status -> jdbc.sql("SELECT CAST(:k AS bigint)").param("k", key).query(Long.class).single());
        assertThat(again).as("the slot is free again").isEqualTo(key);
    }

    @Test
    void aQuarterOfThePoolIsKeptForReads() {
        assertThat(Transactions.writers(1)).isEqualTo(1);
        assertThat(Transactions.writers(2)).isEqualTo(1);
        assertThat(Transactions.writers(8)).isEqualTo(6);
        assertThat(Transactions.writers(16)).isEqualTo(12);
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
