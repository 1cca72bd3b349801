package io.customertimeline.connectors.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.connectors.CanonicalEvent;
import io.customertimeline.ingest.EventType;
import io.customertimeline.connectors.RowError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FileImporterTest {

    final FileImporter importer = new FileImporter(Clock.systemUTC());
    final List<CanonicalEvent> events = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    final List<ImportProgress> progress = new ArrayList<>();

    final ImportListener collect = new ImportListener() {
        @Override
        public List<ImportRejection> accept(List<ImportRow> rows) {
            rows.forEach(r -> {
                lines.add(r.line());
                events.add(r.event());
            });
            return List.of();
        }

        @Override
        public void progress(ImportProgress p) {
            progress.add(p);
        }
    };

    ImportReport read(EventType type, String fileName, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return importer.read(type, new ByteArrayInputStream(bytes), fileName, bytes.length, collect);
    }

    @Test
    void csvOrdersBecomeOrderEventsWithNumbersAndNestedJson() {
        ImportReport report = read(EventType.ORDER, "orders.csv", """
                order_id,customer_id,customer_name,customer_email,customer_phone,order_status,order_total,currency,items,shipping_address,order_date
                12345,67890,John Doe,john@example.com,+27123456789,Complete,1299.99,ZAR,"[{""product_id"":49,""name"":""JBL Charge 5"",""quantity"":1,""price"":1299.99}]","{""city"":""Cape Town""}",2024-01-15T10:30:00Z
                """);

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejectedCount()).isZero();
        assertThat(report.format()).isEqualTo(ImportFormat.CSV);
        JsonNode d = events.get(0).data();
        assertThat(events.get(0).key()).isEqualTo("12345");
        assertThat(d.get("order_id").isIntegralNumber()).isTrue();
        assertThat(d.get("order_id").asLong()).isEqualTo(12345);
        assertThat(d.get("customer_id").asLong()).isEqualTo(67890);
        assertThat(d.get("order_total").isBigDecimal()).isTrue();
        assertThat(d.get("order_total").decimalValue()).isEqualByComparingTo("1299.99");
        assertThat(d.get("items").get(0).get("name").asString()).isEqualTo("JBL Charge 5");
        assertThat(d.get("items").get(0).get("price").decimalValue()).isEqualByComparingTo("1299.99");
        assertThat(d.get("shipping_address").get("city").asString()).isEqualTo("Cape Town");
        assertThat(d.get("order_date").asString()).isEqualTo("2024-01-15T10:30:00Z");
        assertThat(lines).containsExactly(2L);
    }

    @Test
    void jsonLinesTakeDataObjectsAndWholeSyncBodies() {
        ImportReport report = read(EventType.SOCIAL, "social.jsonl", """
                {"platform":"instagram","interaction_type":"mention","customer_handle":"@janesmith","content":"Love your products!","sentiment":"positive","post_url":"https://instagram.com/p/abc123","requires_response":false,"interaction_date":"2024-01-15T14:20:00Z","metadata":{}}

                {"action":"sync_social_interaction","data":{"platform":"twitter","customer_handle":"@janedoe","post_url":"https://twitter.com/user/status/123","requires_response":"yes","interaction_date":"2024-01-15T11:00:00Z"}}
                """);

        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.format()).isEqualTo(ImportFormat.JSON_LINES);
        assertThat(lines).containsExactly(1L, 3L);
        assertThat(events.get(0).key()).isEqualTo("https://instagram.com/p/abc123");
        assertThat(events.get(0).data().get("requires_response").asBoolean()).isFalse();
        assertThat(events.get(1).data().get("platform").asString()).isEqualTo("twitter");
        assertThat(events.get(1).data().get("requires_response").isBoolean()).isTrue();
    }

    @Test
    void rejectedRowsAreReportedWithLineNumberAndReasonAndTheRestIsRead() {
        ImportReport report = read(EventType.QUOTE, "quotes.csv", """
                session_id,customer_email,status,total_amount,quote_items,last_activity_at
                qs_1,a@example.com,active,100.00,[],2024-01-15T10:00:00Z
                qs_2,b@example.com,"quote
                sent",200.00,[],2024-01-15T11:00:00Z
                qs_3,c@example.com,active,300.00,[{not json],2024-01-15T12:00:00Z
                qs_4,d@example.com,active
                qs_5,e@example.com,active,500.00,,2024-01-15T13:00:00Z
                """);

        assertThat(report.rows()).isEqualTo(5);
        assertThat(report.accepted()).isEqualTo(3);
        assertThat(events).extracting(CanonicalEvent::key).containsExactly("qs_1", "qs_2", "qs_5");
        assertThat(lines).containsExactly(2L, 3L, 7L);
        assertThat(events.get(1).data().get("status").asString()).isEqualTo("quote\nsent");
        assertThat(events.get(2).data().has("quote_items")).as("blank cells are left out").isFalse();
        assertThat(report.rejected()).extracting(RowError::where).containsExactly("line 5", "line 6");
        assertThat(report.rejected().get(0).reason()).startsWith("quote_items is not valid JSON");
        assertThat(report.rejected().get(1).reason()).isEqualTo("has 3 cells but the header has 6");
        assertThat(report.describe()).contains("5 rows read, 3 accepted, 2 rejected").contains("rejected line 5: quote_items");
    }

    @Test
    void rowsAfterBlankLinesAreNumberedByTheirOwnLine() {
        ImportReport report = read(EventType.QUOTE, "quotes.csv",
                "session_id,customer_email,status,total_amount,quote_items,last_activity_at\r\n"
                + "qs_1,a@example.com,active,100.00,[],2024-01-15T10:00:00Z\r\n"
                + "\r\n\r\n"
                + "qs_2,b@example.com,active,200.00,[{not json],2024-01-15T11:00:00Z\r\n"
                + "\r\n");

        assertThat(report.rows()).as("blank lines are not rows").isEqualTo(2);
        assertThat(lines).containsExactly(2L);
        assertThat(report.rejected()).extracting(RowError::where).containsExactly("line 5");
    }

    @Test
    void jsonLinesThatAreNotEventsOfThisSourceAreRejected() {
        ImportReport report = read(EventType.CALL, null, """
                {"call_id":"c1","customer_phone":"082 123 4567","direction":"inbound"}
                not json at all
                [1,2,3]
                {"action":"sync_email_thread","data":{"email_id":"m1"}}
                {"call_id":"c2","customer_phone":"0821234567","duration_seconds":"95"}
                """);

        assertThat(report.format()).isEqualTo(ImportFormat.JSON_LINES);
        assertThat(events).extracting(CanonicalEvent::key).containsExactly("c1", "c2");
        assertThat(events.get(1).data().get("duration_seconds").asLong()).isEqualTo(95);
        assertThat(report.rejected()).extracting(RowError::toString).containsExactly(
                "line 2: is not JSON: " + report.rejected().get(0).reason().substring("is not JSON: ".length()),
                "line 3: is not a JSON object",
                "line 4: is a 'sync_email_thread' event, not calls");
    }

    @Test
    void columnsThatAreNotSeedFieldsAreReportedAndNotImported() {
        ImportReport report = read(EventType.EMAIL, "emails.csv", """
                email_id,from_email,subject,customer_emial,internal_notes
                m1@example.com,a@example.com,Hello,typo@example.com,secret
                """);

        assertThat(events.get(0).data().has("customer_emial")).isFalse();
        assertThat(events.get(0).data().has("internal_notes")).isFalse();
        assertThat(report.warnings()).containsExactly("ignored field(s) that are not emails fields: customer_emial, internal_notes");
    }

    @Test
    void receiverCanRejectARowWhichIsThenReportedWithItsLine() {
        byte[] bytes = """
                call_id,customer_phone
                c1,082 123 4567
                c2,not a phone
                """.getBytes(StandardCharsets.UTF_8);

        ImportReport report = importer.read(EventType.CALL, new ByteArrayInputStream(bytes), "calls.csv", bytes.length,
                rows -> rows.stream().filter(r -> r.event().data().get("customer_phone").asString().startsWith("not"))
                        .map(r -> new ImportRejection(r.line(), "'data.customer_phone' is not a phone number")).toList());

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejected()).containsExactly(new RowError("line 3", "'data.customer_phone' is not a phone number"));
    }

    @Test
    void spreadsheetCsvWithSemicolonsAndByteOrderMarkIsRead() {
        ImportReport report = read(EventType.ORDER, "export.csv", "\uFEFForder_id;customer_email;order_total;order_status;order_date\n"
                + "7;x@example.com;10.50;Complete;2024-01-15 10:30:00\n");

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(events.get(0).data().get("order_id").asLong()).isEqualTo(7);
        assertThat(events.get(0).data().get("order_date").asString()).isEqualTo("2024-01-15 10:30:00");
    }

    @Test
    void amountsAreReadAsTheSpreadsheetWroteThemWithDecimalCommasAndDigitGroups() {
        // saved by a spreadsheet in a locale whose decimal mark is the comma (en-ZA): semicolons between cells
        read(EventType.ORDER, "export.csv", "order_id;customer_email;order_total;order_status\n"
                + "1;a@example.com;1299,99;Complete\n"
                + "2;a@example.com;1 299,99;Complete\n"
                + "3;a@example.com;12\u00A0345,5;Complete\n"
                + "4;a@example.com;1.299,99;Complete\n"
                + "5;a@example.com;10.50;Complete\n"
                + "6;a@example.com;1 2,3;Complete\n");
        assertThat(events).extracting(e -> e.data().get("order_total").asString())
                .containsExactly("1299.99", "1299.99", "12345.5", "1299.99", "10.50", "1 2,3"); // the last is refused by the receiver

        events.clear();
        read(EventType.ORDER, "orders.csv", "order_id,customer_email,order_total,order_status\n"
                + "7,a@example.com,\"1,299.99\",Complete\n"
                + "8,a@example.com,\"12,50\",Complete\n");
        assertThat(events).extracting(e -> e.data().get("order_total").asString())
                .containsExactly("1299.99", "12,50"); // a comma file's comma groups digits; "12,50" is not guessed at

        events.clear();
        read(EventType.ORDER, "orders.tsv", "order_id\tcustomer_email\torder_total\torder_status\n"
                + "9\ta@example.com\t1,299\tComplete\n"
                + "10\ta@example.com\t1 299.50\tComplete\n");
        assertThat(events).extracting(e -> e.data().get("order_total").asString())
                .containsExactly("1,299", "1299.50"); // tab files are saved so in every locale: a comma is refused, not guessed
    }

    @Test
    void unterminatedQuoteStopsTheCsvWithALineNumberedReason() {
        ImportReport report = read(EventType.QUOTE, "quotes.csv", """
                session_id,customer_email
                qs_1,a@example.com
                qs_2,"b@example.com
                """);

        assertThat(events).extracting(CanonicalEvent::key).containsExactly("qs_1");
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.where()).isEqualTo("line 3");
            assertThat(r.reason()).startsWith("the CSV cannot be read from here on");
        });
    }

    @Test
    void progressIsReportedEveryThousandRowsAndAtTheEnd() {
        StringBuilder csv = new StringBuilder("call_id,customer_phone\n");
        for (int i = 0; i < 2500; i++) {
            csv.append("c").append(i).append(",+2782123").append(String.format("%04d", i)).append('\n');
        }

        ImportReport report = read(EventType.CALL, "calls.csv", csv.toString());

        assertThat(report.accepted()).isEqualTo(2500);
        assertThat(progress).extracting(ImportProgress::rows).containsExactly(1000L, 2000L, 2500L);
        assertThat(progress.get(2).percent()).isEqualTo(100);
    }

    @Test
    void readingTheSameFileTwiceGivesTheSameEvents() {
        String file = """
                {"email_id":"m1@example.com","from_email":"a@example.com","references":"<r1@x> <r2@x>","created_at":"2024-01-15T08:45:00Z"}
                """;
        read(EventType.EMAIL, "e.jsonl", file);
        List<String> first = events.stream().map(e -> e.data().toString()).toList();
        events.clear();
        read(EventType.EMAIL, "e.jsonl", file);

        assertThat(events.stream().map(e -> e.data().toString()).toList()).isEqualTo(first);
        assertThat(events.get(0).data().get("references")).extracting(JsonNode::asString).containsExactly("r1@x", "r2@x");
    }

    @Test
    void parsesTensOfThousandsOfRowsASecond() {
        StringBuilder csv = new StringBuilder("order_id,customer_email,customer_phone,order_status,order_total,currency,items,order_date\n");
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            csv.append(i).append(",buyer").append(i).append("@example.co.za,082 555 ").append(String.format("%04d", i % 10000))
                    .append(",Complete,").append(i % 5000).append(".99,ZAR,\"[{\"\"product_id\"\":").append(i % 300)
                    .append(",\"\"quantity\"\":1,\"\"price\"\":99.99}]\",2024-01-15T10:30:00+02:00\n");
        }
        read(EventType.ORDER, "orders.csv", csv.toString());
        events.clear();

        ImportReport report = read(EventType.ORDER, "orders.csv", csv.toString());

        System.out.printf("File import parse rate: %,.0f rows/s (%d rows in %d ms)%n", report.rate(), report.rows(), report.elapsed().toMillis());
        assertThat(report.accepted()).isEqualTo(n);
        assertThat(report.rate()).isGreaterThan(5_000);
    }
}
