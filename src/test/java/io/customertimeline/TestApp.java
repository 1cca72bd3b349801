package io.customertimeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service, started once per test JVM on a throw-away embedded PostgreSQL and a random
 * port, and spoken to over real HTTP. Tests keep to their own data (unique emails), so they run
 * in any order against the one database.
 */
public final class TestApp {

    public static final String API_KEY = "test-api-key-0123456789";
    /** Secrets of the inbound channels; the timeline one is a Standard Webhooks {@code whsec_} secret. */
    public static final String CALL_SYSTEM_SECRET = "call-system-test-secret-0123456789";
    public static final String TIMELINE_WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static volatile TestApp instance;

    public final ConfigurableApplicationContext context;
    public final int port;
    public final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public static TestApp get() {
        if (instance == null) {
            synchronized (TestApp.class) {
                if (instance == null) {
                    instance = new TestApp(start());
                    Runtime.getRuntime().addShutdownHook(new Thread(instance.context::close));
                }
            }
        }
        return instance;
    }

    private static ConfigurableApplicationContext start() {
        try {
            Path data = Files.createTempDirectory("customer-timeline-test-");
            // Command-line arguments outrank application.yml (whose server.port is ${PORT:8080}),
            // so every test JVM gets a free port of its own.
            return new SpringApplicationBuilder(Application.class).run(
                    "--server.port=0",
                    "--timeline.data-dir=" + data,
                    "--timeline.ephemeral-data=true",
                    "--timeline.api-key=" + API_KEY,
                    "--CALL_SYSTEM_WEBHOOK_SECRET=" + CALL_SYSTEM_SECRET,
                    "--TIMELINE_WEBHOOK_SECRET=" + TIMELINE_WEBHOOK_SECRET,
                    "--timeline.demo-data=false",
                    "--logging.level.root=WARN",
                    "--logging.level.io.customertimeline=INFO");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public JdbcClient jdbc() {
        return bean(JdbcClient.class);
    }

    /** A string no other test uses, for emails, order ids and keys. */
    public static String unique(String prefix) {
        return prefix + System.nanoTime() % 1_000_000_000L + "-" + SEQUENCE.incrementAndGet();
    }

    public static long uniqueNumber() {
        return 1_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
    }

    public record Response(int status, String contentType, String body, JsonNode json) {
    }

    public Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + API_KEY).GET());
    }

    public Response post(String path, String body) {
        return post(path, body, "Bearer " + API_KEY);
    }

    public Response post(String path, String body, String authorization) {
        var b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    public Response send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(30));
    }

    public Response send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> r = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode node = type.contains("json") && !r.body().isEmpty() ? json.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, r.body(), node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** POST /api/sync with an action and a data object, returning the response. */
    public Response sync(String action, String dataJson) {
        return post("/api/sync", "{\"action\":\"" + action + "\",\"data\":" + dataJson + "}");
    }
}
