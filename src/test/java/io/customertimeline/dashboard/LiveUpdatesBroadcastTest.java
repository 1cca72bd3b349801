package io.customertimeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A browser that left, or stopped reading, must not cost the others their live updates. */
class LiveUpdatesBroadcastTest {

    private final LiveUpdates live = new LiveUpdates(null);

    @Test
    void onePersonOpeningStreamsWithoutEndEndsTheirOwnOldestNotOtherPeoples() {
        live.subscribe("admin");
        for (int i = 0; i < LiveUpdates.PER_PERSON + 5; i++) {
            live.subscribe("mallory");
        }
        assertThat(live.clients()).isEqualTo(LiveUpdates.PER_PERSON + 1);
        live.subscribe("admin");
        assertThat(live.clients()).isEqualTo(LiveUpdates.PER_PERSON + 2);
    }

    @Test
    void aStreamThatEndedIsDroppedAndTheOthersStillGetTheEvent() {
        var left = new Stream(true);
        var open = new Stream(false);
        live.add(left, "someone");
        live.add(open, "someone");

        String customer = UUID.randomUUID().toString();
        live.broadcast(customer + " " + UUID.randomUUID() + " created");

        within(5, () -> open.sent.size() == 2); // "connected", then the event
        assertThat(open.sent.get(1)).contains(customer);
        within(5, () -> live.clients() == 1);

        live.broadcast(customer + " " + UUID.randomUUID() + " updated");
        within(5, () -> open.sent.size() == 3);
    }

    @Test
    @Timeout(30) // written on the broadcasting thread, the first event to the stuck stream would never return
    void aStreamThatStopsReadingDelaysNobodyAndIsEndedWhenTooFarBehind() throws Exception {
        var stuck = new Stream(false);
        var open = new Stream(false);
        live.add(stuck, "someone");
        live.add(open, "someone");
        within(5, () -> stuck.sent.size() == 1 && open.sent.size() == 1);
        stuck.block();

        for (int i = 0; i <= LiveUpdates.BEHIND + 1; i++) {
            live.broadcast(UUID.randomUUID() + " " + UUID.randomUUID() + " created");
            if (i % 100 == 99) {
                int sent = i + 2;
                within(5, () -> open.sent.size() >= sent); // the reading stream keeps up
            }
        }

        within(10, () -> open.sent.size() == LiveUpdates.BEHIND + 3);
        assertThat(live.clients()).as("the stream that fell behind was let go").isEqualTo(1);
        stuck.release();
        assertThat(stuck.completed.await(5, TimeUnit.SECONDS)).as("and ended, so its browser connects again").isTrue();
    }

    private static void within(int seconds, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within %d s", seconds).isLessThan(end);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records what it is sent; a stream whose browser left fails to send and to complete, as Spring's does then. */
    private static final class Stream extends SseEmitter {
        private final boolean gone;
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch completed = new CountDownLatch(1);
        private volatile CountDownLatch blocked;

        Stream(boolean gone) {
            super(0L);
            this.gone = gone;
        }

        void block() {
            blocked = new CountDownLatch(1);
        }

        void release() {
            blocked.countDown();
        }

        @Override
        public void send(SseEventBuilder event) throws IOException {
            if (gone && !sent.isEmpty()) {
                throw new IOException("Broken pipe");
            }
            CountDownLatch wait = blocked;
            if (wait != null) {
                try {
                    wait.await(); // a write to a browser that stopped reading
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            StringBuilder text = new StringBuilder();
            event.build().forEach(part -> text.append(part.getData()));
            sent.add(text.toString());
        }

        @Override
        public void complete() {
            completed.countDown();
            if (gone) {
                throw new IllegalStateException("AsyncContext not yet initialized");
            }
        }
    }
}
