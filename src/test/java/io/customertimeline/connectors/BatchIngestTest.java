package io.customertimeline.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.TestApp;
import io.customertimeline.ingest.EventType;
import io.customertimeline.ingest.Ingest;
import io.customertimeline.ingest.IngestResult;
import io.customertimeline.system.BusyException;
import io.customertimeline.system.Transactions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/** A batch that cannot get a write slot is refused whole as busy: its rows are never reported as refused. */
class BatchIngestTest {

    private final TestApp app = TestApp.get();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aBatchThatFindsNoWriteSlotIsRefusedAsBusyAndWritesNothingThenGoesThroughWhole() throws Exception {
        Transactions oneSlot = new Transactions(app.bean(TransactionTemplate.class), 1, Duration.ofMillis(200));
        BatchIngest batches = new BatchIngest(app.bean(Ingest.class), app.bean(PlatformTransactionManager.class), oneSlot);
        String run = TestApp.unique("busy");
        List<CanonicalEvent> events = IntStream.range(0, 3).mapToObj(i -> {
            ObjectNode data = app.json.createObjectNode().put("email_id", run + "-" + i).put("from_email", run + "@example.com")
                    .put("subject", "Invoice " + i).put("body", "Please resend the invoice")
                    .put("created_at", "2024-05-0" + (i + 1) + "T10:00:00Z");
            return new CanonicalEvent(EventType.EMAIL, run + "-" + i, data);
        }).toList();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> holder = pool.submit(() -> oneSlot.run(status -> {
            holding.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS) ? 1 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> batches.acceptAll(events, false)).isInstanceOf(BusyException.class);
            assertThat(stored(run)).as("nothing of the batch is written").isZero();
        } finally {
            release.countDown();
        }
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(1);

        List<BatchIngest.Outcome> outcomes = batches.acceptAll(events, false);

        assertThat(outcomes).extracting(o -> o.result().outcome()).containsOnly(IngestResult.Outcome.created);
        assertThat(stored(run)).isEqualTo(3);
    }

    private long stored(String run) {
        return app.jdbc().sql("SELECT count(*) FROM customer_interactions WHERE source = 'email' AND source_key LIKE :p")
                .param("p", run + "-%").query(Long.class).single();
    }
}
