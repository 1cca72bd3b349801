package io.customertimeline.connectors.importer;

import io.customertimeline.connectors.CanonicalEvent;
import io.customertimeline.connectors.CanonicalJson;
import io.customertimeline.ingest.EventType;
import io.customertimeline.connectors.RowError;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a CSV or JSON Lines export into canonical events, streaming (a file of any size is read
 * in constant memory). What it checks is the file's shape: cells and lines that are not the JSON
 * they should be, rows whose cell count does not match the header, JSON that is not an object or is
 * another kind of event; the event's content is checked by whoever receives it (the ingest path,
 * through {@link RejectedRowException}). Values are written as the sync API would get them:
 * numbers as numbers, {@code items} and other nested fields as JSON, blank cells left out.
 */
public final class FileImporter {

    public static final int PROGRESS_EVERY = 1000;
    public static final int BATCH = 200;
    public static final int MAX_REPORTED = 1000;

    private static final Set<String> JSON_FIELDS = Set.of("items", "shipping_address", "totals", "metadata", "quote_items",
            "attachments", "references", "turns");
    private static final Set<String> NUMBER_FIELDS = Set.of("order_id", "customer_id", "order_total", "total_amount",
            "duration_seconds");
    private static final Set<String> BOOLEAN_FIELDS = Set.of("requires_response", "successful");
    private static final Map<EventType, Set<String>> FIELDS = new EnumMap<>(Map.of(
            EventType.ORDER, Set.of("order_id", "customer_id", "customer_name", "customer_email", "customer_phone", "order_status",
                    "order_total", "currency", "payment_method", "shipping_method", "items", "shipping_address", "order_date",
                    "date_modified", "totals", "metadata"),
            EventType.EMAIL, Set.of("email_id", "from_email", "from_name", "to_email", "to_name", "subject", "body", "category",
                    "status", "sentiment", "created_at", "direction", "thread_id", "in_reply_to", "references", "attachments",
                    "metadata"),
            EventType.SOCIAL, Set.of("platform", "interaction_type", "customer_name", "customer_email", "customer_handle", "content",
                    "sentiment", "post_url", "post_id", "requires_response", "interaction_date", "metadata"),
            EventType.QUOTE, Set.of("session_id", "customer_name", "customer_email", "customer_phone", "company_name", "status",
                    "total_amount", "currency", "quote_items", "created_at", "last_activity_at", "sentiment", "metadata"),
            EventType.CALL, Set.of("call_id", "direction", "customer_phone", "from_number", "to_number", "customer_name",
                    "customer_email", "started_at", "ended_at", "duration_seconds", "status", "summary", "transcript", "turns",
                    "recording_url", "sentiment", "successful", "ended_reason", "vendor", "metadata")));
    private static final Map<EventType, String> KEYS = new EnumMap<>(Map.of(EventType.ORDER, "order_id",
            EventType.EMAIL, "email_id", EventType.SOCIAL, "post_id", EventType.QUOTE, "session_id", EventType.CALL, "call_id"));

    private final Clock clock;

