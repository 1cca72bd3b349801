package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.users.Role;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardTasksTest {

    private final TestApp app = TestApp.get();

    private String customerWithATask(String subject) {
        String email = unique("task") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("msg_"), email).with("category", "support").with("subject", subject)
                .with("created_at", Instant.now().minusSeconds(60).toString()).json());
        return email;
    }

    /** The row of the task about {@code subject}, from its opening tag to the subject. */
    private static String taskRow(String page, String subject) {
        int at = page.indexOf(subject);
        return page.substring(page.lastIndexOf("<tr", at), at);
    }

    private static String taskId(String page, String subject) {
        Matcher m = Pattern.compile("id=\"task-([0-9a-f-]{36})\"[^<]*(?:<[^<]*){0,12}?" + Pattern.quote(subject)).matcher(page);
        assertThat(m.find()).as("a row for " + subject).isTrue();
        return m.group(1);
    }

    @Test
    void agentsSeeOpenTasksAcrossCustomersAndCompleteThem() {
        String subject = unique("Soundbar hum ");
        String email = customerWithATask(subject);
        WebSession agent = new WebSession(app);
        agent.signIn(People.create(app, Role.AGENT), People.PASSWORD);
        String page = agent.get("/timeline/tasks?show=upcoming").body();
        String id = taskId(page, subject);

        assertThat(agent.get("/timeline?customer=" + email).body()).contains("Open tasks").contains(subject);
        var done = agent.htmxPost("/timeline/tasks/" + id + "/complete", Map.of());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Done");
        assertThat(agent.get("/timeline/tasks?show=upcoming").body()).doesNotContain(subject);
        String doneTab = agent.get("/timeline/tasks?show=done").body();
        assertThat(doneTab).contains(subject).contains("<th>Completed</th>");
        assertThat(taskRow(doneTab, subject)).contains("by staff");
    }

    @Test
    void aTaskCompletedByMistakeIsUndoneWhereItWasCompleted() {
        String subject = unique("Wrong click ");
        String email = customerWithATask(subject);
        WebSession agent = new WebSession(app);
        agent.signIn(People.create(app, Role.AGENT), People.PASSWORD);
        String id = taskId(agent.get("/timeline/tasks?show=upcoming").body(), subject);

        // on the tasks page: the row turns done and offers its undo, focused where Complete was
        String row = agent.htmxPost("/timeline/tasks/" + id + "/complete", Map.of(), "task-" + id).body();
        assertThat(row).contains("/timeline/tasks/" + id + "/reopen").containsPattern("autofocus[^>]*>Undo<");
        String reopened = agent.htmxPost("/timeline/tasks/" + id + "/reopen", Map.of(), "task-" + id).body();
        assertThat(reopened).contains("/timeline/tasks/" + id + "/complete").doesNotContain(">Undo<");
        assertThat(app.get("/api/tasks/" + id).json().path("status").asString()).isEqualTo("open");

        // on the customer's card: the task leaves the list, and the undo brings it back
        String card = agent.htmxPost("/timeline/tasks/" + id + "/complete", Map.of(), "open-tasks").body();
        assertThat(card).contains("Completed: <span>Reply to support").contains(subject).contains("/timeline/tasks/" + id + "/reopen")
                .doesNotContain("/timeline/tasks/" + id + "/complete");
        String back = agent.htmxPost("/timeline/tasks/" + id + "/reopen", Map.of(), "open-tasks").body();
        assertThat(back).contains("/timeline/tasks/" + id + "/complete").doesNotContain("Completed:");
        assertThat(agent.get("/timeline?customer=" + email).body()).contains(subject);

        // a task that was already done when Complete was clicked (a colleague, a later contact) offers no undo
        agent.htmxPost("/timeline/tasks/" + id + "/complete", Map.of(), "task-" + id);
        assertThat(agent.htmxPost("/timeline/tasks/" + id + "/complete", Map.of(), "task-" + id).body())
                .doesNotContain(">Undo<").contains(">Reopen<");
        agent.htmxPost("/timeline/tasks/" + id + "/reopen", Map.of(), "task-" + id);

        // a done task is reopened from the Done tab too, but never by a viewer
        agent.htmxPost("/timeline/tasks/" + id + "/complete", Map.of(), "task-" + id);
        String doneTab = agent.get("/timeline/tasks?show=done").body();
        int at = doneTab.indexOf(subject);
        assertThat(doneTab.substring(at, doneTab.indexOf("</tr>", at))).contains(">Reopen<");
        WebSession viewer = new WebSession(app);
        viewer.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        assertThat(viewer.get("/timeline/tasks?show=done").body()).doesNotContain("/timeline/tasks/" + id + "/reopen");
        assertThat(viewer.htmxPost("/timeline/tasks/" + id + "/reopen", Map.of()).status()).isEqualTo(403);
        assertThat(app.get("/api/tasks/" + id).json().path("status").asString()).isEqualTo("done");
    }

    @Test
    void eachTabSaysHowManyItHoldsAndALongListIsPagedNotCut() {
        String late = unique("Late reply ");
        String email = unique("task") + "@example.co.za";
        for (int i = 0; i < 101; i++) {
            app.sync("sync_email_thread", Events.email(unique("msg_"), email).with("category", "support").with("subject", late + i)
                    .with("created_at", Instant.now().minus(java.time.Duration.ofDays(3)).toString()).json());
        }
        WebSession agent = new WebSession(app);
        agent.signIn(People.create(app, Role.AGENT), People.PASSWORD);

        String overdue = agent.get("/timeline/tasks?show=overdue").body();
        Matcher count = Pattern.compile("Overdue</span>\\s*<span class=\"count\">\\((\\d+)\\)").matcher(overdue);
        assertThat(count.find()).as("the Overdue tab's count").isTrue();
        long n = Long.parseLong(count.group(1));
        assertThat(n).isGreaterThanOrEqualTo(101);
        assertThat(overdue).contains("1–100 of " + n).contains("Next →").contains("Due today").contains("Upcoming");
        String second = agent.get("/timeline/tasks?show=overdue&page=2").body();
        assertThat(second).contains("101–").contains("← Previous");
        assertThat(agent.get("/timeline/tasks?show=upcoming").body()).doesNotContain(late);
    }

    @Test
    void agentsPutATaskOffAndItIsNoLongerOverdue() {
        String subject = unique("Late soundbar ");
        String email = unique("task") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("msg_"), email).with("category", "support").with("subject", subject)
                .with("created_at", Instant.now().minus(java.time.Duration.ofDays(3)).toString()).json());
        WebSession agent = new WebSession(app);
        agent.signIn(People.create(app, Role.AGENT), People.PASSWORD);
        var task = app.get("/api/tasks?customerId=" + email).json().path("tasks").get(0);
        assertThat(task.path("overdue").asBoolean()).isTrue();
        String id = task.path("id").asString();

        var snoozed = agent.htmxPost("/timeline/tasks/" + id + "/snooze", Map.of("until", "2h"));
        assertThat(snoozed.status()).isEqualTo(200);
        assertThat(snoozed.body()).contains(subject).contains("snoozed until").doesNotContain("Overdue</span>");
        var after = app.get("/api/tasks/" + id).json();
        assertThat(after.path("overdue").asBoolean()).isFalse();
        assertThat(java.time.OffsetDateTime.parse(after.path("snoozed_until").asString()).toInstant())
                .isBetween(Instant.now().plus(java.time.Duration.ofMinutes(115)), Instant.now().plus(java.time.Duration.ofMinutes(121)));

        WebSession viewer = new WebSession(app);
        viewer.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        assertThat(viewer.htmxPost("/timeline/tasks/" + id + "/snooze", Map.of("until", "tomorrow")).status()).isEqualTo(403);
    }

    @Test
    void viewersSeeTasksButCannotCompleteThem() {
        String subject = unique("Remote missing ");
        customerWithATask(subject);
        WebSession viewer = new WebSession(app);
        viewer.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        String page = viewer.get("/timeline/tasks?show=upcoming").body();
        String id = taskId(page, subject);
        assertThat(page).doesNotContain("/timeline/tasks/" + id + "/complete");
        assertThat(viewer.htmxPost("/timeline/tasks/" + id + "/complete", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.get("/timeline/tasks?show=upcoming").body()).contains(subject);
    }
}
