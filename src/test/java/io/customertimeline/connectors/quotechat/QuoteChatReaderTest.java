package io.customertimeline.connectors.quotechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.connectors.Batch;
import io.customertimeline.connectors.CanonicalEvent;
import io.customertimeline.connectors.SourceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QuoteChatReaderTest {

    PostgrestStub supabase;

    @BeforeEach
    void start() throws IOException {
        supabase = new PostgrestStub("quote_sessions");
    }

    @AfterEach
    void stop() {
        supabase.close();
    }

    QuoteChatReader reader(Map<String, String> extra) {
        return reader(extra, Duration.ZERO);
    }

    QuoteChatReader reader(Map<String, String> extra, Duration lookback) {
        Map<String, String> env = new HashMap<>(extra);
        env.putIfAbsent("AUDICO_CHAT_QUOTE_SUPABASE_URL", supabase.url());
        env.putIfAbsent("AUDICO_CHAT_QUOTE_SUPABASE_KEY", PostgrestStub.KEY);
        return new QuoteChatReader(QuoteChatSettings.fromEnvironment(env::get).orElseThrow(), lookback);
    }

    QuoteChatReader reader(int pageSize) {
        return reader(Map.of("AUDICO_CHAT_QUOTE_PAGE_SIZE", String.valueOf(pageSize)));
    }

    static List<Batch> pull(QuoteChatReader reader, String watermark) {
        List<Batch> batches = new ArrayList<>();
        reader.pull(watermark, batches::add);
        return batches;
    }

    static List<String> ids(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.events().stream()).map(CanonicalEvent::key).toList();
    }

    static String at(int minute) {
        return "2024-01-15T11:%02d:00.123456+00:00".formatted(minute);
    }

    @Test
    void sessionBecomesAQuoteEventWithTheSeedFieldNames() {
        supabase.session("qs_abc123", at(30), "quote_sent").put("agent_notes", "wants install quote");

        List<Batch> batches = pull(reader(Map.of()), null);

        CanonicalEvent event = batches.get(0).events().get(0);
        JsonNode d = event.data();
        assertThat(d.get("session_id").asString()).isEqualTo("qs_abc123");
        assertThat(d.get("customer_name").asString()).isEqualTo("Bob Wilson");
        assertThat(d.get("customer_email").asString()).isEqualTo("bob@wilsoncorp.co.za");
        assertThat(d.get("customer_phone").asString()).isEqualTo("+27987654321");
        assertThat(d.get("company_name").asString()).isEqualTo("Wilson Corp");
        assertThat(d.get("status").asString()).isEqualTo("quote_sent");
        assertThat(d.get("total_amount").isBigDecimal()).isTrue();
        assertThat(d.get("total_amount").decimalValue()).isEqualByComparingTo("5499.99");
        assertThat(d.get("currency").asString()).isEqualTo("ZAR");
        assertThat(d.get("quote_items").get(0).get("product").asString()).isEqualTo("Sonos Arc");
        assertThat(d.get("created_at").asString()).isEqualTo("2024-01-15T09:00:00+00:00");
        assertThat(d.get("last_activity_at").asString()).isEqualTo(at(30));
        assertThat(d.get("metadata").get("channel").asString()).isEqualTo("web");
        assertThat(d.get("metadata").get("agent_notes").asString()).isEqualTo("wants install quote");
        assertThat(batches.get(0).watermark())
                .isEqualTo("{\"last_activity_at\":\"" + at(30) + "\",\"session_ids\":[\"qs_abc123\"],\"undated_read\":0}");
    }

    @Test
    void requestsSpeakPostgrestWithKeysRangeAndCount() {
        supabase.session("qs_1", at(1), "active");

        pull(reader(Map.of()), null);
        pull(reader(Map.of()), "{\"last_activity_at\":\"" + at(1) + "\",\"session_ids\":[\"qs_1\"]}");

        var first = supabase.requests.get(0);
        assertThat(first.path()).isEqualTo("/rest/v1/quote_sessions");
        assertThat(first.query()).containsEntry("select", "*").containsEntry("order", "last_activity_at.asc,session_id.asc")
                .doesNotContainKey("last_activity_at");
        assertThat(first.apikey()).isEqualTo(PostgrestStub.KEY);
        assertThat(first.authorization()).isEqualTo("Bearer " + PostgrestStub.KEY);
        assertThat(first.rangeUnit()).isEqualTo("items");
        assertThat(first.range()).isEqualTo("0-999");
        assertThat(first.prefer()).isEqualTo("count=exact");
        var incremental = supabase.requests.stream().filter(r -> r.query().containsKey("last_activity_at")
                && r.query().get("last_activity_at").startsWith("gte.")).toList().get(0);
        assertThat(incremental.query().get("last_activity_at")).isEqualTo("gte." + at(1));
    }

    @Test
    void pagesThroughEveryRowWithProgressFromContentRange() {
        for (int i = 0; i < 25; i++) {
            supabase.session("qs_%03d".formatted(i), at(i), "active");
        }

        List<Batch> batches = pull(reader(10), null);

        assertThat(ids(batches)).hasSize(25).doesNotHaveDuplicates();
        // each page starts again at the last instant read, so it repeats (and passes over) that row
        assertThat(batches).extracting(b -> b.events().size()).containsExactly(10, 9, 6);
        assertThat(batches).extracting(b -> b.progress().done()).containsExactly(10L, 19L, 25L);
        assertThat(batches.get(0).progress().total()).isEqualTo(25);
        assertThat(supabase.requests).extracting(PostgrestStub.Request::range).allMatch(r -> r.equals("0-9"));
    }

    @Test
    void sessionsSharingAnInstantAreReadOnceAcrossPagesAndRuns() {
        for (int i = 0; i < 7; i++) {
            supabase.session("qs_tie_" + i, at(5), "active");
        }
        supabase.session("qs_after", at(6), "active");

        List<Batch> batches = pull(reader(3), null);

        assertThat(ids(batches)).containsExactly("qs_tie_0", "qs_tie_1", "qs_tie_2", "qs_tie_3", "qs_tie_4", "qs_tie_5",
                "qs_tie_6", "qs_after");
        List<Batch> resumed = pull(reader(3), batches.get(0).watermark());
        assertThat(ids(resumed)).containsExactly("qs_tie_3", "qs_tie_4", "qs_tie_5", "qs_tie_6", "qs_after");
        assertThat(pull(reader(3), batches.get(batches.size() - 1).watermark())).isEmpty();
    }

    @Test
    void pagesFullOfOneInstantEndOnRangeNotSatisfiable() {
        for (int i = 0; i < 4; i++) {
            supabase.session("qs_same_" + i, at(9), "active");
        }

        List<Batch> batches = pull(reader(2), null);

        assertThat(ids(batches)).containsExactly("qs_same_0", "qs_same_1", "qs_same_2", "qs_same_3");
        assertThat(supabase.statuses).containsSubsequence(206, 416); // then the first import's pass over undated rows
    }

    @Test
    void statusChangeIsReadAgainOnTheNextPull() {
        var row = supabase.session("qs_abc123", at(1), "active");
        supabase.session("qs_other", at(2), "active");
        List<Batch> first = pull(reader(Map.of()), null);
        String watermark = first.get(first.size() - 1).watermark();

        row.put("status", "converted").put("last_activity_at", at(40));
        List<Batch> second = pull(reader(Map.of()), watermark);

        assertThat(ids(second)).containsExactly("qs_abc123");
        assertThat(second.get(0).events().get(0).data().get("status").asString()).isEqualTo("converted");
    }

    @Test
    void aSessionCommittedLateWithAnEarlierActivityTimeIsReadByTheLookback() {
        supabase.session("qs_read", at(10), "active");
        List<Batch> first = pull(reader(Map.of(), Duration.ofMinutes(2)), null);
        String watermark = first.get(first.size() - 1).watermark();
        supabase.session("qs_late", at(9), "active"); // its transaction began at :09 and committed after the read

        List<Batch> second = pull(reader(Map.of(), Duration.ofMinutes(2)), watermark);

        assertThat(ids(second)).containsExactly("qs_late", "qs_read");
        assertThat(second.get(second.size() - 1).watermark()).isEqualTo(watermark);
        assertThat(supabase.requests).extracting(r -> r.query().get("last_activity_at"))
                .contains("gte.2024-01-15T11:08:00.123456Z");
    }

    @Test
    void theLookbackLeavesTheWatermarkWhereItWasWhenOnlySessionsWithoutActivityTimeAreRead() {
        supabase.session("qs_undated", null, "active");
        String watermark = "{\"last_activity_at\":\"" + at(10) + "\",\"session_ids\":[\"qs_read\"],\"undated_read\":0}";

        List<Batch> batches = pull(reader(Map.of(), Duration.ofMinutes(2)), watermark);

        assertThat(ids(batches)).containsExactly("qs_undated");
        assertThat(batches.get(0).watermark()).as("all read, so undated_read is left out")
                .isEqualTo("{\"last_activity_at\":\"" + at(10) + "\",\"session_ids\":[\"qs_read\"]}");
    }

    @Test
    void firstImportAlsoReadsSessionsWithoutActivityTime() {
        supabase.session("qs_dated", at(1), "active");
        supabase.session("qs_undated", null, "draft");

        assertThat(ids(pull(reader(Map.of()), null))).containsExactly("qs_dated", "qs_undated");
        assertThat(ids(pull(reader(Map.of()), "{\"last_activity_at\":\"" + at(1) + "\",\"session_ids\":[\"qs_dated\"]}"))).isEmpty();
    }

    @Test
    void aFirstImportStoppedPartWayStillReadsTheSessionsWithoutActivityTime() {
        for (int i = 0; i < 5; i++) {
            supabase.session("qs_%d".formatted(i), at(i), "active");
        }
        supabase.session("qs_undated_a", null, "draft");
        supabase.session("qs_undated_b", null, "draft");
        List<Batch> stored = new ArrayList<>();
        assertThatThrownBy(() -> reader(2).pull(null, batch -> {
            stored.add(batch); // the runner stores each batch's watermark once it is committed
            throw new IllegalStateException("our database went away");
        })).hasMessageContaining("went away");

        List<Batch> resumed = pull(reader(2), stored.get(0).watermark());

        assertThat(ids(resumed)).containsExactly("qs_2", "qs_3", "qs_4", "qs_undated_a", "qs_undated_b");
        assertThat(pull(reader(2), resumed.get(resumed.size() - 1).watermark())).isEmpty();
    }

    @Test
    void aTableOfSessionsWithoutActivityTimeIsReadOnceAndLeavesAWatermarkThatReadsAgain() {
        supabase.session("qs_undated", null, "draft");

        List<Batch> first = pull(reader(Map.of()), null);

        assertThat(ids(first)).containsExactly("qs_undated");
        assertThat(pull(reader(Map.of()), first.get(0).watermark())).isEmpty();
        assertThat(pull(reader(Map.of()), "{\"last_activity_at\":null,\"session_ids\":[]}")).as("as written before").isEmpty();
    }

    @Test
    void rowWithoutSessionIdIsRejectedAndTheOthersAreRead() {
        supabase.session("qs_1", at(1), "active");
        var bad = supabase.session("x", at(2), "active");
        bad.remove("session_id");
        bad.remove("id");
        supabase.session("qs_3", at(3), "active");

        List<Batch> batches = pull(reader(Map.of()), null);

        assertThat(ids(batches)).containsExactly("qs_1", "qs_3");
        assertThat(batches.get(0).rejected()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("no session_id"));
    }

    @Test
    void emptyTableGivesNoBatches() {
        assertThat(pull(reader(Map.of()), null)).isEmpty();
    }

    @Test
    void postgrestErrorIsSurfacedWithCodeMessageAndHint() {
        QuoteChatReader reader = reader(Map.of("AUDICO_CHAT_QUOTE_TABLE", "quote_session"));

        assertThatThrownBy(() -> pull(reader, null))
                .isInstanceOf(PostgrestException.class)
                .hasMessageContaining("HTTP 404 PGRST205")
                .hasMessageContaining("Could not find the table 'public.quote_session'")
                .hasMessageContaining("Perhaps you meant the table 'public.quote_sessions'")
                .satisfies(e -> {
                    var p = (PostgrestException) e;
                    assertThat(p.status()).isEqualTo(404);
                    assertThat(p.code()).isEqualTo("PGRST205");
                });
    }

    @Test
    void rejectedKeyIsReportedWithoutTheKey() {
        QuoteChatReader reader = reader(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_KEY", "wrong-key-123456"));

        assertThatThrownBy(() -> pull(reader, null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Invalid API key")
                .message().doesNotContain("wrong-key-123456");
        assertThat(reader.toString()).doesNotContain("wrong-key-123456").doesNotContain(PostgrestStub.KEY);
    }

    @Test
    void unreachableServerIsASourceError() {
        supabase.close();

        assertThatThrownBy(() -> pull(reader(Map.of()), null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void contentRangeTotalsAreRead() {
        assertThat(QuoteChatReader.total("0-999/2500")).isEqualTo(2500);
        assertThat(QuoteChatReader.total("*/0")).isZero();
        assertThat(QuoteChatReader.total("0-14/*")).isEqualTo(-1);
        assertThat(QuoteChatReader.total(null)).isEqualTo(-1);
    }

    @Test
    void settingsAcceptTheProjectUrlWithOrWithoutRestPath() {
        var a = QuoteChatSettings.fromEnvironment(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_URL", "https://abc.supabase.co/",
                "AUDICO_CHAT_QUOTE_SUPABASE_KEY", "k")::get).orElseThrow();
        var b = QuoteChatSettings.fromEnvironment(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_URL", "https://abc.supabase.co/rest/v1",
                "AUDICO_CHAT_QUOTE_SUPABASE_KEY", "k")::get).orElseThrow();

        assertThat(a.restUrl()).isEqualTo(b.restUrl()).hasToString("https://abc.supabase.co/rest/v1/");
        assertThat(a.table()).isEqualTo("quote_sessions");
        assertThatThrownBy(() -> QuoteChatSettings.fromEnvironment(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_URL", "https://abc.supabase.co")::get))
                .hasMessageContaining("AUDICO_CHAT_QUOTE_SUPABASE_KEY");
        assertThatThrownBy(() -> QuoteChatSettings.fromEnvironment(Map.of("AUDICO_CHAT_QUOTE_SUPABASE_URL", "https://abc.supabase.co",
                "AUDICO_CHAT_QUOTE_SUPABASE_KEY", "k", "AUDICO_CHAT_QUOTE_TABLE", "x?select=secret")::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
