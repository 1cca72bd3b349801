package io.customertimeline.export;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.customertimeline.customers.Customers;
import io.customertimeline.customers.Profile;
import io.customertimeline.timeline.TimelineEntry;
import java.awt.Color;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A printable report: the profile's figures and contacts, the filters, then the timeline as a table. */
final class PdfExport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 8.5f);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 7.5f, Color.DARK_GRAY);

    private PdfExport() {
    }

    static void write(Profile p, List<Customers.Identity> identities, List<TimelineEntry> entries, boolean truncated,
            String filters, ZoneId zone, OffsetDateTime now, OutputStream out) {
        Document doc = new Document(PageSize.A4, 36, 36, 40, 40);
        PdfWriter.getInstance(doc, out);
        doc.addTitle("Customer timeline: " + Exports.displayName(p));
        doc.addCreator("Customer Timeline");
        doc.open();
        doc.add(new Paragraph("Customer timeline: " + Exports.displayName(p), TITLE));
        doc.add(new Paragraph("Generated " + now.atZoneSameInstant(zone).format(WHEN) + " (" + zone.getId() + ") · " + filters, SMALL));
        doc.add(new Paragraph(" "));

        PdfPTable facts = new PdfPTable(new float[] {1.2f, 2f, 1.2f, 2f});
        facts.setWidthPercentage(100);
        fact(facts, "Status", p.customerStatus().name());
        fact(facts, "Company", p.company());
        fact(facts, "Orders", Integer.toString(p.totalOrders()));
        fact(facts, "Total spend", money(p.totalSpend(), p.currency()));
        fact(facts, "Lifetime value", money(p.lifetimeValue(), p.currency()));
        fact(facts, "Average order", money(p.averageOrderValue(), p.currency()));
        fact(facts, "Interactions", Integer.toString(p.totalInteractions()));
        fact(facts, "Sentiment", (p.sentimentScore() == null ? "–" : p.sentimentScore().toPlainString()) + " (" + p.sentimentTrend() + ")");
        for (Customers.Identity id : identities) {
            fact(facts, id.kind(), id.value());
        }
        if (identities.size() % 2 == 1) {
            fact(facts, "", "");
        }
        doc.add(facts);
        doc.add(new Paragraph(" "));

        PdfPTable table = new PdfPTable(new float[] {1.3f, 0.8f, 4.2f, 0.9f, 1.1f});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String h : List.of("When", "Source", "What", "Sentiment", "Amount")) {
            PdfPCell c = new PdfPCell(new Phrase(h, BOLD));
            c.setBackgroundColor(new Color(230, 234, 242));
            table.addCell(c);
        }
        for (TimelineEntry e : entries) {
            table.addCell(new Phrase(e.occurredAt().atZoneSameInstant(zone).format(WHEN), BODY));
            table.addCell(new Phrase(e.source() + (e.direction().equals("outbound") ? " (out)" : ""), BODY));
            Phrase what = new Phrase(safe(e.title()), BOLD);
            if (e.summary() != null) {
                what.add(new Phrase("\n" + safe(e.summary()), BODY));
            }
            table.addCell(what);
            table.addCell(new Phrase(e.sentiment() == null ? "" : e.sentiment(), BODY));
            PdfPCell amount = new PdfPCell(new Phrase(e.amount() == null ? "" : money(e.amount(), e.currency()), BODY));
            amount.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.addCell(amount);
        }
        doc.add(table);
        if (entries.isEmpty()) {
            doc.add(new Paragraph("No interactions for these filters.", BODY));
        }
        if (truncated) {
            doc.add(new Paragraph("Stopped after " + Exports.MAX_ROWS + " entries; narrow the dates for the rest.", SMALL));
        }
        doc.close();
    }

    private static void fact(PdfPTable t, String label, String value) {
        PdfPCell l = new PdfPCell(new Phrase(label, BOLD));
        l.setBorderColor(Color.LIGHT_GRAY);
        t.addCell(l);
        PdfPCell v = new PdfPCell(new Phrase(value == null ? "–" : safe(value), BODY));
        v.setBorderColor(Color.LIGHT_GRAY);
        t.addCell(v);
    }

    private static String money(BigDecimal amount, String currency) {
        return (currency == null || currency.equals("ZAR") ? "R " : currency + " ") + String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** Keeps text within what the standard PDF fonts can draw (control characters removed). */
    private static String safe(String s) {
        return s == null ? "" : s.replaceAll("[\\p{Cntrl}&&[^\n]]", " ");
    }
}
