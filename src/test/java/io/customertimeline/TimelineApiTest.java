package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TimelineApiTest {

    private final TestApp app = TestApp.get();

    private String customerWithEverySource() {
        String email = unique("all") + "@example.co.za";
        String phone = IdentityTest.localMobile();
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("customer_phone", phone)
                .with("order_date", "2024-03-01T10:00:00Z").json());
        app.sync("sync_email_thread", Events.email(unique("m"), email).with("created_at", "2024-02-01T10:00:00Z").json());
        app.sync("sync_quote_session", Events.quote(unique("qs_"), email).with("created_at", "2024-01-20T10:00:00Z").json());
        app.sync("sync_social_interaction", Events.social("facebook", unique("fb"), "Hi").with("customer_email", email)
                .with("interaction_date", "2024-01-10T10:00:00Z").json());
        app.sync("sync_call_transcript", Events.call(unique("c"), phone).with("started_at", "2024-01-05T10:00:00Z").json());
        return email;
    }

    private static List<String> sources(JsonNode timeline) {
        List<String> out = new ArrayList<>();
        timeline.forEach(e -> out.add(e.path("source").asString()));
        return out;
    }

    @Test
    void timelineIsNewestFirstAcrossAllFiveSources() {
        String email = customerWithEverySource();
        var timeline = app.get("/api/timeline?action=timeline&customerId=" + email).json().path("timeline");
        assertThat(sources(timeline)).containsExactly("order", "email", "chat", "social", "call");
        assertThat(timeline.get(0).path("amount").decimalValue()).isEqualByComparingTo("1299.99");
        assertThat(timeline.get(0).path("reference_table").asString()).isEqualTo("opencart_orders_cache");
    }

    @Test
    void sourcesAndInclusiveDaysFilterTheTimeline() {
        String email = customerWithEverySource();
        var bySource = app.get("/api/timeline?action=timeline&customerId=" + email + "&sources=call,email").json().path("timeline");
        assertThat(sources(bySource)).containsExactly("email", "call");
        var repeated = app.get("/api/timeline?action=timeline&customerId=" + email + "&sources=call&sources=email").json().path("timeline");
        assertThat(sources(repeated)).containsExactly("email", "call");
        var byDate = app.get("/api/timeline?action=timeline&customerId=" + email + "&dateFrom=2024-01-10&dateTo=2024-02-01")
                .json().path("timeline");
        assertThat(sources(byDate)).containsExactly("email", "chat", "social");
    }

    /** The sources of every page of a timeline read, following next_cursor (five pages at most). */
    private List<String> sourcesOfEveryPage(String email, String filters) {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 5; page++) {
            var r = app.get("/api/timeline?action=timeline&customerId=" + email + filters + (cursor.isEmpty() ? "" : "&cursor=" + cursor)).json();
            seen.addAll(sources(r.path("timeline")));
            if (r.path("next_cursor").isNull() || r.path("next_cursor").isMissingNode()) {
                break;
            }
            cursor = r.path("next_cursor").asString();
        }
        return seen;
    }

    @Test
    void sourcesDaysAndCursorTogetherPageThroughExactlyWhatMatches() {
        String email = customerWithEverySource();
        assertThat(sourcesOfEveryPage(email, "&sources=call,chat,email,social&dateFrom=2024-01-06&dateTo=2024-02-01&limit=1"))
                .containsExactly("email", "chat", "social");
    }

    @Test
    void cursorPagesThroughWithoutGapsOrRepeats() {
        String email = customerWithEverySource();
        assertThat(sourcesOfEveryPage(email, "&limit=2")).containsExactly("order", "email", "chat", "social", "call");
    }

    @Test
    void entryDetailCarriesTheFullSourceRecord() {
        String email = customerWithEverySource();
        var order = app.get("/api/timeline?action=timeline&customerId=" + email + "&sources=order").json().path("timeline").get(0);
        var detail = app.get("/api/timeline/entries/" + order.path("id").asString() + "?customerId=" + email).json();
        assertThat(detail.path("details").path("shipping_address").path("city").asString()).isEqualTo("Cape Town");
    }

    @Test
    void customerDetailsShowLatestOfEachSource() {
        String email = customerWithEverySource();
        var details = app.get("/api/timeline?action=customer_details&customerId=" + email).json();
        assertThat(details.path("latest").properties()).hasSize(5);
        assertThat(details.path("interactions_by_source").path("call").asInt()).isEqualTo(1);
    }

    @Test
    void searchFindsByPartialNameCompanyEmailAndLocalPhone() {
        String phone = IdentityTest.localMobile();
        String company = unique("Zebra Audio ");
        String email = unique("searchme") + "@example.co.za";
        app.sync("sync_quote_session", Events.quote(unique("qs_"), email).with("customer_name", "Sipho Ndlovu")
                .with("company_name", company).with("customer_phone", phone).json());

        for (String q : List.of(company.substring(0, 14).toLowerCase(), email.substring(0, 12), phone, phone.substring(0, 7), "+27" + phone.substring(1))) {
            var r = app.get("/api/timeline?action=search&query=" + q.replace(" ", "%20").replace("+", "%2B"));
            assertThat(r.status()).as(q).isEqualTo(200);
            assertThat(r.json().path("customers").toString()).as(q).contains(email);
        }
        assertThat(app.get("/api/timeline?action=search&query=" + phone).json().path("customers").get(0).path("email").asString())
                .isEqualTo(email);
    }

    @Test
    void searchesAnswerTheSameOnceTheirGenericPlanIsCached() {
        assertThat(app.jdbc().sql("SELECT current_setting('plan_cache_mode')").query(String.class).single())
                .isEqualTo("force_generic_plan");
        String phone = IdentityTest.localMobile();
        String surname = letters(10);
        String email = unique("generic") + "@example.co.za";
        app.sync("sync_quote_session", Events.quote(unique("qs_"), email).with("customer_name", "Lerato " + surname)
                .with("customer_phone", phone).json());
        // each query reaches a different tier: exact email, whole word, word start, text inside, phone digits, typo
        List<String> queries = List.of(email, surname, surname.substring(0, 6), surname.substring(2, 9),
                phone.substring(1, 8), "Lerato " + surname.substring(0, 9) + "x");
        // pgjdbc prepares a statement on the server from its fifth use on a connection, and from then on
        // PostgreSQL answers it from the connection's cached generic plan; enough rounds for every pooled
        // connection the requests land on
        for (int round = 0; round < 6 * 16; round++) {
            for (String q : queries) {
                var found = app.get("/api/timeline?action=search&query=" + q.replace(" ", "%20")).json().path("customers");
                assertThat(found.toString()).as(q + " in round " + round).contains(email);
            }
        }
    }

    @Test
    void aSurnameSharedByHundredsListsFiftyAndAnExactHandleStillComesFirst() {
        String surname = letters(9);
        for (int i = 0; i < 230; i++) {
            app.sync("sync_quote_session", Events.quote(unique("qs_"), unique("crowd") + "@example.co.za")
                    .with("customer_name", "Ann" + letters(3) + " " + surname).with("company_name", null).json());
        }
        String handleOwner = unique("handle") + "@example.co.za";
        app.sync("sync_social_interaction", Events.social("instagram", "@" + surname.toLowerCase(), "Hi")
                .with("customer_email", handleOwner).json());

        var found = app.get("/api/timeline?action=search&query=" + surname).json().path("customers");
        assertThat(found).hasSize(50);
        assertThat(found.get(0).path("email").asString()).isEqualTo(handleOwner);
        found.forEach(c -> assertThat(c.path("email").asString().equals(handleOwner) || c.path("name").asString().endsWith(surname))
                .as(c.toString()).isTrue());
    }

    @Test
    void twoLettersFindWordStartsButNotTextInsideWords() {
        String surname = letters(9);
        String email = unique("inside") + "@example.co.za";
        app.sync("sync_quote_session", Events.quote(unique("qs_"), email).with("customer_name", "Ann " + surname)
                .with("company_name", null).json());

        var inside = app.get("/api/timeline?action=search&query=" + surname.substring(4, 6) + "&limit=50");
        var three = app.get("/api/timeline?action=search&query=" + surname.substring(4, 7) + "&limit=50");

        assertThat(inside.status()).isEqualTo(200);
        assertThat(inside.json().path("customers").toString()).as("two letters inside a word are noise, and no index can find them")
                .doesNotContain(email);
        assertThat(three.json().path("customers").toString()).contains(email);
    }

    @Test
    void aNameWithATypoIsFoundWhenNothingContainsTheQuery() {
        String surname = letters(9);
        String email = unique("typo") + "@example.co.za";
        app.sync("sync_quote_session", Events.quote(unique("qs_"), email).with("customer_name", "Ann " + surname).json());
        String typo = "Ann " + surname.substring(0, 4) + (surname.charAt(4) == 'z' ? 'y' : 'z') + surname.substring(5);

        var found = app.get("/api/timeline?action=search&query=" + typo.replace(" ", "%20")).json().path("customers");
        assertThat(found.get(0).path("email").asString()).isEqualTo(email);
    }

    @Test
    void searchListsWholeWordsBeforeWordStartsAndTheMostValuableFirst() {
        String surname = letters(9);
        String small = buyer("Ann " + surname, "100.00");
        String big = buyer("Ben " + surname, "9000.00");
        String longer = buyer("Cid " + surname + "son", "50000.00");
        String inside = buyer("Dee Mc" + surname.toLowerCase(), "70000.00");

        assertThat(emails(search(surname))).containsExactly(big, small, longer, inside);
        // three names have a word that starts so, most valuable first; text inside a word comes after them
        assertThat(emails(search(surname.substring(0, 6)))).containsExactly(longer, big, small, inside);
    }

    @Test
    void searchFindsEveryWordOfANameAndTheNameFromAnyWordOn() {
        String surname = letters(8);
        String email = buyer("Johan van der " + surname, "10.00");

        for (String q : List.of("johan", "van der " + surname, "der " + surname.toLowerCase(), "Johan van der " + surname, "johan va", " johan  van\tder " + surname)) {
            assertThat(emails(search(q))).as(q).contains(email);
        }
    }

    @Test
    void searchIgnoresAccentsInNamesAndCompaniesBothWays() {
        String surname = letters(8);
        String accented = buyer("Anél Müller-" + surname, "10.00");
        app.sync("sync_quote_session", Events.quote(unique("qs_"), accented).with("customer_name", "Anél Müller-" + surname)
                .with("company_name", "Café Sóleil " + surname).json());
        String plain = buyer("Zane Coetzee " + surname, "10.00");

        // whole word, word start, text inside a word, the company, and a typo of the whole name
        for (String q : List.of("anel", "ANEL", "muller-" + surname, "mull", "üller-" + surname, "cafe soleil " + surname,
                "afe sol", "Anel Muler-" + surname)) {
            assertThat(emails(search(q))).as(q).contains(accented);
        }
        assertThat(emails(search("Zané Coetzée " + surname))).as("accents typed, none stored").containsExactly(plain);
        // the profile keeps the name as written
        assertThat(search("anel muller-" + surname).get(0).path("name").asString()).isEqualTo("Anél Müller-" + surname);
    }

    @Test
    void aNameOfThousandsOfWordsIsTakenInStrideAndFoundByItsFirstWords() {
        String surname = letters(9);
        String email = unique("long") + "@example.co.za";
        // attacker-written: a social or email name may be 40,000 characters; it is kept, cut to 2,000
        var r = app.sync("sync_quote_session", Events.quote(unique("qs_"), email)
                .with("customer_name", "Ann " + surname + " " + "word ".repeat(8000)).json());
        assertThat(r.status()).isEqualTo(200);

        assertThat(emails(search(surname))).containsExactly(email);
        assertThat(emails(search("ann " + surname + " word"))).containsExactly(email);
    }

    @Test
    void aRenamedCustomerIsFoundByTheNewNameNotTheOld() {
        String before = letters(9);
        String after = letters(9);
        String email = buyer("Ann " + before, "10.00");

        var r = app.post("/api/timeline", "{\"action\":\"update_profile\",\"customerId\":\"" + email + "\",\"name\":\"Ann " + after + "\"}");
        assertThat(r.status()).isEqualTo(200);

        assertThat(emails(search(after))).containsExactly(email);
        assertThat(emails(search(before))).isEmpty();
    }

    @Test
    void aMergedProfileIsNotListedBesideTheProfileItJoined() {
        String phone = IdentityTest.localMobile();
        String first = letters(9);
        String second = letters(9);
        String quoteEmail = unique("quote") + "@example.co.za";
        String orderEmail = unique("order") + "@example.co.za";
        app.sync("sync_quote_session", Events.quote(unique("qs_"), quoteEmail).with("customer_name", "Ann " + first)
                .with("company_name", null).with("customer_phone", phone).json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), orderEmail).with("customer_name", "Ann " + second)
                .without("customer_phone").json());
        assertThat(search(second)).hasSize(1);

        app.sync("sync_opencart_order", Events.order(uniqueNumber(), orderEmail).with("customer_name", "Ann " + second)
                .with("customer_phone", "+27" + phone.substring(1)).json());

        String survivor = app.get("/api/timeline?action=profile&customerId=" + orderEmail).json().path("id").asString();
        for (String q : List.of(first, second, "ann " + first, orderEmail)) {
            search(q).forEach(c -> assertThat(c.path("id").asString()).as(q).isEqualTo(survivor));
        }
    }

    private JsonNode search(String query) {
        var r = app.get("/api/timeline?action=search&query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).as(query).isEqualTo(200);
        return r.json().path("customers");
    }

    private static List<String> emails(JsonNode customers) {
        List<String> emails = new ArrayList<>();
        customers.forEach(c -> emails.add(c.path("email").asString()));
        return emails;
    }

    /** A new customer called {@code name} whose one paid order is worth {@code total}; their email. */
    private String buyer(String name, String total) {
        String email = unique("buyer") + "@example.co.za";
        var r = app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("customer_name", name)
                .with("order_total", new java.math.BigDecimal(total)).without("customer_phone").json());
        assertThat(r.status()).isEqualTo(200);
        return email;
    }

    private static String letters(int n) {
        var r = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder().append((char) ('A' + r.nextInt(26)));
        while (b.length() < n) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    @Test
    void topListsByLifetimeValue() {
        String rich = unique("rich") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), rich).with("order_total", 9_999_999).json());
        var top = app.get("/api/timeline?action=top&limit=1").json().path("customers");
        assertThat(top.get(0).path("email").asString()).isEqualTo(rich);
        assertThat(top.get(0).path("customer_status").asString()).isEqualTo("VIP");
    }

    @Test
    void recentListsTheLatestInteraction() {
        String email = unique("recent") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("m"), email).with("created_at", Instant.now().plus(12, ChronoUnit.HOURS).toString()).json());
        assertThat(app.get("/api/timeline?action=recent&limit=5").json().path("customers").toString()).contains(email);
    }

    @Test
    void attentionListsReasons() {
        Instant now = Clock.systemUTC().instant();
        String angry = unique("angry") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("m"), angry).with("subject", "Where is my refund")
                .with("sentiment", "negative").with("created_at", now.minus(2, ChronoUnit.DAYS).toString()).json());
        String quoted = unique("quoted") + "@example.co.za";
        app.sync("sync_quote_session", Events.quote(unique("qs_"), quoted).with("created_at", now.minus(9, ChronoUnit.DAYS).toString()).json());
        String answered = unique("answered") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("m"), answered).with("created_at", now.minus(3, ChronoUnit.DAYS).toString()).json());
        app.sync("sync_email_thread", Events.email(unique("m"), "support@shop.co.za").with("direction", "outbound")
                .with("to_email", answered).with("created_at", now.minus(2, ChronoUnit.DAYS).toString()).json());

        var list = app.get("/api/timeline?action=attention&limit=200").json().path("customers");
        String angryReasons = reasonsOf(list, angry);
        assertThat(angryReasons).contains("email_unanswered", "negative_latest");
        assertThat(reasonsOf(list, quoted)).contains("quote_without_order");
        assertThat(reasonsOf(list, answered)).isEmpty();
        // two reasons rank above one; each reason says since when and how often, oldest first
        assertThat(positionOf(list, angry)).isLessThan(positionOf(list, quoted));
        JsonNode angryRow = list.get(positionOf(list, angry));
        assertThat(angryRow.path("name").asString()).isNotBlank();
        assertThat(angryRow.path("reasons")).allSatisfy(r -> {
            assertThat(r.path("count").asInt()).isEqualTo(1);
            assertThat(Instant.parse(r.path("since").asString())).isBefore(now);
            assertThat(r.path("since").asString()).as("in UTC like every other time of the API").endsWith("Z");
        });
    }

    @Test
    void anOldUnansweredEmailDoesNotHideTheCustomerWhoWroteAgain() {
        Instant now = Clock.systemUTC().instant();
        String again = unique("again") + "@example.co.za";
        String silent = unique("silent") + "@example.co.za";
        for (String email : List.of(again, silent)) {
            app.sync("sync_email_thread", Events.email(unique("m"), email).with("category", "other")
                    .with("created_at", now.minus(100, ChronoUnit.DAYS).toString()).json());
        }
        app.sync("sync_email_thread", Events.email(unique("m"), again).with("category", "other")
                .with("created_at", now.minus(2, ChronoUnit.DAYS).toString()).json());

        var list = app.get("/api/timeline?action=attention&limit=200").json().path("customers");
        JsonNode reason = list.get(positionOf(list, again)).path("reasons").get(0);
        assertThat(reason.path("code").asString()).isEqualTo("email_unanswered");
        assertThat(Instant.parse(reason.path("since").asString())).as("waiting since the first email nobody answered")
                .isBefore(now.minus(99, ChronoUnit.DAYS));
        assertThat(reasonsOf(list, silent)).as("silent for longer than the look-back window").isEmpty();
    }

    @Test
    void trendComparesTheLatestFiveScoredWithTheFiveBefore() {
        String email = unique("trend") + "@example.co.za";
        Instant start = Instant.parse("2024-05-01T09:00:00Z");
        for (int day = 0; day < 5; day++) {
            app.sync("sync_email_thread", Events.email(unique("m"), email).with("sentiment", "negative")
                    .with("created_at", start.plus(day, ChronoUnit.DAYS).toString()).json());
        }
        assertThat(trendOf(email)).as("five scored interactions are too few for a trend").isEqualTo("stable");
        for (int day = 5; day < 10; day++) {
            app.sync("sync_email_thread", Events.email(unique("m"), email).with("sentiment", "positive")
                    .with("created_at", start.plus(day, ChronoUnit.DAYS).toString()).json());
        }
        assertThat(trendOf(email)).isEqualTo("improving");
        for (int day = 10; day < 15; day++) {
            app.sync("sync_email_thread", Events.email(unique("m"), email).with("sentiment", "negative")
                    .with("created_at", start.plus(day, ChronoUnit.DAYS).toString()).json());
        }
        assertThat(trendOf(email)).isEqualTo("declining");
        // an order carries no sentiment and does not move the trend
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("order_date", start.plus(20, ChronoUnit.DAYS).toString()).json());
        assertThat(trendOf(email)).isEqualTo("declining");
    }

    private String trendOf(String email) {
        return app.get("/api/timeline?action=profile&customerId=" + email).json().path("sentiment_trend").asString();
    }

    @Test
    void socialPostThatNeedsAResponseWaitsUntilTheShopAnswers() {
        Instant now = Clock.systemUTC().instant();
        String email = unique("social") + "@example.co.za";
        app.sync("sync_social_interaction", Events.social("facebook", unique("fb"), "Is the Sonos Era in stock?")
                .with("customer_email", email).with("requires_response", true)
                .with("interaction_date", now.minus(3, ChronoUnit.HOURS).toString()).json());
        assertThat(reasonsOf(app.get("/api/timeline?action=attention&limit=200").json().path("customers"), email))
                .contains("social_unanswered");
        app.sync("sync_email_thread", Events.email(unique("m"), "support@shop.co.za").with("direction", "outbound")
                .with("to_email", email).with("created_at", now.minus(1, ChronoUnit.HOURS).toString()).json());
        assertThat(reasonsOf(app.get("/api/timeline?action=attention&limit=200").json().path("customers"), email))
                .doesNotContain("social_unanswered");
    }

    private static int positionOf(JsonNode list, String email) {
        for (int i = 0; i < list.size(); i++) {
            if (email.equals(list.get(i).path("email").asString())) {
                return i;
            }
        }
        throw new AssertionError(email + " is not listed");
    }

    private static String reasonsOf(JsonNode list, String email) {
        for (JsonNode c : list) {
            if (email.equals(c.path("email").asString())) {
                return c.path("reasons").toString();
            }
        }
        return "";
    }

    @Test
    void updateProfileSetsStatusAndCompanyAndRecomputes() {
        String email = unique("vip") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).json());
        var r = app.post("/api/timeline", "{\"action\":\"update_profile\",\"customerId\":\"" + email
                + "\",\"status\":\"Blocked\",\"company\":\"Acme (Pty) Ltd\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("customer_status").asString()).isEqualTo("Blocked");
        assertThat(r.json().path("company").asString()).isEqualTo("Acme (Pty) Ltd");
        var cleared = app.post("/api/timeline", "{\"action\":\"update_profile\",\"customerId\":\"" + email + "\",\"status\":null}");
        assertThat(cleared.json().path("customer_status").asString()).isEqualTo("Inactive");
        assertProblemField(app.post("/api/timeline", "{\"action\":\"update_profile\",\"customerId\":\"" + email + "\",\"status\":\"Gold\"}"));

        // a refused field writes nothing, not even the valid fields beside it
        var refused = app.post("/api/timeline", "{\"action\":\"update_profile\",\"customerId\":\"" + email
                + "\",\"status\":\"VIP\",\"company\":{\"a\":1}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo("company");
        var tooLong = app.post("/api/timeline", "{\"action\":\"update_profile\",\"customerId\":\"" + email
                + "\",\"status\":\"VIP\",\"name\":\"" + "n".repeat(2_001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("field").asString()).isEqualTo("name");
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("customer_status").asString()).isEqualTo("Inactive");
        assertThat(profile.path("company").asString()).isEqualTo("Acme (Pty) Ltd");
    }

    private static void assertProblemField(TestApp.Response r) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("status");
    }
}
