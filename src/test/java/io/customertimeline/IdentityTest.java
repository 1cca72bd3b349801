package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.customers.Customers;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class IdentityTest {

    private final TestApp app = TestApp.get();

    /** A valid South African mobile number nobody else in the suite uses, in national format. */
    static String localMobile() {
        return "082" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    @Test
    void everyCommonWayOfWritingOnePhoneFindsOneCustomer() {
        String local = localMobile();
        String digits = local.substring(1);
        app.sync("sync_quote_session", Events.quote(unique("qs_"), unique("p") + "@example.co.za")
                .with("customer_phone", local.substring(0, 3) + " " + local.substring(3, 6) + " " + local.substring(6)).json());

        String id = app.get("/api/timeline?action=profile&customerId=" + local).json().path("id").asString();
        for (String written : new String[] {"+27" + digits, "27" + digits, "%2B27%20" + digits.substring(0, 2) + "%20" + digits.substring(2), local}) {
            var r = app.get("/api/timeline?action=profile&customerId=" + written);
            assertThat(r.status()).as(written).isEqualTo(200);
            assertThat(r.json().path("id").asString()).as(written).isEqualTo(id);
        }
        assertThat(app.get("/api/timeline?action=profile&customerId=" + id).json().path("phone").asString()).isEqualTo("+27" + digits);
    }

    @Test
    void emailsAreTrimmedAndCaseInsensitive() {
        String email = unique("Case") + "@Example.CO.ZA";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), "  " + email + " ").json());
        app.sync("sync_email_thread", Events.email(unique("m"), email.toLowerCase()).json());

        var profile = app.get("/api/timeline?action=profile&customerId=" + email.toUpperCase()).json();
        assertThat(profile.path("total_interactions").asInt()).isEqualTo(2);
        assertThat(profile.path("email").asString()).isEqualTo(email.toLowerCase());
    }

    @Test
    void handlesArePerPlatformWithoutAtSign() {
        String handle = unique("Naledi");
        app.sync("sync_social_interaction", Events.social("instagram", "@" + handle, "Eish, still waiting").json());
        app.sync("sync_social_interaction", Events.social("instagram", handle.toUpperCase(), "Okay it arrived")
                .with("interaction_date", "2024-01-16T10:00:00Z").json());
        app.sync("sync_social_interaction", Events.social("twitter", handle, "Different person, same handle").json());

        var ig = app.get("/api/timeline?action=profile&customerId=instagram:" + handle.toLowerCase()).json();
        assertThat(ig.path("interactions_by_source").path("social").asInt()).isEqualTo(2);
        var tw = app.get("/api/timeline?action=profile&customerId=twitter:" + handle.toLowerCase()).json();
        assertThat(tw.path("id").asString()).isNotEqualTo(ig.path("id").asString());
        // the bare handle could mean either person: it names neither
        assertThat(app.get("/api/timeline?action=profile&customerId=" + handle.toLowerCase()).status()).isEqualTo(404);
        assertThat(app.get("/api/timeline?action=profile&customerId=@" + handle.toLowerCase()).status()).isEqualTo(404);
    }

    @Test
    void theSurvivorOfTwoMergesInARowShowsBoth() {
        String phone = localMobile();
        String c = unique("first") + "@example.co.za";
        String a = unique("second") + "@example.co.za";
        String b = unique("third") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), c).json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), a).with("customer_phone", phone).json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), b).json());
        String profileA = profileId(a);
        String profileB = profileId(b);
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), b).with("customer_phone", phone).json()); // B into A
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), c).with("customer_phone", phone).json()); // A into C

        var details = app.get("/api/timeline?action=customer_details&customerId=" + b).json();
        assertThat(details.path("profile").path("id").asString()).isEqualTo(profileId(c));
        assertThat(details.path("merges").findValuesAsString("merged_id")).containsExactlyInAnyOrder(profileA, profileB);
    }

    @Test
    void aBareHandleHeldByOnePersonFindsThem() {
        String handle = unique("sipho");
        app.sync("sync_social_interaction", Events.social("instagram", handle, "Love the new speaker").json());
        var ig = app.get("/api/timeline?action=profile&customerId=instagram:" + handle.toLowerCase()).json();
        assertThat(app.get("/api/timeline?action=profile&customerId=" + handle.toLowerCase()).json().path("id").asString())
                .isEqualTo(ig.path("id").asString());
    }

    /** Two profiles of one person: a quote with their phone, and an order under another email without it. */
    private record TwoProfiles(String quoteProfile, String orderProfile) {
        String other(String survivor) {
            return survivor.equals(quoteProfile) ? orderProfile : quoteProfile;
        }
    }

    private TwoProfiles twoProfilesOfOnePerson(String phone, String quoteEmail, String orderEmail) {
        app.sync("sync_quote_session", Events.quote(unique("qs_"), quoteEmail).with("customer_phone", phone).json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), orderEmail).without("customer_phone").json());
        var two = new TwoProfiles(profileId(quoteEmail), profileId(orderEmail));
        assertThat(two.orderProfile()).isNotEqualTo(two.quoteProfile());
        return two;
    }

    private String profileId(String customerId) {
        return app.get("/api/timeline?action=profile&customerId=" + customerId).json().path("id").asString();
    }

    @Test
    void orderWithNewEmailAndKnownPhoneMergesTheTwoProfiles() {
        String phone = localMobile();
        String quoteEmail = unique("quote") + "@example.co.za";
        String orderEmail = unique("order") + "@example.co.za";
        long orderId = uniqueNumber();
        var two = twoProfilesOfOnePerson(phone, quoteEmail, orderEmail);

        app.sync("sync_opencart_order", Events.order(orderId, orderEmail).with("customer_phone", "+27" + phone.substring(1)).json());

        var merged = app.get("/api/timeline?action=customer_details&customerId=" + quoteEmail).json();
        assertThat(merged.path("profile").path("total_interactions").asInt()).isEqualTo(3);
        assertThat(merged.path("profile").path("total_orders").asInt()).isEqualTo(2);
        assertThat(merged.path("identities").toString()).contains(quoteEmail, orderEmail, "+27" + phone.substring(1));
        var merge = merged.path("merges").get(0);
        assertThat(merge.path("event_source").asString()).isEqualTo("order");
        assertThat(merge.path("event_key").asString()).isEqualTo(Long.toString(orderId));
        String survivor = merged.path("profile").path("id").asString();
        assertThat(survivor).isIn(two.quoteProfile(), two.orderProfile());
        // the merged profile's own id still finds the person
        String loser = two.other(survivor);
        assertThat(app.get("/api/timeline?action=profile&customerId=" + loser).json().path("id").asString()).isEqualTo(survivor);
        assertThat(app.get("/api/timeline?action=timeline&customerId=" + loser).json().path("timeline")).hasSize(3);
    }

    @Test
    void readsFindEveryKeyWhereTheSeedFunctionFindsIt() {
        String phone = localMobile();
        String quoteEmail = unique("Same") + "@example.co.za";
        String orderEmail = unique("same") + "@example.co.za";
        String handle = unique("thandi");
        var two = twoProfilesOfOnePerson(phone, quoteEmail, orderEmail);
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), orderEmail).with("customer_phone", phone).json());
        app.sync("sync_social_interaction", Events.social("instagram", handle, "Is the blue one back in stock?").json());
        String survivor = profileId(orderEmail);
        String loser = two.other(survivor);
        // an identity left on a merged profile: the function follows the merge, so a read must too
        String stale = unique("stale") + "@example.co.za";
        app.jdbc().sql("INSERT INTO customer_identities (kind, value, customer_id) VALUES ('email', :v, CAST(:c AS uuid))")
                .param("v", stale).param("c", loser).update();
        // and a value the function's email step never reaches (its '@' comes first): its other steps find nobody
        String atFirst = "@" + unique("at") + "@example.co.za";
        app.jdbc().sql("INSERT INTO customer_identities (kind, value, customer_id) VALUES ('email', :v, CAST(:c AS uuid))")
                .param("v", atFirst).param("c", survivor).update();

        List<String> thePerson = List.of(quoteEmail, "  " + orderEmail.toUpperCase() + " ", stale, loser, survivor, phone,
                "+27" + phone.substring(1));
        List<String> others = List.of("instagram:" + handle, handle, "@" + handle, atFirst, "nobody@example.co.za", "nobody");
        for (String key : Stream.concat(thePerson.stream(), others.stream()).toList()) {
            var viaRead = app.jdbc().sql("SELECT " + Customers.RESOLVE_KEY).param(key).query(UUID.class).optional();
            var viaFunction = app.jdbc().sql("SELECT resolve_customer(?)").param(key).query(UUID.class).optional();
            assertThat(viaRead).as(key).isEqualTo(viaFunction);
            if (thePerson.contains(key)) {
                assertThat(viaRead).as(key).contains(UUID.fromString(survivor));
            }
        }
        assertThat(app.get("/api/timeline?action=profile&customerId=" + stale).json().path("id").asString()).isEqualTo(survivor);
        assertThat(app.get("/api/timeline?action=timeline&customerId=" + stale).json().path("timeline")).hasSize(3);
        assertThat(app.get("/api/timeline?action=timeline&customerId=nobody@example.co.za").status()).isEqualTo(404);
    }

    @Test
    void invalidPhoneIsKeptOnTheRecordButIsNoIdentity() {
        String email = unique("badphone") + "@example.co.za";
        long orderId = uniqueNumber();
        var r = app.sync("sync_opencart_order", Events.order(orderId, email).with("customer_phone", "12345").json());
        assertThat(r.status()).isEqualTo(200);
        assertThat(app.jdbc().sql("SELECT customer_phone FROM opencart_orders_cache WHERE order_id = :id").param("id", orderId)
                .query(String.class).single()).isEqualTo("12345");
        var identities = app.get("/api/timeline?action=customer_details&customerId=" + email).json().path("identities");
        assertThat(identities.toString()).doesNotContain("12345");
        assertThat(app.get("/api/timeline?action=profile&customerId=12345").status()).isEqualTo(404);
    }

    @Test
    void seedFunctionRecomputesFromPsqlByEmailOrPhone() {
        String phone = localMobile();
        String email = unique("fn") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("customer_phone", phone).json());
        app.jdbc().sql("UPDATE customer_profiles SET total_orders = 99 WHERE id = resolve_customer(:e)").param("e", email).update();

        app.jdbc().sql("SELECT update_customer_profile_stats(:p)").param("p", phone).query().singleRow();

        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).json().path("total_orders").asInt()).isEqualTo(1);
        assertThat(app.jdbc().sql("SELECT count(*) FROM customer_timeline_unified WHERE customer_email = :e").param("e", email)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void concurrentFirstDeliveriesForOnePersonMakeOneProfile() throws Exception {
        String email = unique("race") + "@example.co.za";
        String phone = localMobile();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<TestApp.Response>>();
            for (int i = 0; i < 16; i++) {
                var order = Events.order(uniqueNumber(), email).with("customer_phone", i % 2 == 0 ? phone : null);
                results.add(pool.submit(() -> app.sync("sync_opencart_order", order.json())));
            }
            for (var r : results) {
                assertThat(r.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        var profile = app.get("/api/timeline?action=profile&customerId=" + phone).json();
        assertThat(profile.path("email").asString()).isEqualTo(email);
        assertThat(profile.path("total_orders").asInt()).isEqualTo(16);
        assertThat(app.jdbc().sql("SELECT count(DISTINCT customer_id) FROM customer_identities WHERE value IN (:e, :p)")
                .param("e", email).param("p", "+27" + phone.substring(1)).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void oneOrderDeliveredManyTimesAtOnceIsRecordedAndCountedOnce() throws Exception {
        String email = unique("twice") + "@example.co.za";
        var order = Events.order(uniqueNumber(), email);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var outcomes = new java.util.ArrayList<String>();
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<TestApp.Response>>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> app.sync("sync_opencart_order", order.json())));
            }
            for (var r : results) {
                assertThat(r.get().status()).isEqualTo(200);
                outcomes.add(r.get().json().path("outcome").asString());
            }
        } finally {
            pool.shutdown();
        }
        // each delivery that waited for the first one's locks must see what it committed
        assertThat(outcomes).containsOnlyOnce("created").filteredOn("unchanged"::equals).hasSize(15);
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).isEqualTo(1);
        assertThat(profile.path("total_interactions").asInt()).isEqualTo(1);
    }
}
