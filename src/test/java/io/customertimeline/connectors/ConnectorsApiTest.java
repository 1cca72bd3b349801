package io.customertimeline.connectors;

import static io.customertimeline.TestApp.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.customertimeline.TestApp;
import io.customertimeline.connectors.mail.ImapReader;
import io.customertimeline.connectors.mail.ImapSettings;
import io.customertimeline.connectors.opencart.OpenCartReader;
import io.customertimeline.connectors.opencart.OpenCartSettings;
import io.customertimeline.connectors.opencart.ThrowAwayShopDatabase;
import io.customertimeline.connectors.quotechat.PostgrestStub;
import io.customertimeline.connectors.quotechat.QuoteChatReader;
import io.customertimeline.connectors.quotechat.QuoteChatSettings;
import io.customertimeline.ingest.EventType;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Connectors end to end: source → connector → ingest → the timeline API, over real HTTP. */
class ConnectorsApiTest {

    private final TestApp app = TestApp.get();

    TestApp.Response run(String name) {
        return app.post("/api/connectors/" + name + "/run?wait=true", "");
    }

    JsonNode status(String name) {
        return app.get("/api/connectors/" + name).json();
    }

    void register(PullSource source, Duration interval) {
        app.bean(Connectors.class).register(Connector.on(source, interval, "test " + source.name()));
    }

    @Test
    void shopOrdersReachTheTimelineRepeatedRunsChangeNothingAndARefundLeavesLifetimeValue() throws Exception {
        try (ThrowAwayShopDatabase shop = ThrowAwayShopDatabase.create("/opencart/opencart-4.x.sql")) {
            shop.insert("oc_setting", Map.of("store_id", 0, "code", "config", "key", "config_timezone", "value", "Africa/Johannesburg"));
            String email = unique("shop") + "@example.co.za";
            long first = order(shop, email, "1299.9900", 5, "2024-03-01 10:00:00");
            order(shop, email, "500.0000", 5, "2024-03-02 10:00:00");
            order(shop, email, "99.0000", 0, "2024-03-03 10:00:00"); // abandoned checkout
            var settings = OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", shop.jdbcUrl())::get).orElseThrow();
            register(new OpenCartReader(settings, Duration.ofMinutes(2)), Duration.ofMinutes(15));

            JsonNode firstRun = run("opencart").json();
            assertThat(firstRun.get("status").asString()).isEqualTo("ok");
            assertThat(firstRun.get("rows_created").asLong()).isEqualTo(2);

            JsonNode orders = app.get("/api/timeline?action=order_history&customerId=" + email).json().path("orders");
            assertThat(orders).hasSize(2);
            JsonNode profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
            assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("1799.99");
            assertThat(profile.path("name").asString()).isEqualTo("Thandi Nkosi");

            JsonNode again = run("opencart").json();
            assertThat(again.get("rows_created").asLong() + again.get("rows_updated").asLong()).isZero();
            assertThat(app.get("/api/timeline?action=profile&customerId=" + email).json().path("lifetime_value").decimalValue())
                    .isEqualByComparingTo("1799.99");

            shop.execute("UPDATE oc_order SET order_status_id = 11, date_modified = '2024-03-05 08:00:00' WHERE order_id = ?", first);
            JsonNode refund = run("opencart").json();
            assertThat(refund.get("rows_updated").asLong()).isEqualTo(1);
            JsonNode after = app.get("/api/timeline?action=profile&customerId=" + email).json();
            assertThat(after.path("lifetime_value").decimalValue()).isEqualByComparingTo("500.00");
            assertThat(after.path("total_orders").asInt()).isEqualTo(2);

            JsonNode state = status("opencart");
            assertThat(state.get("enabled").asBoolean()).isTrue();
            assertThat(state.get("last_status").asString()).isEqualTo("ok");
            assertThat(state.get("watermark").asString()).startsWith("2024-03-05T08:00:00/");
            assertThat(state.get("totals").get("rows_written").asLong()).isEqualTo(3);
            assertThat(state.get("next_run_at").isNull()).isFalse();
        }
    }

    private static long order(ThrowAwayShopDatabase shop, String email, String total, int status, String modified) throws Exception {
        long id = ThreadLocalRandom.current().nextLong(1, 2_000_000_000L);
        Map<String, Object> row = new HashMap<>();
        row.put("order_id", id);
        row.put("firstname", "Thandi");
        row.put("lastname", "Nkosi");
        row.put("email", email);
        row.put("telephone", "082 123 4567");
        row.put("payment_method", "{\"name\":\"PayFast\",\"code\":\"payfast.payfast\"}");
        row.put("shipping_method", "{\"name\":\"Courier Guy\",\"code\":\"courier.courier\"}");
        row.put("total", new BigDecimal(total));
        row.put("order_status_id", status);
        row.put("currency_code", "ZAR");
        row.put("currency_value", BigDecimal.ONE);
        row.put("date_added", modified);
        row.put("date_modified", modified);
        shop.insert("oc_order", row);
        shop.insert("oc_order_product", Map.of("order_id", id, "product_id", 7, "name", "JBL Flip 6", "model", "JBL-F6",
                "quantity", 1, "price", new BigDecimal(total), "total", new BigDecimal(total)));
        return id;
    }

