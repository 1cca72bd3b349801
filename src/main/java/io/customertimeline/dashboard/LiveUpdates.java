package io.customertimeline.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live dashboard updates across every instance: each recorded interaction sends a PostgreSQL
 * {@code NOTIFY} inside its own transaction (a trigger on the timeline entry, V48: delivered on
 * commit, never for a rolled-back event); each instance {@code LISTEN}s on a dedicated connection
 * and passes the news to its open dashboards as server-sent events. Events carry ids only; the
 * page fetches what it shows through the ordinary, authorised requests.
 *
 * <p>The listener only queues: each stream is written by a sender of its own, so a browser that
 * stops reading (a laptop asleep, a stalled mobile link) delays nobody else. A stream that falls
 * {@value #BEHIND} events behind is ended, and so is every stream after {@link #STREAM_LIFETIME}:
 * the browser's {@code EventSource} connects again, through the security filters, so a person
 * whose account changed stops getting news within that time.
 */
@Component
class LiveUpdates implements SmartLifecycle {

    /** The channel the timeline entries announce themselves on (V48). */
    static final String CHANNEL = "timeline_live";
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final long HEARTBEAT_SECONDS = 20;
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);
    static final int BEHIND = 1_000;
    private static final int MAX_STREAMS = 500;
    /** Tabs and devices one person keeps open; one more ends their oldest, so no one person can take every stream. */
    static final int PER_PERSON = 10;

    private final DataSource dataSource;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "live-heartbeat"));
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> daemon(r, "live-sender"));
    private volatile boolean running;
    private volatile Connection listening;
    private Thread listener;

    LiveUpdates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    SseEmitter subscribe(String person) {
        List<Client> theirs = clients.stream().filter(c -> c.person.equals(person)).toList();
        for (int i = 0; i <= theirs.size() - PER_PERSON; i++) {
            theirs.get(i).end(); // the oldest first: a tab that reconnects after a blip is newer than the one it replaces
        }
        if (clients.size() >= MAX_STREAMS) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Too many open dashboards for live updates");
        }
        return add(new SseEmitter(STREAM_LIFETIME.toMillis()), person);
    }

    SseEmitter add(SseEmitter emitter, String person) {
        Client client = new Client(emitter, person);
        clients.add(client);
        emitter.onCompletion(() -> clients.remove(client));
        emitter.onTimeout(client::end);
        emitter.onError(t -> client.end());
        client.offer(SseEmitter.event().comment("connected").reconnectTime(3000));
        return emitter;
    }

    /** One open stream: the events it has yet to be sent, written by one sender at a time. */
    private final class Client {
        private final SseEmitter emitter;
        private final String person;
        private final BlockingQueue<SseEmitter.SseEventBuilder> pending = new ArrayBlockingQueue<>(BEHIND);
        private final AtomicBoolean sending = new AtomicBoolean();
        private final AtomicBoolean completed = new AtomicBoolean();
        private volatile boolean ended;

        Client(SseEmitter emitter, String person) {
            this.emitter = emitter;
            this.person = person;
        }

        void offer(SseEmitter.SseEventBuilder event) {
            if (!ended && !pending.offer(event)) {
                end(); // too far behind to catch up: its browser connects again
                return;
            }
            drain();
        }

        /** Stops sending; its sender completes the stream (never the caller's thread, which a stuck write would hold). */
        void end() {
            ended = true;
            clients.remove(this);
            drain();
        }

        private void drain() {
            if (sending.compareAndSet(false, true)) {
                try {
                    senders.execute(this::sendPending);
                } catch (RejectedExecutionException shuttingDown) {
                    sending.set(false);
                }
            }
        }

        private void sendPending() {
            try {
                SseEmitter.SseEventBuilder event;
                while (!ended && (event = pending.poll()) != null) {
                    emitter.send(event);
                }
            } catch (IOException | RuntimeException gone) {
                ended = true;
                clients.remove(this);
            } finally {
                sending.set(false);
            }
            if (ended) {
                complete();
            } else if (!pending.isEmpty()) {
                drain(); // queued after the last poll, while this sender was finishing
            }
        }

        private void complete() {
            if (completed.compareAndSet(false, true)) {
                try {
                    emitter.complete();
                } catch (RuntimeException finished) {
                    // the stream already ended (the browser left): there is nothing to complete
                }
            }
        }
    }

    int clients() {
        return clients.size();
    }

    void broadcast(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length < 3) {
            return;
        }
        UUID customer = UUID.fromString(parts[0]);
        UUID interaction = UUID.fromString(parts[1]);
        String json = "{\"customer\":\"" + customer + "\",\"interaction\":\"" + interaction + "\",\"kind\":\""
                + (parts[2].equals("created") ? "created" : "updated") + "\"}";
        for (Client client : clients) {
            client.offer(SseEmitter.event().name("interaction").data(json, MediaType.APPLICATION_JSON));
        }
    }

    @Override
    public void start() {
        running = true;
        listener = daemon(this::listen, "live-listener");
        listener.start();
        heartbeat.scheduleAtFixedRate(() -> clients.forEach(c -> c.offer(SseEmitter.event().comment("ping"))),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    private void listen() {
        while (running) {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                listening = c;
                st.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(5000);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            try {
                                broadcast(n.getParameter());
                            } catch (RuntimeException e) {
                                // one bad notification must not cost the connection and the ones after it
                                log.warn("Live update not sent ({})", e.toString());
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Live updates lost their database connection ({}); reconnecting", e.getMessage());
                    sleep(2000);
                }
            } finally {
                listening = null;
            }
        }
    }

    /** A connection of its own, outside the pool: it stays open for as long as the service runs. */
    private Connection connect() throws SQLException {
        if (dataSource instanceof HikariDataSource h) {
            return DriverManager.getConnection(h.getJdbcUrl(), h.getUsername(), h.getPassword());
        }
        return dataSource.getConnection();
    }

    @Override
    @PreDestroy
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        clients.forEach(Client::end);
        senders.shutdown();
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing on shutdown; nothing to do
            }
        }
        if (listener != null) {
            try {
                listener.join(6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the web server's graceful shutdown waits for open event streams
        return Integer.MAX_VALUE;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
