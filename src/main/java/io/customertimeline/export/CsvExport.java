package io.customertimeline.export;

import io.customertimeline.timeline.TimelineEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV (commas, quotes and line breaks quoted by commons-csv), UTF-8, optionally with a
 * byte-order mark so spreadsheet programs read it as UTF-8. Text that a spreadsheet would take
 * for a formula ({@code = + - @}, tab, carriage return at the start) is prefixed with {@code '}.
 */
final class CsvExport {

    static final String[] HEADER = {"occurred_at", "source", "direction", "title", "summary", "status", "sentiment",
            "sentiment_score", "amount", "currency", "reference_id", "id"};
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private CsvExport() {
    }

    static void write(List<TimelineEntry> entries, boolean truncated, ZoneId zone, boolean bom, OutputStream out) throws IOException {
        if (bom) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (TimelineEntry e : entries) {
                csv.printRecord(e.occurredAt().atZoneSameInstant(zone).format(LOCAL), e.source(), e.direction(),
                        text(e.title()), text(e.summary()), text(e.status()), e.sentiment(), number(e.sentimentScore()),
                        number(e.amount()), e.currency(), text(e.referenceId()), e.id());
            }
            if (truncated) {
                csv.printComment("truncated");
                csv.printRecord("", "", "", "Export stopped after " + Exports.MAX_ROWS + " rows; narrow the dates.");
            }
        }
    }

    /** Outside text, made safe to open in a spreadsheet. */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n' ? "'" + s : s;
    }

    private static String number(BigDecimal n) {
        return n == null ? null : n.toPlainString();
    }
}
