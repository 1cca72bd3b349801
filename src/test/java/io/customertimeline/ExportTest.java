package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.users.DashboardSettings;
import io.customertimeline.users.Role;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ExportTest {

    private final TestApp app = TestApp.get();

    @Test
    void csvQuotesSeparatorsAndNeutralisesFormulas() throws Exception {
        String email = unique("csv") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("m"), email).with("subject", "=HYPERLINK(\"http://evil\",\"x\")")
                .with("body", "line one, with comma\n\"quoted\" line two").with("created_at", "2024-02-01T10:00:00Z").json());
        app.sync("sync_social_interaction", Events.social("instagram", unique("h"), "@SUM(A1:A9) -2+3")
                .with("customer_email", email).with("interaction_date", "2024-02-02T10:00:00Z").json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("order_date", "2024-02-03T10:00:00Z").json());

        var r = app.get("/api/timeline/export.csv?customerId=" + email);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.body()).startsWith("\uFEFF");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(r.body().substring(1))).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("source")).isEqualTo("order");
        assertThat(rows.get(0).get("amount")).isEqualTo("1299.99");
        assertThat(rows.get(1).get("title")).startsWith("Instagram");
        assertThat(rows.get(1).get("summary")).isEqualTo("'@SUM(A1:A9) -2+3");
        assertThat(rows.get(2).get("title")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(rows.get(2).get("summary")).contains("with comma").contains("\"quoted\"");
    }

    @Test
    void csvFollowsTheTimelineFilters() {
        String email = unique("csvf") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("m"), email).with("created_at", "2024-02-01T10:00:00Z").json());
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("order_date", "2024-03-03T10:00:00Z").json());
        var onlyOrders = app.get("/api/timeline/export.csv?bom=false&sources=order&customerId=" + email).body();
        assertThat(onlyOrders.lines().count()).isEqualTo(2);
        assertThat(onlyOrders).startsWith("occurred_at,").contains(",order,");
        var february = app.get("/api/timeline/export.csv?bom=false&dateFrom=2024-02-01&dateTo=2024-02-29&customerId=" + email).body();
        assertThat(february.lines().skip(1)).singleElement().asString().contains(",email,");
    }

    @Test
    void pdfReportHasProfileAndTimeline() {
        String email = unique("pdf") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).json());
        var r = app.send(java.net.http.HttpRequest.newBuilder(app.uri("/api/timeline/export.pdf?customerId=" + email))
                .header("Authorization", "Bearer " + TestApp.API_KEY).GET());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/pdf");
        assertThat(r.body().getBytes(StandardCharsets.ISO_8859_1).length).isGreaterThan(1000);
        assertThat(r.body()).startsWith("%PDF-");
    }

    @Test
    void viewersMayExportOnlyWhileTheAdminAllowsIt() {
        String email = unique("exp") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).json());
        WebSession viewer = new WebSession(app);
        viewer.signIn(People.create(app, Role.VIEWER), People.PASSWORD);
        WebSession agent = new WebSession(app);
        agent.signIn(People.create(app, Role.AGENT), People.PASSWORD);
        DashboardSettings settings = app.bean(DashboardSettings.class);
        try {
            settings.setViewersMayExport(false);
            assertThat(viewer.get("/api/timeline/export.csv?customerId=" + email).status()).isEqualTo(403);
            // the JSON API pages through the same data: not a way round the setting
            assertThat(viewer.get("/api/timeline?action=timeline&customerId=" + email + "&limit=500").status()).isEqualTo(403);
            assertThat(viewer.get("/api/timeline?action=email_threads&customerId=" + email).status()).isEqualTo(403);
            assertThat(viewer.get("/timeline?customer=" + email).body()).doesNotContain("Export CSV");
            assertThat(agent.get("/api/timeline?action=timeline&customerId=" + email).status()).isEqualTo(200);
            assertThat(agent.get("/api/timeline/export.csv?customerId=" + email).status()).isEqualTo(200);
            settings.setViewersMayExport(true);
            assertThat(viewer.get("/api/timeline/export.csv?customerId=" + email).status()).isEqualTo(200);
        } finally {
            settings.setViewersMayExport(true);
        }
    }
}
