package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.users.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Notes on the profile card: agents and admins write them, everyone reads them, they follow a merge. */
class CustomerNotesTest {

    private final TestApp app = TestApp.get();

    private String customer(String email) {
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).without("customer_phone").json());
        return app.get("/api/timeline?action=profile&customerId=" + email).json().path("id").asString();
    }

    private WebSession signedIn(Role role) {
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, role), People.PASSWORD);
        return web;
    }

    private long notes(String customer) {
        return app.jdbc().sql("SELECT count(*) FROM customer_notes WHERE customer_id = :id").param("id", UUID.fromString(customer))
                .query(Long.class).single();
    }

    @Test
    void anAgentAddsANoteAndEveryoneReadsItAsText() {
        String id = customer(unique("note") + "@example.co.za");
        WebSession agent = signedIn(Role.AGENT);
        assertThat(agent.get("/timeline?customer=" + id).body()).contains("Save note", "No notes yet.");

        var first = agent.htmxPost("/timeline/customers/" + id + "/notes", Map.of("body", "Promised a refund by Friday."));
        var hostile = agent.htmxPost("/timeline/customers/" + id + "/notes",
                Map.of("body", "<script>alert(1)</script><img src=x onerror=alert(2)>"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.body()).contains("Note saved", "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>alert(1)", "<img src=x");
        String page = signedIn(Role.VIEWER).get("/timeline?customer=" + id).body();
        assertThat(page).contains("Promised a refund by Friday.", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)", "Save note");
        assertThat(page.indexOf("&lt;script&gt;alert(1)")).as("newest first").isLessThan(page.indexOf("Promised a refund"));
        assertThat(notes(id)).isEqualTo(2);
    }

    @Test
    void aViewerCannotAddANote() {
        String id = customer(unique("note") + "@example.co.za");
        WebSession viewer = signedIn(Role.VIEWER);
        viewer.get("/timeline?customer=" + id);
        assertThat(viewer.htmxPost("/timeline/customers/" + id + "/notes", Map.of("body", "forged")).status()).isEqualTo(403);
        assertThat(notes(id)).isZero();
    }

    @Test
    void blankAndOverlongNotesAreRefusedWithAMessage() {
        String id = customer(unique("note") + "@example.co.za");
        WebSession admin = signedIn(Role.ADMIN);
        assertThat(admin.htmxPost("/timeline/customers/" + id + "/notes", Map.of("body", "   ")).body()).contains("A note needs some text.");
        assertThat(admin.htmxPost("/timeline/customers/" + id + "/notes", Map.of("body", "x".repeat(5_001))).body())
                .contains("A note has at most 5000 characters.");
        assertThat(admin.htmxPost("/timeline/customers/" + id + "/notes", Map.of("body", "y".repeat(5_000))).body())
                .contains("Note saved");
        assertThat(notes(id)).isEqualTo(1);
    }

    @Test
    void aNoteFollowsAProfileMerge() {
        String phone = "082" + (1_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_999_999));
        String quoteEmail = unique("nq") + "@example.co.za";
        String orderEmail = unique("no") + "@example.co.za";
        app.sync("sync_quote_session", Events.quote(unique("qs_"), quoteEmail).with("customer_phone", phone).json());
        String quoteProfile = app.get("/api/timeline?action=profile&customerId=" + quoteEmail).json().path("id").asString();
        String orderProfile = customer(orderEmail);
        assertThat(orderProfile).isNotEqualTo(quoteProfile);
        WebSession agent = signedIn(Role.AGENT);
        agent.get("/timeline?customer=" + orderProfile);
        agent.htmxPost("/timeline/customers/" + orderProfile + "/notes", Map.of("body", "Note on the order profile"));
        agent.htmxPost("/timeline/customers/" + quoteProfile + "/notes", Map.of("body", "Note on the quote profile"));

        app.sync("sync_opencart_order", Events.order(uniqueNumber(), orderEmail).with("customer_phone", "+27" + phone.substring(1)).json());

        String survivor = app.get("/api/timeline?action=profile&customerId=" + orderEmail).json().path("id").asString();
        assertThat(app.get("/api/timeline?action=profile&customerId=" + quoteEmail).json().path("id").asString()).isEqualTo(survivor);
        String merged = survivor.equals(orderProfile) ? quoteProfile : orderProfile;
        assertThat(notes(survivor)).isEqualTo(2);
        assertThat(notes(merged)).isZero();
        assertThat(agent.get("/timeline?customer=" + survivor).body()).contains("Note on the order profile", "Note on the quote profile");
    }
}
