package io.customertimeline.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live dashboard updates across every instance: each recorded interaction sends a PostgreSQL
 * {@code NOTIFY} inside its own transaction (a trigger on the timeline entry, V48: delivered on
 * commit, never for a rolled-back event); each instance {@code LISTEN}s on a dedicated connection
 * and passes the news to its open dashboards as server-sent events. Events carry ids only; the
 * page fetches what it shows through the ordinary, authorised requests.
 */
@Component
class LiveUpdates implements SmartLifecycle {

    /** The channel the timeline entries announce themselves on (V48). */
    static final String CHANNEL = "timeline_live";
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final long HEARTBEAT_SECONDS = 20;

    private final DataSource dataSource;
    private final List<SseEmitter> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "live-heartbeat"));
    private volatile boolean running;
    private volatile Connection listening;
    private Thread listener;

    LiveUpdates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    SseEmitter subscribe() {
        return add(new SseEmitter(0L));
    }

    SseEmitter add(SseEmitter emitter) {
        clients.add(emitter);
        emitter.onCompletion(() -> clients.remove(emitter));
        emitter.onTimeout(() -> clients.remove(emitter));
        emitter.onError(t -> clients.remove(emitter));
        send(emitter, SseEmitter.event().comment("connected").reconnectTime(3000));
        return emitter;
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
        for (SseEmitter client : clients) {
            send(client, SseEmitter.event().name("interaction").data(json, MediaType.APPLICATION_JSON));
        }
    }

    private void send(SseEmitter client, SseEmitter.SseEventBuilder event) {
        try {
            client.send(event);
        } catch (IOException | RuntimeException gone) {
            clients.remove(client);
            try {
                client.completeWithError(gone);
            } catch (RuntimeException finished) {
                // the stream already ended (the browser left): there is nothing to complete
            }
        }
    }

    @Override
    public void start() {
        running = true;
        listener = daemon(this::listen, "live-listener");
        listener.start();
        heartbeat.scheduleAtFixedRate(() -> clients.forEach(c -> send(c, SseEmitter.event().comment("ping"))),
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
        clients.forEach(SseEmitter::complete);
        clients.clear();
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
