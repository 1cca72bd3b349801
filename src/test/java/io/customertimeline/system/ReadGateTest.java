package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.TestApp;
import io.customertimeline.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Reads take turns in the order they came; writes, health and exports never wait for a turn. */
class ReadGateTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void readsBeyondTheTurnsWaitAndGoInTheOrderTheyCameEvenAheadOfAReadArrivingAsATurnFrees() throws Exception {
        ReadGate gate = new ReadGate(1, Duration.ofSeconds(30));
        MockHttpServletRequest first = read();
        enter(gate, first);
        List<String> served = new CopyOnWriteArrayList<>();

        Future<?> second = pool.submit(() -> serve(gate, "second", served));
        Waits.until(() -> gate.turns.getQueueLength() == 1);
        Future<?> third = pool.submit(() -> serve(gate, "third", served));
        Waits.until(() -> gate.turns.getQueueLength() == 2);
        assertThat(served).as("both wait while the first read runs").isEmpty();

        leave(gate, first);
        serve(gate, "latecomer", served); // arrives as the turn frees: it must not jump the queue
        second.get(10, TimeUnit.SECONDS);
        third.get(10, TimeUnit.SECONDS);

        assertThat(served).containsExactly("second", "third", "latecomer");
        assertThat(gate.turns.availablePermits()).isEqualTo(1);
    }

    @Test
    void aReadThatFindsNoTurnInTimeIsRefusedAsBusyAndTheNextOneIsServed() {
        ReadGate gate = new ReadGate(1, Duration.ofMillis(200));
        MockHttpServletRequest holder = read();
        enter(gate, holder);

        MockHttpServletRequest late = read();
        assertThatThrownBy(() -> enter(gate, late)).isInstanceOfSatisfying(BusyException.class, e -> {
            ResponseEntity<ProblemDetail> answer = new ProblemHandler().busy(e);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(answer.getBody().getDetail()).contains("reads").doesNotContain("written");
        });
        gate.afterCompletion(late, new MockHttpServletResponse(), null, null); // Spring does not call it; harmless if it did
        assertThat(gate.turns.availablePermits()).as("a refused read took no turn").isZero();

        enter(gate, holder); // forwarded within the same read: it already holds the only turn
        leave(gate, holder);
        MockHttpServletRequest next = read();
        enter(gate, next);
        leave(gate, next);
    }

    @Test
    void writesAndTheSharedAttentionListDoNotTakeTurnsAndAFailedReadGivesItsTurnBack() {
        ReadGate gate = new ReadGate(1, Duration.ofMillis(200));
        MockHttpServletRequest failing = read();
        enter(gate, failing);

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            assertThat(gate.preHandle(new MockHttpServletRequest(method, "/api/timeline"), new MockHttpServletResponse(), null))
                    .as(method + " passes while every turn is taken").isTrue();
        }
        for (String attention : List.of("action", "list")) {
            MockHttpServletRequest list = read();
            list.setParameter(attention, "attention");
            assertThat(gate.preHandle(list, new MockHttpServletResponse(), null)).as(attention + "=attention passes").isTrue();
            gate.afterCompletion(list, new MockHttpServletResponse(), null, null);
        }
        MockHttpServletRequest recent = read();
        recent.setParameter("action", "recent");
        assertThatThrownBy(() -> enter(gate, recent)).as("another list takes its turn").isInstanceOf(BusyException.class);
        gate.afterCompletion(failing, new MockHttpServletResponse(), null, new IllegalStateException("the read failed"));

        assertThat(gate.turns.availablePermits()).isEqualTo(1);
    }

    @Test
    void readsRunTwoPerCoreUnlessToldOtherwise() {
        assertThat(properties(null).concurrentReads()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(properties(6).concurrentReads()).isEqualTo(6);
        assertThat(new ReadGate(properties(0).concurrentReads(), Duration.ZERO).turns).as("0: no limit").isNull();
        assertThatThrownBy(() -> properties(-1)).hasStackTraceContaining("TIMELINE_READ_CONCURRENCY");
    }

    @Test
    void whileEveryTurnIsTakenTheServicesReadsWaitButWritesHealthAndExportsAreAnswered() throws Exception {
        TestApp app = TestApp.get();
        ReadGate gate = app.bean(ReadGate.class);
        int turns = app.bean(TimelineProperties.class).concurrentReads();
        gate.turns.acquire(turns);
        Future<TestApp.Response> waiting;
        String email = TestApp.unique("gate") + "@example.com";
        try {
            waiting = pool.submit(() -> app.get("/api/timeline?action=recent&limit=3"));
            Waits.until(() -> gate.turns.getQueueLength() == 1);

            assertThat(app.sync("sync_email_thread", """
                    {"email_id": "%s", "from_email": "%s", "subject": "Quote", "body": "Please send a quote.",
                     "created_at": "2024-05-02T09:00:00Z"}""".formatted(TestApp.unique("msg"), email)).status()).isEqualTo(200);
            assertThat(app.get("/actuator/health").status()).isEqualTo(200);
            assertThat(app.get("/api/timeline/export.csv?customerId=" + email).status()).isEqualTo(200);
            assertThat(waiting.isDone()).as("the read waits for its turn").isFalse();
        } finally {
            gate.turns.release(turns);
        }
        assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(app.get("/api/timeline?action=timeline&customerId=" + email).json().path("timeline").size()).isEqualTo(1);
        assertThat(gate.turns.availablePermits()).as("every turn given back").isEqualTo(turns);
    }

    private static TimelineProperties properties(Integer readConcurrency) {
        Map<String, String> settings = readConcurrency == null ? Map.of() : Map.of("timeline.read-concurrency", readConcurrency.toString());
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("timeline", TimelineProperties.class);
    }

    private static void serve(ReadGate gate, String name, List<String> served) {
        MockHttpServletRequest request = read();
        enter(gate, request);
        served.add(name);
        leave(gate, request);
    }

    private static MockHttpServletRequest read() {
        return new MockHttpServletRequest("GET", "/api/timeline");
    }

    private static void enter(ReadGate gate, MockHttpServletRequest request) {
        assertThat(gate.preHandle(request, new MockHttpServletResponse(), null)).isTrue();
    }

    private static void leave(ReadGate gate, MockHttpServletRequest request) {
        gate.afterCompletion(request, new MockHttpServletResponse(), null, null);
    }
}