    @Test
    void mailboxConversationShowsAsOneEmailThread() throws Exception {
        GreenMail mail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        mail.start();
        try {
            String shop = "sales@audico.co.za";
            mail.setUser(shop, shop, "app-pass");
            String customer = unique("mail") + "@example.co.za";
            String root = unique("m") + "@example.co.za";
            append(mail, shop, "INBOX", """
                    Message-ID: <%s>
                    From: Lindiwe <%s>
                    To: %s
                    Date: Mon, 15 Jan 2024 08:00:00 +0200
                    Subject: Delivery to Durban?

                    Do you deliver to Durban?
                    """.formatted(root, customer, shop));
            append(mail, shop, "Sent", """
                    Message-ID: <re-%s>
                    From: %s
                    To: %s
                    Date: Mon, 15 Jan 2024 09:00:00 +0200
                    Subject: Re: Delivery to Durban?
                    In-Reply-To: <%s>
                    References: <%s>

                    Yes, in 2-3 days.
                    """.formatted(root, shop, customer, root, root));
            var settings = ImapSettings.fromEnvironment(Map.of("TIMELINE_IMAP_URL",
                    "imap://" + shop + ":app-pass@127.0.0.1:" + mail.getImap().getPort())::get).orElseThrow();
            register(new ImapReader(settings, Clock.systemUTC(), ImapReader.storedThreads(app.jdbc())), Duration.ofMinutes(5));

            JsonNode result = run("imap").json();

            assertThat(result.get("rows_created").asLong()).isEqualTo(2);
            JsonNode threads = app.get("/api/timeline?action=email_threads&customerId=" + customer).json().path("threads");
            assertThat(threads).hasSize(1);
            assertThat(threads.get(0).get("thread_id").asString()).isEqualTo(root);
            assertThat(threads.get(0).get("emails")).extracting(e -> e.get("direction").asString()).containsExactly("inbound", "outbound");
            assertThat(run("imap").json().get("rows_read").asLong()).as("nothing new").isZero();

            append(mail, shop, "INBOX", """
                    Message-ID: <again-%s>
                    From: Lindiwe <%s>
                    To: %s
                    Date: Mon, 15 Jan 2024 10:00:00 +0200
                    Subject: Re: Delivery to Durban?
                    In-Reply-To: <re-%s>

                    Great, ordering now.
                    """.formatted(root, customer, shop, root));
            run("imap");
            threads = app.get("/api/timeline?action=email_threads&customerId=" + customer).json().path("threads");
            assertThat(threads).as("a reply naming only a parent read by an earlier run").hasSize(1);
            assertThat(threads.get(0).get("emails")).hasSize(3);
        } finally {
            mail.stop();
        }
    }

