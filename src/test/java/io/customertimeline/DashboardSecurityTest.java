package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.users.ProfileReads;
import io.customertimeline.users.Role;
import io.customertimeline.users.Users;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DashboardSecurityTest {

    private final TestApp app = TestApp.get();

    private String customer() {
        String email = unique("sec") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).json());
        return app.get("/api/timeline?action=profile&customerId=" + email).json().path("id").asString();
    }

    @Test
    void dashboardAsksStrangersToSignIn() {
        var page = new WebSession(app).get("/timeline");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/signin");
        assertThat(new WebSession(app).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIsRefusedAndRightOneLetsIn() {
        String viewer = People.create(app, Role.VIEWER);
        WebSession web = new WebSession(app);
        assertThat(web.signIn(viewer, "not the password").location()).endsWith("/signin?error");
        var ok = web.signIn(viewer, People.PASSWORD);
        assertThat(ok.location()).endsWith("/timeline");
        assertThat(web.get("/timeline").status()).isEqualTo(200);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        String viewer = People.create(app, Role.VIEWER);
        var page = new WebSession(app).signIn(viewer, People.PASSWORD);
        String cookie = page.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() {
        String viewer = People.create(app, Role.VIEWER);
        WebSession web = new WebSession(app);
        web.signIn(viewer, People.PASSWORD);
        String csp = web.get("/timeline").raw().headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void repeatedFailedSignInsLockThatUsernameFromThatAddress() {
        String agent = People.create(app, Role.AGENT);
        WebSession web = new WebSession(app);
        for (int i = 0; i < 5; i++) {
            assertThat(web.signIn(agent, "guess " + i).location()).endsWith("/signin?error");
        }
        assertThat(web.signIn(agent, People.PASSWORD).location()).endsWith("/signin?locked");
        String other = People.create(app, Role.AGENT);
        assertThat(new WebSession(app).signIn(other, People.PASSWORD).location()).endsWith("/timeline");
    }

    @Test
    void aHugeUsernameIsCutSoItNeitherFillsTheThrottleNorEscapesIt() {
        String prefix = TestApp.unique("n").replaceAll("[^a-z0-9]", "") + "x".repeat(70);
        WebSession web = new WebSession(app);
        for (int i = 0; i < 5; i++) {
            // names no user can have, a hundred thousand characters each, that differ only past the longest username
            assertThat(web.signIn(prefix + "y".repeat(100_000) + i, "guess " + i).location()).endsWith("/signin?error");
        }
        assertThat(web.signIn(prefix + "z".repeat(100_000), "guess").location()).endsWith("/signin?locked");
    }

    @Test
    void aViewerCannotChangeStatusButAnAgentCan() {
        String id = customer();
        WebSession viewer = new WebSession(app);
        viewer.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        assertThat(viewer.get("/timeline?customer=" + id).body()).doesNotContain("Save status");
        assertThat(viewer.htmxPost("/timeline/customers/" + id + "/status", Map.of("status", "VIP")).status()).isEqualTo(403);
        assertThat(app.get("/api/timeline?action=profile&customerId=" + id).json().path("status_override").isNull()).isTrue();

        WebSession agent = new WebSession(app);
        agent.signIn(People.create(app, Role.AGENT), People.PASSWORD);
        var saved = agent.htmxPost("/timeline/customers/" + id + "/status", Map.of("status", "VIP"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved");
        assertThat(app.get("/api/timeline?action=profile&customerId=" + id).json().path("customer_status").asString()).isEqualTo("VIP");
    }

    @Test
    void aChangedAccountEndsTheSessionsItSignedInWith() {
        String id = customer();
        String agent = People.create(app, Role.AGENT);
        WebSession web = new WebSession(app);
        web.signIn(agent, People.PASSWORD);
        web.get("/timeline?customer=" + id);
        app.bean(Users.class).setEnabled(agent, false);
        var refused = web.htmxPost("/timeline/customers/" + id + "/status", Map.of("status", "Blocked"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.raw().headers().firstValue("HX-Redirect")).hasValue("/signin?expired");
        assertThat(web.get("/api/timeline?action=profile&customerId=" + id).status()).isEqualTo(401);
        assertThat(app.get("/api/timeline?action=profile&customerId=" + id).json().path("customer_status").asString())
                .isNotEqualTo("Blocked");

        app.bean(Users.class).setEnabled(agent, true);
        web = new WebSession(app);
        web.signIn(agent, People.PASSWORD);
        web.get("/timeline?customer=" + id);
        app.bean(Users.class).setRole(agent, Role.VIEWER);
        assertThat(web.get("/timeline?customer=" + id).status()).as("signed out, to sign in as a viewer").isEqualTo(302);
    }

    @Test
    void signingInAgainAfterTheSessionEndedReturnsToTheCustomerThatWasOpen() {
        String id = customer();
        String agent = People.create(app, Role.AGENT);
        WebSession web = new WebSession(app);
        web.signIn(agent, People.PASSWORD);
        web.get("/timeline?customer=" + id);
        app.bean(Users.class).setEnabled(agent, false); // the session ends, as after a timeout
        app.bean(Users.class).setEnabled(agent, true);
        var ended = web.send(HttpRequest.newBuilder(app.uri("/timeline/customers/" + id + "/profile")).header("HX-Request", "true")
                .header("HX-Current-URL", app.uri("/timeline?customer=" + id).toString()).GET());
        assertThat(ended.status()).isEqualTo(401);
        assertThat(web.signIn(agent, People.PASSWORD).location()).endsWith("/timeline?customer=" + id);

        // the page named by the browser is a path of this dashboard, never another host's
        app.bean(Users.class).setEnabled(agent, false);
        app.bean(Users.class).setEnabled(agent, true);
        web.send(HttpRequest.newBuilder(app.uri("/timeline/customers/" + id + "/profile")).header("HX-Request", "true")
                .header("HX-Current-URL", "https://evil.example/steal").GET());
        web.get("/signin?expired"); // where HX-Redirect sends the browser: the ended session is replaced there
        assertThat(web.signIn(agent, People.PASSWORD).location()).endsWith("/timeline");
    }

    @Test
    void aReversedDateRangeSaysSoAndShowsNothingRatherThanEverything() {
        String id = customer();
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        assertThat(web.get("/timeline?customer=" + id).body()).contains("id=\"entry-");
        String page = web.get("/timeline?customer=" + id + "&from=2030-03-01&to=2000-01-01").body();
        assertThat(page).contains("“To”").contains("“From”").doesNotContain("id=\"entry-");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        String id = customer();
        WebSession agent = new WebSession(app);
        agent.signIn(People.create(app, Role.AGENT), People.PASSWORD);
        agent.get("/timeline?customer=" + id);
        assertThat(agent.post("/timeline/customers/" + id + "/status", Map.of("status", "Blocked")).status()).isEqualTo(403);
        assertThat(app.get("/api/timeline?action=profile&customerId=" + id).json().path("customer_status").asString()).isNotEqualTo("Blocked");
    }

    @Test
    void aSignedInPersonMayReadTheApiButNotWriteThroughIt() {
        String id = customer();
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, Role.ADMIN), People.PASSWORD);
        assertThat(web.get("/api/timeline?action=profile&customerId=" + id).status()).isEqualTo(200);
        var write = web.send(HttpRequest.newBuilder(app.uri("/api/sync")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"bulk_update_profiles\",\"data\":{\"customer_ids\":[]}}")));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.body()).as("says what would be allowed, not blame a role").contains("needs 'Authorization: Bearer <TIMELINE_API_KEY>'");
        assertThat(new WebSession(app).get("/api/timeline?action=profile&customerId=" + id).status()).isEqualTo(401);
    }

    @Test
    void everyProfileReadByAPersonIsAuditedAndOnlyAdminsSeeTheAudit() {
        String id = customer();
        String viewer = People.create(app, Role.VIEWER);
        WebSession web = new WebSession(app);
        web.signIn(viewer, People.PASSWORD);
        web.get("/timeline?customer=" + id);
        web.get("/api/timeline?action=profile&customerId=" + id);
        app.get("/api/timeline?action=profile&customerId=" + id);   // the API key is not a person

        var reads = app.bean(ProfileReads.class).latest(UUID.fromString(id), 10);
        assertThat(reads).extracting(ProfileReads.Read::username).containsOnly(viewer);
        assertThat(reads).extracting(ProfileReads.Read::channel).containsExactlyInAnyOrder("dashboard", "api:profile");
        assertThat(web.get("/admin/audit").status()).isEqualTo(403);

        WebSession admin = new WebSession(app);
        admin.signIn(People.create(app, Role.ADMIN), People.PASSWORD);
        String audit = admin.get("/admin/audit?customer=" + id).body();
        assertThat(audit).contains(viewer).doesNotContain("+00:00");
        // in the shop's time, as everywhere on the dashboard
        assertThat(audit).contains(reads.get(0).readAt().atZoneSameInstant(java.time.ZoneId.of("Africa/Johannesburg"))
                .format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", java.util.Locale.ENGLISH)));
    }

    @Test
    void readingTheCustomerPagesPartsWithoutThePageIsAuditedOnceASession() {
        String id = customer();
        String entry = app.get("/api/timeline?action=timeline&customerId=" + id).json().path("timeline").get(0).path("id").asString();
        String viewer = People.create(app, Role.VIEWER);
        WebSession web = new WebSession(app);
        web.signIn(viewer, People.PASSWORD);

        assertThat(web.get("/timeline/customers/" + id + "/profile").status()).isEqualTo(200);
        assertThat(web.get("/timeline/entries/" + entry + "?customer=" + id).status()).isEqualTo(200);
        assertThat(web.get("/timeline/customers/" + id + "/profile").status()).isEqualTo(200); // a live refresh
        assertThat(app.bean(ProfileReads.class).latest(UUID.fromString(id), 10)).extracting(ProfileReads.Read::username)
                .containsExactly(viewer);

        WebSession another = new WebSession(app);
        another.signIn(viewer, People.PASSWORD);
        assertThat(another.get("/timeline/entries/" + entry + "?customer=" + id).status()).isEqualTo(200);
        assertThat(app.bean(ProfileReads.class).latest(UUID.fromString(id), 10)).hasSize(2);
    }

    @Test
    void aMissingOrForbiddenPageIsAPageInWordsForABrowserAndAProblemForAnApiClient() {
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        String html = "text/html,application/xhtml+xml,*/*;q=0.8";
        var missing = web.send(HttpRequest.newBuilder(app.uri("/nope")).header("Accept", html).GET());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(missing.body()).contains("No such page").contains("Back to the dashboard").doesNotContain("\"status\"");
        var forbidden = web.send(HttpRequest.newBuilder(app.uri("/admin/users")).header("Accept", html).GET());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Not for your role");
        var api = app.send(HttpRequest.newBuilder(app.uri("/api/nope")).header("Accept", "text/html")
                .header("Authorization", "Bearer " + TestApp.API_KEY).GET());
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anOpenEntryRefreshedLiveLoadsItsDetailsAsALiveUpdateNotAsThePersonsDoing() {
        String id = customer();
        String entry = app.get("/api/timeline?action=timeline&customerId=" + id).json().path("timeline").get(0).path("id").asString();
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        // the details load by themselves when the row comes back open: that must not keep an idle session alive
        assertThat(web.get("/timeline/entries/" + entry + "/row?customer=" + id + "&open=true").body())
                .contains("hx-headers=\"{&quot;X-Live-Update&quot;: &quot;1&quot;}\"");
        assertThat(web.get("/timeline/entries/" + entry + "/row?customer=" + id).body()).doesNotContain("X-Live-Update");
    }

    @Test
    void anEntryIsShownOnlyWithItsOwnCustomer() {
        String a = customer();
        String b = customer();
        String entry = app.get("/api/timeline?action=timeline&customerId=" + a).json().path("timeline").get(0).path("id").asString();
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        assertThat(web.get("/timeline/entries/" + entry + "?customer=" + a).status()).isEqualTo(200);
        assertThat(web.get("/timeline/entries/" + entry + "?customer=" + b).status()).isEqualTo(404);
        assertThat(web.get("/timeline/entries/" + entry + "/row?customer=" + b).status()).isEqualTo(404);
    }

    @Test
    void signingOutEndsTheSession() {
        WebSession web = new WebSession(app);
        web.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        web.get("/timeline");
        assertThat(web.htmxPost("/signout", Map.of()).location()).endsWith("/signin?signedout");
        assertThat(web.get("/timeline").status()).isEqualTo(302);
    }

    @Test
    void adminsAddUsersWithRoles() {
        WebSession admin = new WebSession(app);
        admin.signIn(People.create(app, Role.ADMIN), People.PASSWORD);
        admin.get("/admin/users");
        String name = unique("new-agent-");
        assertThat(admin.htmxPost("/admin/users", Map.of("username", name, "password", "long enough password", "role", "agent")).status())
                .isEqualTo(302);
        assertThat(admin.get("/admin/users").body()).contains(name);
        assertThat(new WebSession(app).signIn(name, "long enough password").location()).endsWith("/timeline");
    }
}
