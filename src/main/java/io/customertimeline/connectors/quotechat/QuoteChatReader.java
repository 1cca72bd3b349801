package io.customertimeline.connectors.quotechat;

import io.customertimeline.connectors.Batch;
import io.customertimeline.connectors.CanonicalEvent;
import io.customertimeline.connectors.CanonicalJson;
import io.customertimeline.ingest.EventType;
import io.customertimeline.connectors.Progress;
import io.customertimeline.connectors.PullSource;
import io.customertimeline.connectors.RowError;
import io.customertimeline.connectors.SourceException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads quote sessions changed since the watermark as {@link EventType#QUOTE} events.
 *
 * <p>Requests follow PostgREST's protocol: {@code GET /rest/v1/<table>?select=*
 * &last_activity_at=gte.<t>&order=last_activity_at.asc,session_id.asc} with {@code apikey} and
 * {@code Authorization: Bearer} headers, {@code Range-Unit: items}, {@code Range: 0-999} and
 * {@code Prefer: count=exact}; {@code Content-Range} gives the total for progress. Paging is by
 * key: each page starts again at the last {@code last_activity_at} read (rows already read at that
 * instant are passed over), so a session that changes mid-import cannot push another one out of
 * the pages. Each pull starts a lookback before the watermark. On a first import, sessions without
 * {@code last_activity_at} are read last.
 */
public final class QuoteChatReader implements PullSource {

    private static final Pattern CONTENT_RANGE = Pattern.compile("^\\s*(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)\\s*$");
    private static final Set<String> FIELDS = Set.of("session_id", "customer_name", "customer_email", "customer_phone",
            "company_name", "status", "total_amount", "currency", "quote_items", "created_at", "last_activity_at", "metadata");

    private final QuoteChatSettings settings;
    private final Duration lookback;
    private final HttpClient http;

    /**
     * @param lookback how far before the watermark each pull starts again: a session whose change
     *                 commits after a later one was read carries the earlier time and would be
     *                 passed over for good; re-read sessions come out unchanged at ingest
     */
    public QuoteChatReader(QuoteChatSettings settings, Duration lookback, HttpClient http) {
        this.settings = settings;
        this.lookback = lookback;
        this.http = http;
    }

