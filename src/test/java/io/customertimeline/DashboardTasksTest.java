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
        String page = agent.get("/timeline/tasks").body();
        String id = taskId(page, subject);

        assertThat(agent.get("/timeline?customer=" + email).body()).contains("Open tasks").contains(subject);
        var done = agent.htmxPost("/timeline/tasks/" + id + "/complete", Map.of());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Done");
        assertThat(agent.get("/timeline/tasks").body()).doesNotContain(subject);
        assertThat(agent.get("/timeline/tasks?show=done").body()).contains(subject);
    }

    @Test
    void viewersSeeTasksButCannotCompleteThem() {
        String subject = unique("Remote missing ");
        customerWithATask(subject);
        WebSession viewer = new WebSession(app);
        viewer.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        String page = viewer.get("/timeline/tasks").body();
        String id = taskId(page, subject);
        assertThat(page).doesNotContain("/timeline/tasks/" + id + "/complete");
        assertThat(viewer.htmxPost("/timeline/tasks/" + id + "/complete", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.get("/timeline/tasks").body()).contains(subject);
    }
}
