package io.customertimeline.connectors.importer;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/import/{source}} over real HTTP into the real database. */
class ImportApiTest {

    private final TestApp app = TestApp.get();

    TestApp.Response upload(String path, String contentType, String body) {
        return app.send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", "Bearer " + TestApp.API_KEY)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)), java.time.Duration.ofMinutes(5));
    }

    TestApp.Response multipart(String path, String fileName, String content) {
        String boundary = "----timeline" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return app.send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", "Bearer " + TestApp.API_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    @Test
    void csvUploadImportsOrdersAndTheSameFileAgainChangesNothing() {
        String email = unique("imp") + "@example.co.za";
        long a = uniqueNumber();
        long b = uniqueNumber();
        String csv = """
                order_id,customer_name,customer_email,order_status,order_total,currency,items,order_date
                %d,Zanele Khumalo,%s,Complete,1500.00,ZAR,"[{""name"":""Sonos Era 100"",""quantity"":1,""price"":1500.00}]",2024-02-01T10:00:00+02:00
                %d,Zanele Khumalo,%s,Complete,250.50,ZAR,[],2024-02-03 12:00:00
                ,No Id,%s,Complete,1.00,ZAR,[],2024-02-03T12:00:00Z
                """.formatted(a, email, b, email, email);

        JsonNode first = upload("/api/import/orders", "text/csv", csv).json();
        JsonNode second = upload("/api/import/orders", "text/csv", csv).json();

        assertThat(first.get("created").asLong()).isEqualTo(2);
        assertThat(first.get("rejected_count").asLong()).isEqualTo(1);
        assertThat(first.get("rejected").get(0).get("line").asLong()).isEqualTo(4);
        assertThat(first.get("rejected").get(0).get("reason").asString()).contains("order_id");
        assertThat(second.get("created").asLong()).isZero();
        assertThat(second.get("updated").asLong()).isZero();
        assertThat(second.get("unchanged").asLong()).isEqualTo(2);
        JsonNode profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).isEqualTo(2);
        assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("1750.50");
    }