    public QuoteChatReader(QuoteChatSettings settings, Duration lookback) {
        this(settings, lookback, HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    @Override
    public String name() {
        return "quotechat";
    }

    @Override
    public void pull(String watermark, Consumer<Batch> sink) {
        QuoteCursor stored = QuoteCursor.parse(watermark);
        QuoteCursor rewound = stored.rewind(lookback);
        QuoteCursor cursor = rewound;
        long done = 0;
        long total = Progress.UNKNOWN;
        long passedOver = 0;
        // Ids read at the cursor's instant: ties are told apart by id, not by comparing ids, whose
        // order is the database collation's and not Java's.
        java.util.Set<String> readAtCursor = new java.util.LinkedHashSet<>(cursor.readAtInstant());
        while (true) {
            Page page = get(cursor.at() == null ? null : "gte." + cursor.at(), passedOver);
            if (total == Progress.UNKNOWN && page.total >= 0) {
                total = page.total;
            }
            List<CanonicalEvent> events = new ArrayList<>();
            List<RowError> rejected = new ArrayList<>();
            QuoteCursor last = cursor;
            boolean reachedUndated = false;
            for (JsonNode row : page.rows) {
                String at = text(row.get("last_activity_at"));
                if (at == null) {
                    reachedUndated = true;
                    break;
                }
                String id = sessionId(row);
                String key = id == null ? "" : id;
                QuoteCursor position = new QuoteCursor(at, List.of(key), cursor.undatedRead());
                int byTime = last.isStart() ? 1 : position.instant().compareTo(last.instant());
                if (byTime < 0 || (byTime == 0 && readAtCursor.contains(key))) {
                    continue;
                }
                if (byTime > 0) {
                    readAtCursor.clear();
                }
                readAtCursor.add(key);
                last = new QuoteCursor(at, List.copyOf(readAtCursor), cursor.undatedRead());
                done++;
                toEvent(row, events, rejected, "session " + (id == null ? "(no session_id) at " + at : id));
            }
            if (last.equals(cursor)) {
                if (reachedUndated || page.rows.size() < settings.pageSize()) {
                    break;
                }
                passedOver += page.rows.size(); // a whole page of rows already read at one instant
                continue;
            }
            passedOver = 0;
            cursor = last;
            sink.accept(new Batch(events, rejected, cursor.toString(), new Progress(done, Math.max(total, done))));
            if (reachedUndated || page.rows.size() < settings.pageSize()) {
                break;
            }
        }
        if (cursor.undatedRead() >= 0) {
            // nothing dated read: the watermark stays where it was, not where this pull started
            readUndated(cursor.equals(rewound) ? stored : cursor, done, total, sink);
        }
    }

    /**
     * Sessions without {@code last_activity_at}: read once, after the first import's dated ones,
     * by offset. Each batch's watermark says how many were read, so a run that fails part-way
     * (or before this pass) is taken up where it stopped; a page shorter than a full one marks
     * them all read (after a full last page, the next run asks once more and finds none).
     */
    private void readUndated(QuoteCursor cursor, long done, long total, Consumer<Batch> sink) {
        long offset = cursor.undatedRead();
        while (true) {
            Page page = get("is.null", offset);
            if (page.rows.isEmpty()) {
                return;
            }
            List<CanonicalEvent> events = new ArrayList<>();
            List<RowError> rejected = new ArrayList<>();
            for (JsonNode row : page.rows) {
                done++;
                String id = sessionId(row);
                toEvent(row, events, rejected, "session " + (id == null ? "(no session_id)" : id));
            }
            offset += page.rows.size();
            boolean last = page.rows.size() < settings.pageSize();
            sink.accept(new Batch(events, rejected, cursor.withUndatedRead(last ? QuoteCursor.UNDATED_DONE : offset).toString(),
                    new Progress(done, Math.max(total, done))));
            if (last) {
                return;
            }
        }
    }

    private void toEvent(JsonNode row, List<CanonicalEvent> events, List<RowError> rejected, String where) {
        if (!row.isObject()) {
            rejected.add(new RowError(where, "not a JSON object"));
            return;
        }
        String id = sessionId(row);
        if (id == null) {
            rejected.add(new RowError(where, "no session_id"));
            return;
        }
        ObjectNode data = CanonicalJson.object();
        data.put("session_id", id);
        ObjectNode meta = CanonicalJson.object();
        JsonNode given = row.get("metadata");
        if (given != null && given.isObject()) {
            meta.setAll((ObjectNode) given);
        }
        for (var field : row.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("session_id") || name.equals("metadata")) {
                continue;
            }
            if (FIELDS.contains(name)) {
                data.set(name, name.equals("quote_items") && value.isString() ? parseJsonText(value) : value);
            } else if (!value.isNull() && !meta.has(name)) {
                meta.set(name, value);
            }
        }
        meta.put("source", "quotechat");
        data.set("metadata", meta);
        events.add(new CanonicalEvent(EventType.QUOTE, id, data));
    }

    private record Page(List<JsonNode> rows, long total) {
    }

    private Page get(String activityFilter, long offset) {
        StringBuilder query = new StringBuilder("select=*");
        if (activityFilter != null) {
            query.append("&last_activity_at=").append(URLEncoder.encode(activityFilter, StandardCharsets.UTF_8));
        }
        query.append("&order=").append(activityFilter != null && activityFilter.equals("is.null")
                ? "session_id.asc" : "last_activity_at.asc,session_id.asc");
        URI uri = settings.restUrl().resolve(settings.table() + "?" + query);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("apikey", settings.key())
                .header("Authorization", "Bearer " + settings.key())
                .header("Accept", "application/json")
                .header("Range-Unit", "items")
                .header("Range", offset + "-" + (offset + settings.pageSize() - 1))
                .header("Prefer", "count=exact")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw SourceException.of("quote chat " + settings.restUrl() + " unreachable", e, settings.key());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("quote chat read interrupted");
        }
        long total = total(response.headers().firstValue("Content-Range").orElse(null));
        if (response.statusCode() == 416) {
            return new Page(List.of(), total); // an offset past the end: nothing more
        }
        if (response.statusCode() != 200 && response.statusCode() != 206) {
            throw error(response);
        }
        JsonNode body;
        try {
            body = CanonicalJson.MAPPER.readTree(response.body());
        } catch (RuntimeException e) {
            throw new SourceException("quote chat " + settings.table() + ": answer is not JSON (HTTP " + response.statusCode() + ")");
        }
        if (!body.isArray()) {
            throw new SourceException("quote chat " + settings.table() + ": answer is not a JSON array");
        }
        List<JsonNode> rows = new ArrayList<>();
        body.forEach(rows::add);
        return new Page(rows, total);
    }