    public FileImporter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads {@code in} (UTF-8, a byte-order mark is skipped) as events of {@code type}.
     *
     * @param fileName   used to tell CSV from JSON Lines ({@code null}: look at the content)
     * @param totalBytes the file's size for progress, or -1
     */
    public ImportReport read(EventType type, InputStream in, String fileName, long totalBytes, ImportListener listener) {
        Run run = new Run(type, listener, totalBytes, new CountingStream(new BufferedInputStream(in, 1 << 16)));
        try {
            ImportFormat format = ImportFormat.detect(fileName, run.peekFirstNonBlank());
            run.format = format;
            Reader reader = new InputStreamReader(run.bytes, StandardCharsets.UTF_8);
            if (format == ImportFormat.CSV) {
                run.csv(reader);
            } else {
                run.jsonLines(new BufferedReader(reader));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the import file", e);
        }
        run.progress();
        return new ImportReport(sourceName(type), run.format, run.rows, run.accepted, run.rejectedCount, List.copyOf(run.rejected),
                List.copyOf(run.warnings), Duration.between(run.started, clock.instant()));
    }

    private static String sourceName(EventType type) {
        return ImportSource.name(type);
    }

    private final class Run {
        final EventType type;
        final ImportListener listener;
        final long totalBytes;
        final CountingStream bytes;
        final Instant started = clock.instant();
        final List<RowError> rejected = new ArrayList<>();
        final Set<String> warnings = new LinkedHashSet<>();
        final Set<String> ignored = new LinkedHashSet<>();
        ImportFormat format = ImportFormat.CSV;
        /** The cell separator, which says what a comma in a number means ({@link #spreadsheetNumber}). */
        char delimiter = ',';
        final List<ImportRow> pending = new ArrayList<>();
        long rows;
        long accepted;
        long rejectedCount;
        long lastProgress = -1;

        Run(EventType type, ImportListener listener, long totalBytes, CountingStream bytes) {
            this.type = type;
            this.listener = listener;
            this.totalBytes = totalBytes;
            this.bytes = bytes;
        }

        /** Skips a UTF-8 byte-order mark and returns the first non-blank byte, without consuming it. */
        int peekFirstNonBlank() throws IOException {
            bytes.mark(3);
            if (!(bytes.read() == 0xEF && bytes.read() == 0xBB && bytes.read() == 0xBF)) {
                bytes.reset();
            }
            bytes.mark(4096);
            int c;
            int n = 0;
            do {
                c = bytes.read();
                n++;
            } while (c != -1 && Character.isWhitespace(c) && n < 4096);
            bytes.reset();
            return c;
        }

        void csv(Reader reader) throws IOException {
            BufferedReader buffered = new BufferedReader(reader, 1 << 16);
            buffered.mark(1 << 16);
            String headerLine = buffered.readLine();
            buffered.reset();
            if (headerLine == null) {
                warnings.add("the file is empty");
                return;
            }
            char delimiter = headerLine.indexOf(';') >= 0 && headerLine.indexOf(',') < 0 ? ';'
                    : headerLine.indexOf('\t') >= 0 && headerLine.indexOf(',') < 0 ? '\t' : ',';
            this.delimiter = delimiter;
            CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(false).setTrim(false).setAllowMissingColumnNames(true).get();
            try (CSVParser parser = CSVParser.parse(buffered, csv)) {
                List<String> header = parser.getHeaderNames().stream().map(h -> h == null ? "" : h.strip()).toList();
                Set<String> seen = new LinkedHashSet<>();
                for (String h : header) {
                    if (!h.isEmpty() && !seen.add(h)) {
                        warnings.add("column '" + h + "' appears twice; the last one is used");
                    }
                    if (!h.isEmpty() && !FIELDS.get(type).contains(h)) {
                        ignored.add(h);
                    }
                }
                if (!header.contains(KEYS.get(type)) && type != EventType.SOCIAL) {
                    warnings.add("there is no '" + KEYS.get(type) + "' column, so every row will be rejected");
                }
                long previousLine = parser.getCurrentLineNumber();
                var records = parser.iterator();
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            break;
                        }
                        record = records.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        if (!(rootCause(e) instanceof org.apache.commons.csv.CSVException)) {
                            throw e; // the stream failed (too large, cut off), not the CSV
                        }
                        rows++;
                        reject(previousLine + 1, "the CSV cannot be read from here on: " + rootMessage(e));
                        break;
                    }
                    long line = previousLine + 1;
                    previousLine = parser.getCurrentLineNumber();
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        continue; // a blank line: read as a record (not skipped by the parser) so the next row's number is right
                    }
                    rows++;
                    if (record.size() != header.size()) {
                        reject(line, "has " + record.size() + " cells but the header has " + header.size());
                        continue;
                    }
                    ObjectNode data = CanonicalJson.object();
                    String problem = null;
                    for (int i = 0; i < header.size() && problem == null; i++) {
                        String name = header.get(i);
                        if (name.isEmpty() || ignored.contains(name)) {
                            continue;
                        }
                        problem = put(data, name, record.get(i));
                    }
                    if (problem != null) {
                        reject(line, problem);
                    } else {
                        deliver(line, data);
                    }
                }
            }
            finish();
        }

        void jsonLines(BufferedReader reader) throws IOException {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                rows++;
                JsonNode node;
                try {
                    node = CanonicalJson.MAPPER.readTree(text);
                } catch (RuntimeException e) {
                    reject(line, "is not JSON: " + firstLine(rootMessage(e)));
                    continue;
                }
                if (!node.isObject()) {
                    reject(line, "is not a JSON object");
                    continue;
                }
                JsonNode data = node;
                String kind = node.has("action") ? node.path("action").asString("") : node.has("type") && node.get("data") != null
                        && node.get("data").isObject() ? node.path("type").asString("") : null;
                if (kind != null && node.get("data") != null) {
                    var named = ImportSource.eventType(kind);
                    if (named.isPresent() && named.get() != type) {
                        reject(line, "is a '" + kind + "' event, not " + sourceName(type));
                        continue;
                    }
                    data = node.get("data");
                    if (!data.isObject()) {
                        reject(line, "'data' is not a JSON object");
                        continue;
                    }
                }
                ObjectNode out = CanonicalJson.object();
                String problem = null;
                for (var field : data.properties()) {
                    String name = field.getKey();
                    if (!FIELDS.get(type).contains(name)) {
                        ignored.add(name);
                        continue;
                    }
                    JsonNode value = field.getValue();
                    problem = value.isString() ? put(out, name, value.asString()) : putJson(out, name, value);
                    if (problem != null) {
                        break;
                    }
                }
                if (problem != null) {
                    reject(line, problem);
                } else {
                    deliver(line, out);
                }
            }
            finish();
        }

        private void finish() {
            flush();
            if (!ignored.isEmpty()) {
                warnings.add("ignored field(s) that are not " + sourceName(type) + " fields: " + String.join(", ", ignored));
            }
        }

        /** Puts a text value as the sync API would carry it; returns why it cannot be, or null. */
        private String put(ObjectNode data, String name, String raw) {
            String s = raw == null ? "" : raw.strip();
            if (s.isEmpty()) {
                return null;
            }
            if (JSON_FIELDS.contains(name)) {
                if (name.equals("references") && !s.startsWith("[")) {
                    ArrayNode ids = data.putArray(name);
                    for (String id : s.split("[\\s,]+")) {
                        if (!id.isBlank()) {
                            ids.add(id.replaceAll("^<|>$", ""));
                        }
                    }
                    return null;
                }
                try {
                    data.set(name, CanonicalJson.MAPPER.readTree(s));
                    return null;
                } catch (RuntimeException e) {
                    return name + " is not valid JSON: " + firstLine(rootMessage(e));
                }
            }
            if (NUMBER_FIELDS.contains(name)) {
                try {
                    BigDecimal number = new BigDecimal(format == ImportFormat.CSV ? spreadsheetNumber(s, delimiter) : s);
                    if (number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                            && !name.equals("order_total") && !name.equals("total_amount")) {
                        data.put(name, number.longValueExact());
                    } else {
                        data.put(name, number);
                    }
                    return null;
                } catch (NumberFormatException | ArithmeticException e) {
                    data.put(name, s); // left as text: the receiver says why it is not a number
                    return null;
                }
            }
            if (BOOLEAN_FIELDS.contains(name)) {
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "y", "1" -> data.put(name, true);
                    case "false", "no", "n", "0" -> data.put(name, false);
                    default -> {
                        return name + " must be true or false, not '" + s + "'";
                    }
                }
                return null;
            }
            data.put(name, s);
            return null;
        }

        private String putJson(ObjectNode data, String name, JsonNode value) {
            if (value.isNull()) {
                return null;
            }
            data.set(name, value);
            return null;
        }

        private void deliver(long line, ObjectNode data) {
            String key = data.path(KEYS.get(type)).asString(null);
            if (type == EventType.SOCIAL && key == null) {
                key = data.path("post_url").asString(null);
            }
            pending.add(new ImportRow(line, new CanonicalEvent(type, key, data)));
            if (pending.size() >= BATCH) {
                flush();
            }
            if (rows % PROGRESS_EVERY == 0) {
                progress();
            }
        }

        /** Hands the rows read so far to the listener and records the ones it refused. */
        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<ImportRow> batch = List.copyOf(pending);
            pending.clear();
            List<ImportRejection> refused = listener.accept(batch);
            accepted += batch.size() - refused.size();
            for (ImportRejection r : refused) {
                rejectedCount++;
                if (rejected.size() < MAX_REPORTED) {
                    rejected.add(new RowError("line " + r.line(), r.reason()));
                }
            }
            if (!refused.isEmpty()) {
                rejected.sort(java.util.Comparator.comparingLong(e -> Long.parseLong(e.where().substring(5))));
            }
        }

        private void reject(long line, String reason) {
            rejectedCount++;
            if (rejected.size() < MAX_REPORTED) {
                rejected.add(new RowError("line " + line, reason));
            }
            if (rows % PROGRESS_EVERY == 0) {
                progress();
            }
        }

        void progress() {
            flush();
            if (rows == lastProgress && rows > 0) {
                return;
            }
            lastProgress = rows;
            listener.progress(new ImportProgress(rows, accepted, rejectedCount, bytes.count, totalBytes,
                    Duration.between(started, clock.instant())));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable e) {
        return String.valueOf(rootCause(e).getMessage());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    /** Counts the bytes read, for progress. */
    private static final Pattern GROUPED_BY_COMMAS = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern GROUPED_BY_DOTS = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+(,\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+,\\d+");

    /**
     * A number as a spreadsheet writes it, in plain notation: digit groups apart by spaces
     * ({@code 1 299.99}, the narrow and no-break spaces too). A spreadsheet saves semicolons
     * between cells where the comma marks decimals (en-ZA among them), so there the comma is the
     * decimal mark ({@code 1299,99}) and dots may group digits ({@code 1.299,99}); in a comma file
     * commas group digits ({@code "1,299.99"}). A tab file is saved so in every locale, so a comma
     * in its numbers could mean either: it is left as it came. Anything else is returned as it
     * came too, for the receiver to refuse rather than guess.
     */
    static String spreadsheetNumber(String s, char delimiter) {
        String n = s.replaceAll("(?<=\\d)[ \\u00A0\\u202F](?=\\d{3}(\\D|$))", "");
        if (delimiter == '\t') {
            return n;
        }
        if (delimiter == ';') {
            if (GROUPED_BY_DOTS.matcher(n).matches() && n.contains(",")) {
                n = n.replace(".", "");
            }
            return DECIMAL_COMMA.matcher(n).matches() ? n.replace(',', '.') : n;
        }
        return GROUPED_BY_COMMAS.matcher(n).matches() ? n.replace(",", "") : n;
    }

    private static final class CountingStream extends FilterInputStream {
        long count;
        private long mark;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            mark = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = mark;
        }
    }

}
