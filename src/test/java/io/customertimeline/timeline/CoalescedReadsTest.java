package io.customertimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescedReadsTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CoalescedReads<String, Integer> reads = new CoalescedReads<>();
    /** What has "committed": a computation answers the version it saw when it started. */
    private final AtomicInteger version = new AtomicInteger(1);
    private final AtomicInteger computations = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aRequestArrivingWhileAComputationRunsGetsALaterOneThatSeesWhatCommittedBefore() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<Integer> first = pool.submit(() -> reads.get("attention", () -> {
            int seen = version.get();
            firstStarted.countDown();
            await(releaseFirst);
            return seen;
        }));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();

        version.set(2); // a write commits after the first computation started, before the second request
        Future<Integer> second = pool.submit(() -> reads.get("attention", this::compute));
        Thread.sleep(100); // the second request is waiting behind the first
        releaseFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(5, TimeUnit.SECONDS)).as("the second request must see the write").isEqualTo(2);
    }

    @Test
    void requestsArrivingTogetherShareComputationsAndAllGetTheLatestAnswer() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<Integer> first = pool.submit(() -> reads.get("attention", () -> {
            computations.incrementAndGet();
            firstStarted.countDown();
            await(releaseFirst);
            return version.get();
        }));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        version.set(2);
        List<Future<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            waiting.add(pool.submit(() -> reads.get("attention", this::compute)));
        }
        Thread.sleep(200);
        releaseFirst.countDown();

        first.get(5, TimeUnit.SECONDS);
        for (Future<Integer> f : waiting) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        }
        // the first, and the one queued behind it for all sixteen (a late thread may have started a third)
        assertThat(computations.get()).isBetween(2, 3);
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> slow = pool.submit(() -> reads.get("limit-50", () -> {
            await(release);
            return 50;
        }));
        assertThat(reads.get("limit-25", () -> 25)).isEqualTo(25);
        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo(50);
    }

    @Test
    void aFailureReachesEveryRequestThatSharedItAndTheNextRequestComputesAnew() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch failingStarted = new CountDownLatch(1);
        Future<Integer> first = pool.submit(() -> reads.get("attention", () -> {
            firstStarted.countDown();
            await(releaseFirst);
            return 1;
        }));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        Future<Integer> queued = pool.submit(() -> reads.get("attention", () -> {
            failingStarted.countDown();
            throw new IllegalStateException("database went away");
        }));
        Thread.sleep(100);
        Future<Integer> joined = pool.submit(() -> reads.get("attention", this::compute));
        Thread.sleep(100);
        releaseFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(failingStarted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("database went away");
        assertThatThrownBy(() -> joined.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("database went away");
        assertThat(reads.get("attention", this::compute)).isEqualTo(1);
        assertThat(computations.get()).isEqualTo(1);
    }

    private int compute() {
        computations.incrementAndGet();
        return version.get();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
