package io.customertimeline.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.customertimeline.connectors.Batch;
import io.customertimeline.connectors.CanonicalEvent;
import io.customertimeline.connectors.SourceException;
import io.customertimeline.ingest.Fields;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataRetrievalFailureException;
import tools.jackson.databind.JsonNode;

/** The IMAP reader against a real IMAP server (GreenMail, in-process). */
class ImapReaderTest {

    private static final String SHOP = "sales@audico.co.za";
    private static final String PASSWORD = "app-Pa55-word";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.IMAP);

    @BeforeEach
    void mailbox() {
        mail.setUser(SHOP, SHOP, PASSWORD);
    }

    ImapReader reader(Map<String, String> extra) {
        return reader(extra, Map.of());
    }

    /** {@code storedThreads}: threads of mail stored before, by Message-ID. */
    ImapReader reader(Map<String, String> extra, Map<String, String> storedThreads) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("TIMELINE_IMAP_URL", "imap://" + SHOP + ":" + PASSWORD + "@127.0.0.1:" + mail.getImap().getPort());
        return new ImapReader(ImapSettings.fromEnvironment(env::get).orElseThrow(),
                Clock.fixed(Instant.parse("2024-03-01T00:00:00Z"), ZoneOffset.UTC), id -> Optional.ofNullable(storedThreads.get(id)));
    }

    ImapReader reader() {
        return reader(Map.of());
    }

    static List<Batch> pull(ImapReader reader, String watermark) {
        List<Batch> batches = new ArrayList<>();
        reader.pull(watermark, batches::add);
        return batches;
    }

    static List<JsonNode> data(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.events().stream()).map(CanonicalEvent::data).map(JsonNode.class::cast).toList();
    }

    /** Appends a raw RFC 5322 message to a folder over IMAP, creating the folder when needed. */
    void append(String folder, String raw) throws Exception {
        append(folder, raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1), false);
    }

    void append(String folder, byte[] raw, boolean seen) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), SHOP, PASSWORD);
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                f.create(Folder.HOLDS_MESSAGES);
            }
            f.open(Folder.READ_WRITE);
            MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
            if (seen) {
                m.setFlag(Flags.Flag.SEEN, true);
            }
            f.appendMessages(new Message[] {m});
            f.close(false);
        }
    }

    static String plain(String id, String from, String to, String date, String subject, String extraHeaders, String body) {
        return """
                Message-ID: <%s>
                From: %s
                To: %s
                Date: %s
                Subject: %s
                MIME-Version: 1.0
                %sContent-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(id, from, to, date, subject, extraHeaders, body);
    }

    @Test
    void incomingMailBecomesAnInboundEmailForTheSender() throws Exception {
        append("INBOX", plain("q1@mail.example.com", "\"Thandi Nkosi\" <Thandi.Nkosi@Example.co.za>", SHOP,
                "Mon, 15 Jan 2024 10:45:00 +0200", "Quote for JBL speakers", "", "Hi, can you quote 4 JBL Charge 5?\nThanks"));

        List<Batch> batches = pull(reader(), null);

        JsonNode e = data(batches).get(0);
        assertThat(e.get("email_id").asString()).isEqualTo("q1@mail.example.com");
        assertThat(e.get("from_email").asString()).isEqualTo("thandi.nkosi@example.co.za");
        assertThat(e.get("from_name").asString()).isEqualTo("Thandi Nkosi");
        assertThat(e.get("to_email").asString()).isEqualTo(SHOP);
        assertThat(e.get("subject").asString()).isEqualTo("Quote for JBL speakers");
        assertThat(e.get("body").asString()).isEqualTo("Hi, can you quote 4 JBL Charge 5?\nThanks");
        assertThat(e.get("status").asString()).isEqualTo("unread");
        assertThat(e.get("direction").asString()).isEqualTo("inbound");
        assertThat(e.get("created_at").asString()).isEqualTo("2024-01-15T08:45:00Z");
        assertThat(e.get("thread_id").asString()).isEqualTo("q1@mail.example.com");
        assertThat(e.get("attachments")).isEmpty();
        assertThat(e.get("metadata").get("folder").asString()).isEqualTo("INBOX");
        assertThat(batches.get(0).progress().done()).isEqualTo(1);
        assertThat(batches.get(0).progress().total()).isEqualTo(1);
    }

    @Test
    void anOversizedBodyIsCutToWhatIngestTakes() throws Exception {
        String body = "Click here to claim your prize. ".repeat(8_000); // 256,000 characters
        append("INBOX", plain("spam1@mail.example.com", "Prize Desk <prizes@example.net>", SHOP,
                "Mon, 15 Jan 2024 10:45:00 +0200", "You have won", "", body));

        JsonNode e = data(pull(reader(), null)).get(0);
        assertThat(e.get("body").asString()).hasSize(Fields.MAX_PROSE).startsWith("Click here").endsWith("[… truncated]");
    }

    @Test
    void readMailIsMarkedReadAndReadingLeavesFlagsAlone() throws Exception {
        append("INBOX", plain("seen@x", "a@example.com", SHOP, "Mon, 15 Jan 2024 10:45:00 +0200", "Seen", "", "hello")
                .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), true);
        append("INBOX", plain("unseen@x", "b@example.com", SHOP, "Mon, 15 Jan 2024 10:46:00 +0200", "Unseen", "", "hello"));

        pull(reader(), null);
        List<JsonNode> again = data(pull(reader(), null));

        assertThat(again).extracting(e -> e.get("status").asString()).containsExactly("read", "unread");
    }

    @Test
    void sentMailBecomesAnOutboundEmailForTheRecipient() throws Exception {
        append("Sent", plain("r1@audico.co.za", "Audico Sales <" + SHOP + ">", "\"Sipho D\" <sipho@example.co.za>, other@example.com",
                "Tue, 16 Jan 2024 09:00:00 +0200", "Your order", "Cc: boss@audico.co.za\n", "Your order has shipped."));

        JsonNode e = data(pull(reader(), null)).get(0);

        assertThat(e.get("direction").asString()).isEqualTo("outbound");
        assertThat(e.get("status").asString()).isEqualTo("sent");
        assertThat(e.get("from_email").asString()).isEqualTo(SHOP);
        assertThat(e.get("to_email").asString()).isEqualTo("sipho@example.co.za");
        assertThat(e.get("to_name").asString()).isEqualTo("Sipho D");
        assertThat(e.get("metadata").get("to")).extracting(JsonNode::asString).containsExactly("sipho@example.co.za", "other@example.com");
        assertThat(e.get("metadata").get("cc")).extracting(JsonNode::asString).containsExactly("boss@audico.co.za");
        assertThat(e.get("metadata").get("folder").asString()).isEqualTo("Sent");
    }

    @Test
    void sentFolderCanBeNamedOrSwitchedOff() throws Exception {
        append("[Gmail]/Sent Mail", plain("g1@audico.co.za", SHOP, "c@example.com", "Tue, 16 Jan 2024 09:00:00 +0200", "Hi", "", "x"));

        assertThat(data(pull(reader(Map.of("TIMELINE_IMAP_SENT", "[Gmail]/Sent Mail")), null))).hasSize(1);
        assertThat(data(pull(reader(Map.of("TIMELINE_IMAP_SENT", "none")), null))).isEmpty();
        assertThat(data(pull(reader(), null))).as("found by name").hasSize(1);
    }

    @Test
    void conversationAcrossInboxAndSentIsOneThread() throws Exception {
        append("INBOX", plain("t1@example.com", "lindiwe@example.com", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200",
                "Delivery to Durban?", "", "Do you deliver to Durban?"));
        append("Sent", plain("t2@audico.co.za", SHOP, "lindiwe@example.com", "Mon, 15 Jan 2024 09:00:00 +0200",
                "Re: Delivery to Durban?", "In-Reply-To: <t1@example.com>\nReferences: <t1@example.com>\n", "Yes, 2-3 days."));
        append("INBOX", plain("t3@example.com", "lindiwe@example.com", SHOP, "Mon, 15 Jan 2024 10:00:00 +0200",
                "RE: Re: Delivery to Durban?", "In-Reply-To: <t2@audico.co.za>\nReferences: <t1@example.com> <t2@audico.co.za>\n",
                "Great, ordering now."));

        List<JsonNode> events = data(pull(reader(), null));

        assertThat(events).extracting(e -> e.get("email_id").asString()).containsExactly("t1@example.com", "t2@audico.co.za", "t3@example.com");
        assertThat(events).extracting(e -> e.get("thread_id").asString()).containsOnly("t1@example.com");
        assertThat(events).extracting(e -> e.get("direction").asString()).containsExactly("inbound", "outbound", "inbound");
        assertThat(events.get(2).get("in_reply_to").asString()).isEqualTo("t2@audico.co.za");
        assertThat(events.get(2).get("references")).extracting(JsonNode::asString).containsExactly("t1@example.com", "t2@audico.co.za");
    }

    @Test
    void replyNamingOnlyItsParentJoinsTheParentsThread() throws Exception {
        append("INBOX", plain("r1@example.com", "lindiwe@example.com", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200",
                "Delivery to Durban?", "", "Do you deliver to Durban?"));
        append("Sent", plain("r2@audico.co.za", SHOP, "lindiwe@example.com", "Mon, 15 Jan 2024 09:00:00 +0200",
                "Re: Delivery to Durban?", "In-Reply-To: <r1@example.com>\n", "Yes, 2-3 days."));
        append("INBOX", plain("r3@example.com", "lindiwe@example.com", SHOP, "Mon, 15 Jan 2024 10:00:00 +0200",
                "Re: Delivery to Durban?", "In-Reply-To: <r2@audico.co.za>\n", "Great, ordering now."));
        List<Batch> first = pull(reader(), null);
        append("INBOX", plain("r4@example.com", "lindiwe@example.com", SHOP, "Mon, 15 Jan 2024 11:00:00 +0200",
                "Re: Delivery to Durban?", "In-Reply-To: <r3@example.com>\n", "Paid."));

        List<JsonNode> later = data(pull(reader(Map.of(), Map.of("r3@example.com", "r1@example.com")),
                first.get(first.size() - 1).watermark()));

        assertThat(data(first)).extracting(e -> e.get("thread_id").asString()).containsOnly("r1@example.com");
        assertThat(later).extracting(e -> e.get("thread_id").asString()).as("its parent stored by an earlier pull")
                .containsExactly("r1@example.com");
    }

    @Test
    void storedThreadsOutOfReachStopThePullInsteadOfSkippingTheReply() throws Exception {
        append("INBOX", plain("late@example.com", "lindiwe@example.com", SHOP, "Mon, 15 Jan 2024 10:00:00 +0200",
                "Re: Delivery to Durban?", "In-Reply-To: <earlier@audico.co.za>\n", "Great, ordering now."));
        Map<String, String> env = Map.of("TIMELINE_IMAP_URL", "imap://" + SHOP + ":" + PASSWORD + "@127.0.0.1:" + mail.getImap().getPort());
        ImapReader reader = new ImapReader(ImapSettings.fromEnvironment(env::get).orElseThrow(), Clock.systemUTC(),
                id -> { throw new DataRetrievalFailureException("database restarting"); });
        List<Batch> batches = new ArrayList<>();

        assertThatThrownBy(() -> reader.pull(null, batches::add)).isInstanceOf(DataRetrievalFailureException.class);
        assertThat(batches).isEmpty();
    }

    @Test
    void replyWithoutThreadHeadersJoinsTheThreadBySubjectAndCustomer() throws Exception {
        append("INBOX", plain("s1@example.com", "naledi@example.com", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200",
                "Amplifier repair", "", "My amp hums."));
        append("INBOX", plain("s2@example.com", "naledi@example.com", SHOP, "Mon, 15 Jan 2024 12:00:00 +0200",
                "Fwd: RE:  Amplifier   repair", "", "Any news?"));
        append("INBOX", plain("s3@example.com", "someone.else@example.com", SHOP, "Mon, 15 Jan 2024 13:00:00 +0200",
                "Re: Amplifier repair", "", "Other customer, other thread."));

        List<JsonNode> events = data(pull(reader(), null));

        assertThat(events).extracting(e -> e.get("thread_id").asString())
                .containsExactly("s1@example.com", "s1@example.com", "s3@example.com");
        assertThat(events.get(1).get("metadata").get("subject_key").asString()).isEqualTo("amplifier repair");
    }

    @Test
    void htmlOnlyMailIsReducedToReadableText() throws Exception {
        append("INBOX", """
                Message-ID: <h1@example.com>
                From: zanele@example.com
                To: %s
                Date: Mon, 15 Jan 2024 08:00:00 +0200
                Subject: =?UTF-8?Q?Caf=C3=A9_speakers?=
                MIME-Version: 1.0
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                <html><head><style>p {color: red}</style><script>alert(1)</script></head><body>
                <p>Hello&nbsp;team,</p><p>I want the <b>Sonos Era 100</b> for my caf=C3=A9 &amp; bar.<br>Price?</p>
                <ul><li>2 units</li><li>delivery to Soweto</li></ul><div>Regards,<br>Zanele</div></body></html>
                """.formatted(SHOP));

        JsonNode e = data(pull(reader(), null)).get(0);

        assertThat(e.get("subject").asString()).isEqualTo("Café speakers");
        assertThat(e.get("body").asString()).isEqualTo("""
                Hello team,

                I want the Sonos Era 100 for my café & bar.
                Price?

                - 2 units
                - delivery to Soweto
                Regards,
                Zanele""");
    }

    @Test
    void latin1AndWindows1252MailIsDecoded() throws Exception {
        byte[] latin1 = ("""
                Message-ID: <l1@example.de>
                From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <jm@example.de>
                To: %s
                Date: Mon, 15 Jan 2024 08:00:00 +0100
                Subject: =?ISO-8859-1?Q?Bestellung_f=FCr_Caf=E9?=
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: 8bit

                Grüße aus München, Café Müller.
                """.formatted(SHOP)).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] cp1252 = ("""
                Message-ID: <w1@example.com>
                From: pieter@example.co.za
                To: %s
                Date: Mon, 15 Jan 2024 09:00:00 +0200
                Subject: =?windows-1252?Q?=93Quote=94_=96_urgent?=
                MIME-Version: 1.0
                Content-Type: text/plain; charset=windows-1252
                Content-Transfer-Encoding: quoted-printable

                The =93Pro=94 model costs =80120 =96 that=92s fine.
                """.formatted(SHOP)).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] mislabelled = ("""
                Message-ID: <m1@example.com>
                From: anon@example.com
                To: %s
                Date: Mon, 15 Jan 2024 10:00:00 +0200
                Subject: mislabelled
                MIME-Version: 1.0
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: 8bit

                It\u0092s a \u0093smart quote\u0094.
                """.formatted(SHOP)).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        append("INBOX", latin1, false);
        append("INBOX", cp1252, false);
        append("INBOX", mislabelled, false);

        List<JsonNode> events = data(pull(reader(), null));

        assertThat(events.get(0).get("from_name").asString()).isEqualTo("Jürgen Müller");
        assertThat(events.get(0).get("subject").asString()).isEqualTo("Bestellung für Café");
        assertThat(events.get(0).get("body").asString()).isEqualTo("Grüße aus München, Café Müller.");
        assertThat(events.get(1).get("subject").asString()).isEqualTo("“Quote” – urgent");
        assertThat(events.get(1).get("body").asString()).isEqualTo("The “Pro” model costs €120 – that’s fine.");
        assertThat(events.get(2).get("body").asString()).isEqualTo("It’s a “smart quote”.");
    }

    @Test
    void mailWithAMisspelledTransferEncodingOrAGluedEncodedWordIsRead() throws Exception {
        append("INBOX", plain("e1@example.com", "pieter@example.co.za", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200",
                "Order=?UTF-8?Q?_n=C3=A9e?= 4411", "", "Grüße aus Café Müller.")
                .replace("Content-Transfer-Encoding: 8bit", "Content-Transfer-Encoding: 8-bit")
                .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), false);

        List<Batch> batches = pull(reader(), null);

        assertThat(batches.stream().flatMap(b -> b.rejected().stream())).isEmpty();
        JsonNode e = data(batches).get(0);
        assertThat(e.get("body").asString()).isEqualTo("Grüße aus Café Müller.");
        assertThat(e.get("subject").asString()).isEqualTo("Order née 4411");
    }

    @Test
    void multipartMailKeepsThePlainTextAndListsAttachmentsWithoutStoringThem() throws Exception {
        byte[] pdf = new byte[3000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31);
        }
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pdf);
        append("INBOX", """
                Message-ID: <mp1@example.com>
                From: buyer@example.com
                To: %s
                Date: Mon, 15 Jan 2024 08:00:00 +0200
                Subject: PO attached
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=UTF-8

                Please find our PO attached.
                --inner
                Content-Type: text/html; charset=UTF-8

                <p>Please find our <b>PO</b> attached.</p>
                --inner--

                --outer
                Content-Type: application/pdf; name="PO 4411.pdf"
                Content-Disposition: attachment; filename="PO 4411.pdf"
                Content-Transfer-Encoding: base64

                %s
                --outer--
                """.formatted(SHOP, encoded));

        JsonNode e = data(pull(reader(), null)).get(0);

        assertThat(e.get("body").asString()).isEqualTo("Please find our PO attached.");
        JsonNode attachment = e.get("attachments").get(0);
        assertThat(attachment.get("filename").asString()).isEqualTo("PO 4411.pdf");
        assertThat(attachment.get("content_type").asString()).isEqualTo("application/pdf");
        assertThat(attachment.get("size").asLong()).as("estimated from the encoded size").isBetween(2850L, 3150L);
        assertThat(e.toString()).doesNotContain(encoded.substring(0, 40));
    }

    @Test
    void malformedMessageIsSkippedWithAnErrorAndTheRestIsRead() throws Exception {
        append("INBOX", plain("ok1@example.com", "a@example.com", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200", "fine", "", "first"));
        append("INBOX", """
                Message-ID: <broken@example.com>
                From: b@example.com
                To: %s
                Date: Mon, 15 Jan 2024 08:30:00 +0200
                Subject: broken multipart
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-appears"

                This body claims to be multipart but has no parts at all.
                """.formatted(SHOP));
        append("INBOX", plain("ok2@example.com", "c@example.com", SHOP, "Mon, 15 Jan 2024 09:00:00 +0200", "fine too", "", "second"));

        List<Batch> batches = pull(reader(), null);

        assertThat(data(batches)).extracting(e -> e.get("email_id").asString()).containsExactly("ok1@example.com", "ok2@example.com");
        var rejected = batches.stream().flatMap(b -> b.rejected().stream()).toList();
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).where()).isEqualTo("INBOX uid 2");
        assertThat(rejected.get(0).reason()).contains("unreadable message");
        assertThat(batches.get(batches.size() - 1).progress().done()).isEqualTo(3);
    }

    @Test
    void mailWithoutMessageIdGetsAStableGeneratedId() throws Exception {
        String raw = """
                From: d@example.com
                To: %s
                Date: Mon, 15 Jan 2024 08:00:00 +0200
                Subject: no id

                body
                """.formatted(SHOP);
        append("INBOX", raw);

        String first = data(pull(reader(), null)).get(0).get("email_id").asString();
        String second = data(pull(reader(), null)).get(0).get("email_id").asString();

        assertThat(first).startsWith("generated-").endsWith("@customer-timeline").isEqualTo(second);
    }

    @Test
    void onlyMailAfterTheWatermarkIsRead() throws Exception {
        append("INBOX", plain("i1@example.com", "a@example.com", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200", "one", "", "1"));
        append("Sent", plain("o1@audico.co.za", SHOP, "a@example.com", "Mon, 15 Jan 2024 08:10:00 +0200", "Re: one", "", "2"));
        List<Batch> first = pull(reader(), null);
        String watermark = first.get(first.size() - 1).watermark();
        assertThat(pull(reader(), watermark)).isEmpty();

        append("INBOX", plain("i2@example.com", "a@example.com", SHOP, "Mon, 15 Jan 2024 09:00:00 +0200", "two", "", "3"));
        List<Batch> second = pull(reader(), watermark);

        assertThat(data(second)).extracting(e -> e.get("email_id").asString()).containsExactly("i2@example.com");
        assertThat(second.get(0).watermark()).contains("\"INBOX\"").contains("\"Sent\"");
    }

    @Test
    void folderRenumberedByTheServerIsReadAgain() throws Exception {
        append("INBOX", plain("i1@example.com", "a@example.com", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200", "one", "", "1"));

        List<Batch> batches = pull(reader(), "{\"INBOX\":{\"uidvalidity\":1,\"uid\":999}}");

        assertThat(data(batches)).hasSize(1);
    }

    @Test
    void batchesCarryTheWatermarkSoFarAndProgress() throws Exception {
        for (int i = 1; i <= 5; i++) {
            append("INBOX", plain("b" + i + "@example.com", "a@example.com", SHOP, "Mon, 15 Jan 2024 0" + i + ":00:00 +0200", "n" + i, "", "x"));
        }

        List<Batch> batches = pull(reader(Map.of("TIMELINE_IMAP_BATCH_SIZE", "2")), null);

        assertThat(batches).extracting(b -> b.events().size()).containsExactly(2, 2, 1);
        assertThat(batches).extracting(b -> b.progress().done()).containsExactly(2L, 4L, 5L);
        assertThat(data(pull(reader(), batches.get(0).watermark()))).extracting(e -> e.get("email_id").asString())
                .containsExactly("b3@example.com", "b4@example.com", "b5@example.com");
    }

    @Test
    void newslettersOwnMailAndIgnoredSendersAreLeftOut() throws Exception {
        append("INBOX", plain("n1@news.example.com", "news@brand.example.com", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200",
                "Our January deals", "List-Id: <deals.brand.example.com>\n", "Deals!"));
        append("INBOX", plain("n2@payfast.example", "noreply@payfast.example", SHOP, "Mon, 15 Jan 2024 08:01:00 +0200",
                "Payment received", "Auto-Submitted: auto-generated\n", "R100 paid"));
        append("INBOX", plain("n3@audico.co.za", SHOP, SHOP, "Mon, 15 Jan 2024 08:02:00 +0200", "note to self", "", "x"));
        append("INBOX", plain("n4@opencart.example", "orders@opencart.example", SHOP, "Mon, 15 Jan 2024 08:03:00 +0200",
                "Order #1", "", "New order"));
        append("INBOX", plain("c1@example.com", "real.customer@example.com", SHOP, "Mon, 15 Jan 2024 08:04:00 +0200",
                "Question", "", "Hi"));

        List<Batch> batches = pull(reader(Map.of("TIMELINE_IMAP_IGNORE", "@opencart.example")), null);

        assertThat(data(batches)).extracting(e -> e.get("email_id").asString()).containsExactly("c1@example.com");
        assertThat(batches.get(batches.size() - 1).progress().done()).isEqualTo(5);
        assertThat(data(pull(reader(Map.of("TIMELINE_IMAP_INCLUDE_AUTOMATED", "true")), null))).hasSize(4);
    }

    @Test
    void autoRepliesAreLeftOutButOutlookMailAskingForNoneIsNot() throws Exception {
        append("INBOX", plain("a1@example.com", "away@example.com", SHOP, "Mon, 15 Jan 2024 08:00:00 +0200",
                "Out of office", "Precedence: junk\n", "Back on Monday"));
        append("INBOX", plain("a2@example.com", "gmail.user@example.com", SHOP, "Mon, 15 Jan 2024 08:01:00 +0200",
                "Vacation", "X-Autoreply: yes\n", "Away"));
        append("INBOX", plain("a3@example.com", "cpanel.user@example.com", SHOP, "Mon, 15 Jan 2024 08:02:00 +0200",
                "Auto: thanks", "X-Autorespond: Thanks for your mail\n", "We got it"));
        append("INBOX", plain("o1@example.com", "outlook.user@example.com", SHOP, "Mon, 15 Jan 2024 08:03:00 +0200",
                "Quote please", "X-Auto-Response-Suppress: All\n", "Price for 2 Sonos Era 100?"));

        assertThat(data(pull(reader(), null))).extracting(e -> e.get("email_id").asString()).containsExactly("o1@example.com");
    }

    @Test
    void wrongPasswordIsReportedWithoutCredentials() {
        Map<String, String> env = Map.of("TIMELINE_IMAP_URL",
                "imap://" + SHOP + ":not-the-Pa55@127.0.0.1:" + mail.getImap().getPort());
        ImapReader reader = new ImapReader(ImapSettings.fromEnvironment(env::get).orElseThrow(), Clock.systemUTC(), id -> Optional.empty());

        assertThatThrownBy(() -> pull(reader, null))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-Pa55").doesNotContain(SHOP)
                        .contains("imap://****@127.0.0.1"));
        assertThat(reader.toString()).doesNotContain("not-the-Pa55");
    }
}
