package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class SyncApiTest {

    private final TestApp app = TestApp.get();

    @Test
    void orderSyncCreatesProfileTimelineEntryAndValue() {
        String email = unique("order") + "@example.co.za";
        long orderId = uniqueNumber();
        var r = app.sync("sync_opencart_order", Events.order(orderId, email).json());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("outcome").asString()).isEqualTo("created");

        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("name").asString()).isEqualTo("Thandi Mokoena");
        assertThat(profile.path("total_orders").asInt()).isEqualTo(1);
        assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("1299.99");
        assertThat(profile.path("average_order_value").decimalValue()).isEqualByComparingTo("1299.99");
        assertThat(profile.path("total_interactions").asInt()).isEqualTo(1);

        var orders = app.get("/api/timeline?action=order_history&customerId=" + email).json().path("orders");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).path("items").get(0).path("name").asString()).isEqualTo("JBL Flip 6");
        assertThat(orders.get(0).path("order_total").decimalValue()).isEqualTo(new BigDecimal("1299.99"));
        assertThat(orders.get(0).path("customer_name").asString()).as("the seed's order fields, as the order gave them")
                .isEqualTo("Thandi Mokoena");
        assertThat(orders.get(0).path("customer_email").asString()).isEqualTo(email);
    }

    @Test
    void anOrderUpdateThatArrivesAfterALaterOneChangesNothing() {
        String email = unique("late") + "@example.co.za";
        long orderId = uniqueNumber();
        var complete = Events.order(orderId, email).with("order_total", 500).with("order_status", "Complete")
                .with("date_modified", "2024-03-01T10:00:00Z");
        assertThat(app.sync("sync_opencart_order", complete.json()).json().path("outcome").asString()).isEqualTo("created");
        assertThat(app.sync("sync_opencart_order", Events.order(orderId, email).with("order_total", 500).with("order_status", "Refunded")
                .with("date_modified", "2024-03-02T10:00:00Z").json()).json().path("outcome").asString()).isEqualTo("updated");

        var late = app.sync("sync_opencart_order", complete.json());

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().path("outcome").asString()).as("the retried Complete is older than the refund").isEqualTo("unchanged");
        var orders = app.get("/api/timeline?action=order_history&customerId=" + email).json().path("orders");
        assertThat(orders.get(0).path("order_status").asString()).isEqualTo("Refunded");
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("0");

        // a sender that does not say when the order changed is taken in the order it arrives, as before;
        // OpenCart's zero date is no date, not an error
        assertThat(app.sync("sync_opencart_order", Events.order(orderId, email).with("order_total", 500).with("order_status", "Complete")
                .with("date_modified", "0000-00-00 00:00:00").json()).json().path("outcome").asString()).isEqualTo("updated");
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).json().path("lifetime_value").decimalValue())
                .isEqualByComparingTo("500");
    }

    @Test
    void aChangeDatedFarAheadDoesNotBlockTheCorrectDeliveriesAfterIt() {
        String email = unique("ahead") + "@example.co.za";
        long orderId = uniqueNumber();
        app.sync("sync_opencart_order", Events.order(orderId, email).with("order_status", "Pending")
                .with("date_modified", "2999-01-01T00:00:00Z").json());

        var now = app.sync("sync_opencart_order", Events.order(orderId, email).with("order_status", "Complete")
                .with("date_modified", Instant.now().toString()).json());

        assertThat(now.json().path("outcome").asString()).as("a clock a thousand years ahead is not believed").isEqualTo("updated");
        assertThat(app.get("/api/timeline?action=order_history&customerId=" + email).json().path("orders").get(0)
                .path("order_status").asString()).isEqualTo("Complete");
    }

    @Test
    void aQuoteSessionSentAgainWithOlderActivityChangesNothing() {
        String email = unique("quote") + "@example.co.za";
        String session = unique("qs_");
        app.sync("sync_quote_session", Events.quote(session, email).with("status", "accepted")
                .with("last_activity_at", "2024-01-16T09:00:00Z").json());

        var late = app.sync("sync_quote_session", Events.quote(session, email).with("status", "active")
                .with("last_activity_at", "2024-01-15T10:00:00Z").json());

        assertThat(late.json().path("outcome").asString()).isEqualTo("unchanged");
        assertThat(app.get("/api/timeline?action=quote_sessions&customerId=" + email).json().path("quote_sessions").get(0)
                .path("status").asString()).isEqualTo("accepted");
    }

    @Test
    void repeatedOrderDeliveryChangesNothing() {
        String email = unique("repeat") + "@example.co.za";
        long orderId = uniqueNumber();
        String body = Events.order(orderId, email).json();
        app.sync("sync_opencart_order", body);
        var again = app.sync("sync_opencart_order", body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("outcome").asString()).isEqualTo("unchanged");
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).isEqualTo(1);
        assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("1299.99");
        assertThat(app.get("/api/timeline?action=timeline&customerId=" + email).json().path("timeline")).hasSize(1);
    }

    @Test
    void refundedOrderLeavesLifetimeValueButStaysAnOrder() {
        String email = unique("refund") + "@example.co.za";
        long orderId = uniqueNumber();
        app.sync("sync_opencart_order", Events.order(orderId, email).json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("order_total", 500).json());
        var r = app.sync("sync_opencart_order", Events.order(orderId, email).with("order_status", "Refunded").json());

        assertThat(r.json().path("outcome").asString()).isEqualTo("updated");
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).isEqualTo(2);
        assertThat(profile.path("paid_orders").asInt()).isEqualTo(1);
        assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("500.00");
        var timeline = app.get("/api/timeline?action=timeline&customerId=" + email).json().path("timeline");
        assertThat(timeline).hasSize(2);
        assertThat(timeline.toString()).contains("Order #" + orderId + " · Refunded");
    }

    @Test
    void orderInTheCustomersCurrencyAddsItsShopCurrencyTotalToLifetimeValue() {
        String email = unique("usd") + "@example.co.za";
        long orderId = uniqueNumber();
        var order = Events.order(orderId, email).with("order_total", new BigDecimal("54.70")).with("currency", "USD")
                .with("metadata", java.util.Map.of("source", "opencart", "stored_total", new BigDecimal("1000.0000"),
                        "stored_currency", "ZAR"));
        app.sync("sync_opencart_order", order.json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("currency", "USD").json());

        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).isEqualTo(2);
        assertThat(profile.path("paid_orders").asInt()).as("a USD order without a shop-currency total").isEqualTo(1);
        assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("1000.00");
        var orders = app.get("/api/timeline?action=order_history&customerId=" + email).json().path("orders");
        assertThat(orders.toString()).contains("\"currency\":\"USD\"").contains("54.7");
        app.jdbc().sql("SELECT update_customer_profile_stats(:email)").param("email", email).query().singleRow();
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).json().path("lifetime_value").decimalValue())
                .as("recomputed from scratch").isEqualByComparingTo("1000.00");
    }

    @Test
    void quoteStatusChangeUpdatesTheOneEntry() {
        String email = unique("quote") + "@example.co.za";
        String session = unique("qs_");
        app.sync("sync_quote_session", Events.quote(session, email).with("status", "active").json());
        app.sync("sync_quote_session", Events.quote(session, email).with("status", "quote_sent").json());

        var sessions = app.get("/api/timeline?action=quote_sessions&customerId=" + email).json().path("quote_sessions");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).path("status").asString()).isEqualTo("quote_sent");
        assertThat(sessions.get(0).path("details").path("company_name").asString()).isEqualTo("Wilson Corp");
        // the chat system's own fields at the top, as its quote_sessions rows have them
        assertThat(sessions.get(0).path("company_name").asString()).isEqualTo("Wilson Corp");
        assertThat(sessions.get(0).path("customer_name").asString()).isEqualTo("Bob Wilson");
        assertThat(sessions.get(0).path("quote_items").get(0).path("name").asString()).isEqualTo("Sonos Era 100");
        assertThat(sessions.get(0).path("last_activity_at").asString()).isEqualTo("2024-01-15T11:30:00Z");
        assertThat(sessions.get(0).path("created_at").asString()).isEqualTo("2024-01-15T09:00:00Z");
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("company").asString()).isEqualTo("Wilson Corp");
        assertThat(profile.path("interactions_by_source").path("chat").asInt()).isEqualTo(1);
        assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void socialPostWithoutPostIdIsKeyedByUrlAndKeepsGivenSentiment() {
        String handle = unique("@fan");
        var post = Events.social("instagram", handle, "Love your products!").with("sentiment", "positive")
                .with("post_url", "https://instagram.com/p/" + unique("p"));
        assertThat(app.sync("sync_social_interaction", post.json()).json().path("outcome").asString()).isEqualTo("created");
        assertThat(app.sync("sync_social_interaction", post.json()).json().path("outcome").asString()).isEqualTo("unchanged");

        var entry = app.get("/api/timeline?action=timeline&customerId=" + handle).json().path("timeline").get(0);
        assertThat(entry.path("source").asString()).isEqualTo("social");
        assertThat(entry.path("sentiment").asString()).isEqualTo("positive");
        assertThat(entry.path("sentiment_given").asBoolean()).isTrue();
        assertThat(entry.path("title").asString()).contains("Instagram mention from " + handle);
    }

    @Test
    void emailSyncIsIdempotentByEmailIdAndThreadsBySubject() {
        String from = unique("mail") + "@example.co.za";
        String first = unique("msg_");
        app.sync("sync_email_thread", Events.email(first, from).json());
        app.sync("sync_email_thread", Events.email(first, from).json());
        app.sync("sync_email_thread", Events.email(unique("msg_"), from).with("subject", "RE: Product inquiry")
                .with("created_at", "2024-01-16T08:00:00Z").json());

        var threads = app.get("/api/timeline?action=email_threads&customerId=" + from).json().path("threads");
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0).path("message_count").asInt()).isEqualTo(2);
        assertThat(threads.get(0).path("emails").get(0).path("body").asString()).contains("Denon AVR");
    }

    @Test
    void aLongThreadComesWithItsLatestFiftyEmailsAndItsFullCount() {
        String from = unique("longthread") + "@example.co.za";
        Instant start = Instant.parse("2024-02-01T08:00:00Z");
        for (int i = 0; i < 55; i++) {
            app.sync("sync_email_thread", Events.email(unique("msg_"), from).with("subject", i == 0 ? "Broken amplifier" : "RE: Broken amplifier")
                    .with("body", "Message " + i).with("created_at", start.plus(i, ChronoUnit.HOURS).toString()).json());
        }
        app.sync("sync_email_thread", Events.email(unique("msg_"), from).with("subject", "Invoice copy")
                .with("created_at", start.minus(1, ChronoUnit.DAYS).toString()).json());

        var threads = app.get("/api/timeline?action=email_threads&customerId=" + from).json().path("threads");
        assertThat(threads).hasSize(2);
        var thread = threads.get(0);
        assertThat(thread.path("subject").asString()).isEqualTo("Broken amplifier");
        assertThat(thread.path("message_count").asInt()).isEqualTo(55);
        assertThat(Instant.parse(thread.path("first_at").asString())).isEqualTo(start);
        assertThat(thread.path("awaiting_reply").asBoolean()).isTrue();
        assertThat(thread.path("emails")).hasSize(50);
        assertThat(thread.path("emails").get(0).path("body").asString()).isEqualTo("Message 5");
        assertThat(thread.path("emails").get(49).path("body").asString()).isEqualTo("Message 54");
        assertThat(threads.get(1).path("subject").asString()).isEqualTo("Invoice copy");
        assertThat(threads.get(1).path("message_count").asInt()).isEqualTo(1);
    }

    @Test
    void outboundEmailBelongsToTheRecipient() {
        String customer = unique("recipient") + "@example.co.za";
        var r = app.sync("sync_email_thread", Events.email(unique("out_"), "sales@shop.co.za").with("direction", "outbound")
                .with("to_email", customer).json());
        assertThat(r.status()).isEqualTo(200);
        var entry = app.get("/api/timeline?action=timeline&customerId=" + customer).json().path("timeline").get(0);
        assertThat(entry.path("direction").asString()).isEqualTo("outbound");
    }

    @Test
    void callTranscriptSyncStoresTheCall() {
        String phone = "+2783" + (1000000 + (int) (Math.random() * 8999999));
        String callId = unique("call_");
        var r = app.sync("sync_call_transcript", Events.call(callId, phone).json());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var entry = app.get("/api/timeline?action=timeline&customerId=" + phone).json().path("timeline").get(0);
        assertThat(entry.path("source").asString()).isEqualTo("call");
        assertThat(entry.path("title").asString()).isEqualTo("Inbound call · 4m 12s");
        assertThat(app.jdbc().sql("SELECT transcript FROM call_transcripts WHERE call_id = :id").param("id", callId)
                .query(String.class).single()).contains("when will my order arrive");
    }

    @Test
    void bulkUpdateRecomputesKnownCustomersAndReportsUnknownOnes() {
        String email = unique("bulk") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).json());
        var r = app.sync("bulk_update_profiles", "{\"customer_ids\":[\"" + email + "\",\"nobody-" + email + "\",\""
                + email.toUpperCase() + "\"]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("updated")).as("one person named twice is recomputed and listed once").hasSize(1);
        assertThat(r.json().path("not_found").get(0).asString()).isEqualTo("nobody-" + email);
    }

    @Test
    void textWithoutASentimentIsScoredAndCallsScoreOnlyTheCustomersTurns() {
        String angry = unique("angry") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("m"), angry).with("subject", "Still waiting!!")
                .with("body", "This is terrible service. I paid two weeks ago and NOTHING has arrived.").json());
        var email = app.get("/api/timeline?action=timeline&customerId=" + angry).json().path("timeline").get(0);
        assertThat(email.path("sentiment").asString()).isEqualTo("negative");
        assertThat(email.path("sentiment_given").asBoolean()).isFalse();
        assertThat(email.path("sentiment_score").decimalValue()).isNegative();

        String phone = "+2783" + (1000000 + (int) (Math.random() * 8999999));
        app.sync("sync_call_transcript", Events.call(unique("c"), phone).without("transcript")
                .with("turns", java.util.List.of(
                        java.util.Map.of("speaker", "agent", "text", "I am so sorry, that is awful, terrible news."),
                        java.util.Map.of("speaker", "customer", "text", "Thanks so much, that's great, you've been really helpful!")))
                .json());
        var call = app.get("/api/timeline?action=timeline&customerId=" + phone).json().path("timeline").get(0);
        assertThat(call.path("sentiment").asString()).isEqualTo("positive");
    }

    @Test
    void senderSentimentIsKeptAndMarkedGiven() {
        String who = unique("given") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("m"), who).with("sentiment", "negative")
                .with("body", "Thank you, lovely service").json());
        var entry = app.get("/api/timeline?action=timeline&customerId=" + who).json().path("timeline").get(0);
        assertThat(entry.path("sentiment").asString()).isEqualTo("negative");
        assertThat(entry.path("sentiment_given").asBoolean()).isTrue();
        assertThat(entry.path("sentiment_score").decimalValue()).isEqualByComparingTo("-0.500");
    }
}