    private static void append(GreenMail mail, String user, String folder, String raw) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), user, "app-pass");
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                f.create(Folder.HOLDS_MESSAGES);
            }
            f.open(Folder.READ_WRITE);
            f.appendMessages(new Message[] {new MimeMessage(session,
                    new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)))});
            f.close(false);
        }
    }

    @Test
    void quoteChatSessionsArriveAndAStatusChangeUpdatesTheOneRecord() throws Exception {
        try (PostgrestStub supabase = new PostgrestStub("quote_sessions")) {
            String email = unique("quote") + "@example.co.za";
            String session = unique("qs_");
            var row = supabase.session(session, "2024-01-15T11:30:00.123456+00:00", "active");
            row.put("customer_email", email);
            var settings = QuoteChatSettings.fromEnvironment(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_URL", supabase.url(),
                    "AUDICO_CHAT_QUOTE_SUPABASE_KEY", PostgrestStub.KEY)::get).orElseThrow();
            register(new QuoteChatReader(settings, Duration.ofMinutes(2)), Duration.ofMinutes(5));

            assertThat(run("quotechat").json().get("rows_created").asLong()).isEqualTo(1);
            row.put("status", "quote_sent").put("last_activity_at", "2024-01-16T08:00:00+00:00");
            JsonNode second = run("quotechat").json();

            assertThat(second.get("rows_updated").asLong()).isEqualTo(1);
            JsonNode sessions = app.get("/api/timeline?action=quote_sessions&customerId=" + email).json().path("quote_sessions");
            assertThat(sessions).hasSize(1);
            assertThat(sessions.get(0).get("status").asString()).isEqualTo("quote_sent");
        }
    }

    /** A source that fails like a shop database with the wrong password. */
    record FailingSource(String name) implements PullSource {
        @Override
        public void pull(String watermark, Consumer<Batch> sink) {
            throw new SourceException("OpenCart database jdbc:mariadb://db:3306/shop?password=****: Access denied for user 'shop'");
        }
    }

    @Test
    void failingSourceIsRecordedAndBackedOffAndOthersCarryOn() {
        String name = "failing-" + ThreadLocalRandom.current().nextInt(1_000_000);
        register(new FailingSource(name), Duration.ofMinutes(10));

        JsonNode first = run(name).json();
        JsonNode state1 = status(name);
        run(name);
        JsonNode state2 = status(name);

        assertThat(first.get("status").asString()).isEqualTo("failed");
        assertThat(first.get("error").asString()).contains("Access denied").contains("password=****");
        assertThat(state1.get("last_status").asString()).isEqualTo("failed");
        assertThat(state1.get("consecutive_failures").asInt()).isEqualTo(1);
        assertThat(state2.get("consecutive_failures").asInt()).isEqualTo(2);
        Duration firstWait = Duration.between(OffsetDateTime.parse(state1.get("last_run_finished_at").asString()),
                OffsetDateTime.parse(state1.get("next_run_at").asString()));
        Duration secondWait = Duration.between(OffsetDateTime.parse(state2.get("last_run_finished_at").asString()),
                OffsetDateTime.parse(state2.get("next_run_at").asString()));
        assertThat(firstWait).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
        assertThat(secondWait).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(21));
        assertThat(app.get("/api/connectors").status()).isEqualTo(200);
    }

    /** A source with one good and one unusable row. */
    record MixedSource(String name, String email) implements PullSource {
        @Override
        public void pull(String watermark, Consumer<Batch> sink) {
            if (watermark != null) {
                return;
            }
            var good = CanonicalJson.object().put("session_id", "qs_" + name).put("customer_email", email).put("status", "active")
                    .put("last_activity_at", "2024-01-15T10:00:00Z");
            var bad = CanonicalJson.object().put("session_id", "qs_bad_" + name).put("status", "active"); // nobody to file it under
            sink.accept(new Batch(List.of(new CanonicalEvent(EventType.QUOTE, "qs_" + name, good),
                    new CanonicalEvent(EventType.QUOTE, "qs_bad_" + name, bad)),
                    List.of(new RowError("session (no session_id)", "no session_id")), "w1", new Progress(3, 3)));
        }
    }

    @Test
    void badRowsAreSkippedCountedAndListedWhileTheRestIsStored() {
        String name = "mixed-" + ThreadLocalRandom.current().nextInt(1_000_000);
        String email = unique("mixed") + "@example.co.za";
        register(new MixedSource(name, email), Duration.ofMinutes(10));

        JsonNode result = run(name).json();
        JsonNode state = status(name);

        assertThat(result.get("status").asString()).isEqualTo("ok");
        assertThat(result.get("rows_created").asLong()).isEqualTo(1);
        assertThat(result.get("rows_skipped").asLong()).isEqualTo(2);
        assertThat(state.get("watermark").asString()).isEqualTo("w1");
        assertThat(state.get("progress").get("done").asLong()).isEqualTo(3);
        assertThat(state.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(state.get("recent_rejections")).extracting(r -> r.get("row").asString())
                .contains("quote qs_bad_" + name, "session (no session_id)");
        assertThat(app.get("/api/timeline?action=quote_sessions&customerId=" + email).json().path("quote_sessions")).hasSize(1);
    }

    @Test
    void everyConnectorIsListedAndRunningAnOffOrUnknownOneIsRefused() {
        app.bean(Connectors.class).register(Connector.off("dormant", Duration.ofMinutes(5), "not configured: set DORMANT_URL"));

        JsonNode list = app.get("/api/connectors").json().path("connectors");
        TestApp.Response off = app.post("/api/connectors/dormant/run", "");
        TestApp.Response unknown = app.post("/api/connectors/nope/run", "");

        assertThat(list).extracting(c -> c.get("name").asString()).contains("opencart", "imap", "quotechat", "dormant");
        assertThat(off.status()).isEqualTo(409);
        assertThat(off.contentType()).contains("application/problem+json");
        assertThat(off.json().get("detail").asString()).contains("not configured: set DORMANT_URL");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void connectorsNeedTheApiKey() {
        var r = app.send(HttpRequest.newBuilder(app.uri("/api/connectors")).GET());
        assertThat(r.status()).isEqualTo(401);
        assertThat(app.post("/api/connectors/opencart/run", "", null).status()).isEqualTo(401);
    }
}