    private PostgrestException error(HttpResponse<String> response) {
        String context = "quote chat " + settings.table();
        try {
            JsonNode e = CanonicalJson.MAPPER.readTree(response.body());
            return new PostgrestException(context, response.statusCode(), text(e.get("code")),
                    scrub(firstNonNull(text(e.get("message")), text(e.get("msg")), text(e.get("error")))),
                    scrub(text(e.get("details"))), scrub(text(e.get("hint"))));
        } catch (RuntimeException notJson) {
            String body = response.body() == null ? "" : response.body().strip();
            return new PostgrestException(context, response.statusCode(), null,
                    scrub(body.length() > 300 ? body.substring(0, 300) + "…" : body), null, null);
        }
    }

    private String scrub(String s) {
        return s == null ? null : s.replace(settings.key(), "****");
    }

    /** The total of {@code Content-Range: 0-999/2500} or {@code * /0}; -1 when the server did not count. */
    static long total(String contentRange) {
        if (contentRange == null) {
            return Progress.UNKNOWN;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange);
        if (!m.matches() || m.group(3).equals("*")) {
            return Progress.UNKNOWN;
        }
        return Long.parseLong(m.group(3));
    }

    private static String sessionId(JsonNode row) {
        String id = text(row.get("session_id"));
        return id != null ? id : text(row.get("id"));
    }

    private static JsonNode parseJsonText(JsonNode value) {
        try {
            return CanonicalJson.MAPPER.readTree(value.asString());
        } catch (RuntimeException e) {
            return value;
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String s = node.isValueNode() ? node.asString() : node.toString();
        return s.isBlank() ? null : s;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "QuoteChatReader[" + settings + "]";
    }

    /**
     * Where reading stopped: the last {@code last_activity_at} read, exactly as PostgREST wrote it
     * (full precision, reused verbatim in the next filter), and the ids already read at that
     * instant, so a resumed pull neither repeats nor skips sessions that share it; and how many
     * sessions without {@code last_activity_at} the first import has read
     * ({@code undated_read}, left out once they are all read, as in watermarks from before it).
     */
    record QuoteCursor(String at, List<String> readAtInstant, long undatedRead) {

        static final long UNDATED_DONE = -1;
        static final QuoteCursor START = new QuoteCursor(null, List.of(), 0);

        static QuoteCursor parse(String watermark) {
            if (watermark == null || watermark.isBlank()) {
                return START;
            }
            try {
                JsonNode n = CanonicalJson.MAPPER.readTree(watermark);
                List<String> ids = new ArrayList<>();
                n.path("session_ids").forEach(id -> ids.add(id.asString()));
                JsonNode at = n.path("last_activity_at");
                QuoteCursor c = new QuoteCursor(at.isString() ? at.asString() : null, ids,
                        n.path("undated_read").asLong(UNDATED_DONE));
                if (!c.isStart()) {
                    c.instant();
                }
                return c;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a quote chat watermark: " + watermark);
            }
        }

        boolean isStart() {
            return at == null;
        }

        /** The cursor {@code lookback} earlier, with nothing read there yet: re-reads recent changes. */
        QuoteCursor rewind(Duration lookback) {
            return lookback.isZero() || isStart() ? this
                    : new QuoteCursor(instant().minus(lookback).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), List.of(), undatedRead);
        }

        QuoteCursor withUndatedRead(long read) {
            return new QuoteCursor(at, readAtInstant, read);
        }

        OffsetDateTime instant() {
            String s = at.strip().replace(' ', 'T');
            if (s.matches(".*[+-]\\d\\d$")) {
                s = s + ":00";
            }
            try {
                return OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("last_activity_at is not a timestamp with time zone: " + at);
            }
        }

        @Override
        public String toString() {
            ObjectNode n = CanonicalJson.object();
            n.put("last_activity_at", at);
            var ids = n.putArray("session_ids");
            readAtInstant.forEach(ids::add);
            if (undatedRead != UNDATED_DONE) {
                n.put("undated_read", undatedRead);
            }
            return CanonicalJson.MAPPER.writeValueAsString(n);
        }
    }
}