    @Test
    void aRowTheDatabaseRefusesIsRejectedWithAReasonInWords() {
        String email = unique("whale") + "@example.co.za";
        String csv = """
                order_id,customer_name,customer_email,order_status,order_total,currency,items,order_date
                %d,Zanele Khumalo,%s,Complete,-999999999999.00,ZAR,[],2024-02-01T10:00:00Z
                %d,Zanele Khumalo,%s,Complete,-999999999999.00,ZAR,[],2024-02-02T10:00:00Z
                """.formatted(uniqueNumber(), email, uniqueNumber(), email);

        JsonNode report = upload("/api/import/orders", "text/csv", csv).json();

        assertThat(report.get("created").asLong()).isEqualTo(1);
        assertThat(report.get("rejected").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(report.get("rejected").get(0).get("reason").asString()).contains("out of range").hasSizeLessThan(200);
    }

    @Test
    void multipartDryRunReportsWhatWouldHappenAndWritesNothing() {
        String email = unique("dry") + "@example.co.za";
        String jsonl = """
                {"session_id":"%s","customer_email":"%s","status":"quote_sent","total_amount":5499.99,"currency":"ZAR","last_activity_at":"2024-01-15T11:30:00Z"}
                {"action":"sync_quote_session","data":{"session_id":"%s","customer_phone":"082 555 0199","status":"active","created_at":"2024-01-16T09:00:00Z"}}
                {"session_id":"%s","customer_email":"%s","status":"active"}
                """.formatted(unique("qs_"), email, unique("qs_"), unique("qs_"), email);

        TestApp.Response r = multipart("/api/import/quotes?dry_run=true", "quotes.jsonl", jsonl);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("dry_run").asBoolean()).isTrue();
        assertThat(r.json().get("format").asString()).isEqualTo("jsonl");
        assertThat(r.json().get("created").asLong()).isEqualTo(2);
        assertThat(r.json().get("rejected").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(r.json().get("rejected").get(0).get("reason").asString()).contains("created_at");
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).status()).isEqualTo(404);
    }

    @Test
    void fileLargerThanTheApiBodyLimitIsImported() {
        StringBuilder csv = new StringBuilder("call_id,customer_phone,direction,started_at,summary\n");
        String run = unique("bulk");
        int rows = 1500;
        for (int i = 0; i < rows; i++) {
            csv.append(run).append('-').append(i).append(",+2783").append(String.format("%07d", i)).append(",inbound,2024-01-")
                    .append(String.format("%02d", 1 + i % 28)).append("T09:00:00Z,").append("Customer asked about delivery times and stock ".repeat(16))
                    .append('\n');
        }
        assertThat(csv.length()).isGreaterThan(1_048_576);

        JsonNode r = upload("/api/import/calls", "text/csv", csv.toString()).json();

        System.out.printf("Import through the ingest path: %d rows in %d ms (%d rows/s)%n", r.get("rows").asLong(),
                r.get("elapsed_ms").asLong(), r.get("rows_per_second").asLong());
        assertThat(r.get("created").asLong()).isEqualTo(rows);
        assertThat(r.get("rejected_count").asLong()).isZero();
    }

    @Test
    void twoImportsOfTheSameCustomersAtOnceBothComplete() throws Exception {
        // The same 150 customers, one file in order and one in reverse: each import's batch holds its
        // customers' locks until it commits, so the two meet in the middle and PostgreSQL ends one
        // of them as a deadlock victim. Both must still complete, with every row.
        String run = unique("both");
        int customers = 150;
        StringBuilder forward = new StringBuilder("call_id,customer_phone,direction,started_at,summary\n");
        StringBuilder backward = new StringBuilder(forward);
        long base = uniqueNumber() % 1_000_000 * 100;
        for (int i = 0; i < customers; i++) {
            int j = customers - 1 - i;
            forward.append(run).append("-a-").append(i).append(",+2784").append(String.format("%07d", (base + i) % 10_000_000))
                    .append(",inbound,2024-03-01T09:00:00Z,Asked about stock\n");
            backward.append(run).append("-b-").append(j).append(",+2784").append(String.format("%07d", (base + j) % 10_000_000))
                    .append(",inbound,2024-03-02T09:00:00Z,Asked about delivery\n");
        }
        var pool = Executors.newFixedThreadPool(2);
        try {
            var barrier = new CyclicBarrier(2);
            var a = pool.submit(() -> {
                barrier.await();
                return upload("/api/import/calls", "text/csv", forward.toString());
            });
            var b = pool.submit(() -> {
                barrier.await();
                return upload("/api/import/calls", "text/csv", backward.toString());
            });

            for (TestApp.Response r : List.of(a.get(), b.get())) {
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().get("created").asLong()).isEqualTo(customers);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i : new int[] {0, customers / 2, customers - 1}) {
            JsonNode profile = app.get("/api/timeline?action=profile&customerId=%2B2784"
                    + String.format("%07d", (base + i) % 10_000_000)).json();
            assertThat(profile.path("total_interactions").asInt()).isEqualTo(2);
        }
    }

    @Test
    void anImportTheDatabaseStopsSaysHowFarItGotAndTheSameFileAgainFinishesIt() throws Exception {
        String run = unique("cut");
        int rows = 3000;
        StringBuilder csv = new StringBuilder("call_id,customer_phone,direction,started_at,summary\n");
        long base = uniqueNumber() % 1_000_000 * 100;
        for (int i = 0; i < rows; i++) {
            csv.append(run).append('-').append(i).append(",+2782").append(String.format("%07d", (base + i) % 10_000_000))
                    .append(",inbound,2024-04-01T09:00:00Z,Asked about a refund\n");
        }
        var pool = Executors.newSingleThreadExecutor();
        try {
            var upload = pool.submit(() -> upload("/api/import/calls", "text/csv", csv.toString()));
            // once the first batch is stored, end the import's database session (as a restart or a dropped connection would)
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (!upload.isDone() && System.nanoTime() < deadline) {
                if (stored(run) >= FileImporter.BATCH) {
                    app.jdbc().sql("""
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                            WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND datname = current_database()
                              AND state IN ('active', 'idle in transaction') AND query NOT ILIKE 'LISTEN%'
                            """).query().listOfRows();
                }
                Thread.sleep(20);
            }
            TestApp.Response stopped = upload.get();
            long stored = stored(run);

            assertThat(stopped.status()).as(stopped.body()).isEqualTo(503);
            assertThat(stored).isBetween((long) FileImporter.BATCH, rows - 1L);
            assertThat(stopped.json().get("stored_rows").asLong()).isEqualTo(stored);
            assertThat(stopped.json().get("stopped_at_line").asLong()).isEqualTo(stored + 2); // after the header and the stored rows
            assertThat(stopped.json().get("detail").asString()).contains("again");
        } finally {
            pool.shutdownNow();
        }

        JsonNode again = upload("/api/import/calls", "text/csv", csv.toString()).json();

        assertThat(again.get("unchanged").asLong() + again.get("created").asLong()).isEqualTo(rows);
        assertThat(stored(run)).isEqualTo(rows);
    }

    private long stored(String run) {
        return app.jdbc().sql("SELECT count(*) FROM customer_interactions WHERE source = 'call' AND source_key LIKE :p")
                .param("p", run + "-%").query(Long.class).single();
    }

    @Test
    void unknownSourceIsAProblemNamingTheField() {
        TestApp.Response r = upload("/api/import/invoices", "text/csv", "a,b\n1,2\n");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("field").asString()).isEqualTo("source");
    }

    @Test
    void aFileSentAsAFormIsA415ThatSaysHowToSendIt() {
        // what curl --data-binary @orders.csv sends when no Content-Type is given
        TestApp.Response r = upload("/api/import/orders?dry_run=true&format=csv", "application/x-www-form-urlencoded",
                "order_id,customer_email\n1,a@example.com\n");

        assertThat(r.status()).isEqualTo(415);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("text/csv", "-F file=@");
    }

    @Test
    void importNeedsTheApiKey() {
        var r = app.send(HttpRequest.newBuilder(app.uri("/api/import/orders")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("order_id\n1\n")));
        assertThat(r.status()).isEqualTo(401);
    }
}
