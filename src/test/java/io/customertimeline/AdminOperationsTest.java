package io.customertimeline;

import static io.customertimeline.TestApp.TIMELINE_WEBHOOK_SECRET;
import static io.customertimeline.TestApp.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.connectors.Batch;
import io.customertimeline.connectors.Connector;
import io.customertimeline.connectors.Connectors;
import io.customertimeline.connectors.PullSource;
import io.customertimeline.users.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin's operations page: connectors with "run now", webhook deliveries with "replay"; admins only. */
class AdminOperationsTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final TestApp app = TestApp.get();

    /** A source with nothing new: each run is quick and ends ok. */
    record QuietSource(String name) implements PullSource {
        @Override
        public void pull(String watermark, Consumer<Batch> sink) {
        }
    }

    private WebSession signedIn(Role role) {
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, role), People.PASSWORD);
        return web;
    }

    private static String csrf(String page) {
        Matcher m = CSRF_FIELD.matcher(page);
        assertThat(m.find()).as("a CSRF field on the page").isTrue();
        return m.group(1);
    }

    private long delivery(String email) {
        String body = "{\"type\":\"email_thread\",\"data\":" + Events.email(unique("msg_"), email).json() + "}";
        var r = app.post("/api/webhooks/timeline", body, "Bearer " + TIMELINE_WEBHOOK_SECRET);
        assertThat(r.status()).isEqualTo(200);
        return r.json().path("delivery_id").asLong();
    }

    private String lastStatus(String connector) {
        return app.jdbc().sql("SELECT last_status FROM connector_state WHERE name = :name").param("name", connector)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void adminSeesConnectorsAndRunsOneNowFromThePage() throws InterruptedException {
        String name = "quiet-" + ThreadLocalRandom.current().nextInt(1_000_000);
        app.bean(Connectors.class).register(Connector.on(new QuietSource(name), Duration.ofHours(1), "test " + name));
        app.bean(Connectors.class).register(Connector.off("off-" + name, Duration.ofHours(1), "not configured: set OFF_URL"));
        WebSession admin = signedIn(Role.ADMIN);

        var page = admin.get("/admin/operations");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h2 id=\"connectors-title\">Connectors</h2>", "id=\"connector-" + name + "\"",
                "id=\"connector-opencart\"", "id=\"connector-off-" + name + "\"", "not configured: set OFF_URL",
                "/admin/connectors/" + name + "/run", "Run now", "Webhook deliveries")
                .doesNotContain("/admin/connectors/off-" + name + "/run");
        assertThat(lastStatus(name)).isNull();

        var run = admin.post("/admin/connectors/" + name + "/run", Map.of("_csrf", csrf(page.body())));
        assertThat(run.status()).isEqualTo(302);
        assertThat(run.location()).endsWith("/admin/operations");
        Instant until = Instant.now().plusSeconds(20);
        while (!"ok".equals(lastStatus(name)) && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(lastStatus(name)).isEqualTo("ok");
        var after = admin.get("/admin/operations");
        assertThat(after.body()).contains("Started " + name);
        assertThat(after.body()).containsPattern("id=\"connector-" + name + "\"[\\s\\S]*?<span>ok</span>");
    }

    @Test
    void adminSeesDeliveriesAndReplayingOneMakesANewDelivery() {
        long id = delivery(unique("ops") + "@example.co.za");
        WebSession admin = signedIn(Role.ADMIN);

        var page = admin.get("/admin/operations");
        assertThat(page.body()).contains("id=\"delivery-" + id + "\"", "/admin/webhooks/deliveries/" + id + "/replay", "Replay");

        var replay = admin.post("/admin/webhooks/deliveries/" + id + "/replay", Map.of("_csrf", csrf(page.body())));
        assertThat(replay.status()).isEqualTo(302);
        assertThat(replay.location()).endsWith("/admin/operations");
        long copy = app.jdbc().sql("SELECT id FROM webhook_deliveries WHERE replay_of = :id").param("id", id)
                .query(Long.class).single();
        var after = admin.get("/admin/operations");
        assertThat(after.body()).contains("Replayed delivery " + id + " as delivery " + copy + " (unchanged).",
                "id=\"delivery-" + copy + "\"", "replay of #" + id);
    }

    @Test
    void deliveryFieldsAreShownAsTextAndBodiesNotAtAll() {
        String email = unique("ops") + "@example.co.za";
        long id = delivery(email);
        String page = signedIn(Role.ADMIN).get("/admin/operations").body();
        assertThat(page).contains("id=\"delivery-" + id + "\"").doesNotContain("Denon AVR. Is it in stock", "\"from_email\"");
    }

    @Test
    void viewersAndAgentsAreRefusedThePageAndItsActions() {
        long id = delivery(unique("ops") + "@example.co.za");
        for (Role role : new Role[] {Role.VIEWER, Role.AGENT}) {
            WebSession web = signedIn(role);
            web.get("/timeline");
            assertThat(web.get("/admin/operations").status()).as(role + " page").isEqualTo(403);
            assertThat(web.get("/timeline").body()).doesNotContain("/admin/operations");
            assertThat(web.htmxPost("/admin/connectors/opencart/run", Map.of()).status()).as(role + " run now").isEqualTo(403);
            assertThat(web.htmxPost("/admin/webhooks/deliveries/" + id + "/replay", Map.of()).status()).as(role + " replay")
                    .isEqualTo(403);
        }
        assertThat(app.jdbc().sql("SELECT count(*) FROM webhook_deliveries WHERE replay_of = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }
}
