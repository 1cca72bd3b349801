package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.users.Role;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

/** Live updates reach open dashboards from any instance, through PostgreSQL's NOTIFY on commit. */
class LiveUpdatesTest {

    private final TestApp app = TestApp.get();

    /** Opens the event stream of a signed-in person and collects its "data:" lines. */
    private BlockingQueue<String> stream(HttpClient client) throws Exception {
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        String cookie = web.cookie();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(app.uri("/timeline/events")).header("Cookie", cookie)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        lines.add(line.substring(5));
                    }
                }
            } catch (Exception ignored) {
                // stream closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitMention(BlockingQueue<String> lines, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(text)) {
                return line;
            }
        }
        return null;
    }

    @Test
    void aCommittedInteractionIsAnnouncedWithIdsOnly() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BlockingQueue<String> lines = stream(client);
        String email = unique("live") + "@example.co.za";
        var r = app.sync("sync_email_thread", Events.email(unique("m"), email).with("subject", "secret subject").json());
        String customer = r.json().path("customer_id").asString();
        String line = awaitMention(lines, customer);
        assertThat(line).contains(r.json().path("interaction_id").asString()).contains("created").doesNotContain("secret subject");
    }

    @Test
    void aChangedDeliveryIsAnnouncedAsAnUpdateAndARepeatedOneNotAtAll() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BlockingQueue<String> lines = stream(client);
        String email = unique("live") + "@example.co.za";
        String messageId = unique("m");
        var first = app.sync("sync_email_thread", Events.email(messageId, email).json());
        String interaction = first.json().path("interaction_id").asString();
        assertThat(awaitMention(lines, interaction)).contains("created");
        app.sync("sync_email_thread", Events.email(messageId, email).json());
        var changed = app.sync("sync_email_thread", Events.email(messageId, email).with("status", "replied").json());
        assertThat(changed.json().path("interaction_id").asString()).isEqualTo(interaction);
        assertThat(awaitMention(lines, interaction)).contains("updated");
        Thread.sleep(500);
        assertThat(lines.stream().filter(l -> l.contains(interaction))).as("the repeated delivery changed nothing").isEmpty();
    }

    @Test
    void aNotificationFromAnotherInstanceReachesThisInstancesDashboards() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BlockingQueue<String> lines = stream(client);
        UUID customer = UUID.randomUUID();
        UUID interaction = UUID.randomUUID();
        HikariDataSource pool = app.bean(HikariDataSource.class);
        // another instance is just another connection to the same database
        try (Connection other = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            other.setAutoCommit(false);
            try (var st = other.prepareStatement("SELECT pg_notify('timeline_live', ?)")) {
                st.setString(1, customer + " " + interaction + " created");
                st.execute();
            }
            Thread.sleep(300);
            assertThat(lines.stream().anyMatch(l -> l.contains(customer.toString()))).as("nothing before commit").isFalse();
            other.commit();
        }
        assertThat(awaitMention(lines, customer.toString())).contains(interaction.toString());
    }
}
