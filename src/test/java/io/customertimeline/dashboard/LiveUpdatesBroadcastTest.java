package io.customertimeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A browser that left must not cost the others their live updates. */
class LiveUpdatesBroadcastTest {

    private final LiveUpdates live = new LiveUpdates(null);

    @Test
    void aStreamThatEndedIsDroppedAndTheOthersStillGetTheEvent() {
        var left = new Stream(true);
        var open = new Stream(false);
        live.add(left);
        live.add(open);

        String customer = UUID.randomUUID().toString();
        live.broadcast(customer + " " + UUID.randomUUID() + " created");

        assertThat(live.clients()).isEqualTo(1);
        assertThat(open.sent).hasSize(2); // "connected", then the event
        assertThat(open.sent.get(1)).contains(customer);

        live.broadcast(customer + " " + UUID.randomUUID() + " updated");
        assertThat(open.sent).hasSize(3);
    }

    /** Records what it is sent; a stream whose browser left fails to send and to complete, as Spring's does then. */
    private static final class Stream extends SseEmitter {
        private final boolean gone;
        final List<String> sent = new CopyOnWriteArrayList<>();

        Stream(boolean gone) {
            super(0L);
            this.gone = gone;
        }

        @Override
        public void send(SseEventBuilder event) throws IOException {
            if (gone && !sent.isEmpty()) {
                throw new IOException("Broken pipe");
            }
            StringBuilder text = new StringBuilder();
            event.build().forEach(part -> text.append(part.getData()));
            sent.add(text.toString());
        }

        @Override
        public void completeWithError(Throwable ex) {
            throw new IllegalStateException("AsyncContext not yet initialized");
        }
    }
}
