package io.customertimeline.connectors.mail;

import io.customertimeline.connectors.Batch;
import io.customertimeline.connectors.CanonicalEvent;
import io.customertimeline.connectors.CanonicalJson;
import io.customertimeline.ingest.EventType;
import io.customertimeline.connectors.Progress;
import io.customertimeline.connectors.PullSource;
import io.customertimeline.connectors.RowError;
import io.customertimeline.connectors.SourceException;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads new mail from the inbox (inbound, for the sender) and the sent folder (outbound, for the
 * recipient) as {@link EventType#EMAIL} events, by UID after the watermark. Both folders are
 * merged by date so that a reply is threaded after the mail it answers; within a folder mail is
 * read in UID order, so the watermark never skips a message. The mailbox is opened read-only:
 * reading does not mark mail as seen.
 */
public final class ImapReader implements PullSource {

    private static final Logger log = LoggerFactory.getLogger(ImapReader.class);
    private static final String[] THREAD_HEADERS = {"Message-ID", "In-Reply-To", "References", "Auto-Submitted",
            "Precedence", "List-Id", "X-Autoreply", "X-Autorespond", "Content-Type"};

    private final ImapSettings settings;
    private final Clock clock;
    private final Function<String, Optional<String>> storedThreads;

    /** {@code storedThreads}: the thread of an email stored before, by its Message-ID ({@link #storedThreads(JdbcClient)}). */
    public ImapReader(ImapSettings settings, Clock clock, Function<String, Optional<String>> storedThreads) {
        this.settings = settings;
        this.clock = clock;
        this.storedThreads = storedThreads;
    }

    /**
     * The thread of a stored email, so that a reply read in a later pull than its parent joins the
     * parent's thread; one lookup by the unique {@code email_id}, only for a parent not in the pull.
     */
    public static Function<String, Optional<String>> storedThreads(JdbcClient jdbc) {
        return messageId -> jdbc.sql("""
                SELECT thread_id FROM email_logs WHERE email_id = :id
                """).param("id", messageId).query(String.class).optional();
    }

    @Override
    public String name() {
        return "imap";
    }

    @Override
    public void pull(String watermark, Consumer<Batch> sink) {
        MailCursor cursor = MailCursor.parse(watermark);
        Store store = null;
        List<FolderStream> streams = new ArrayList<>();
        Session session = Session.getInstance(sessionProperties());
        try {
            store = session.getStore(settings.protocol());
            store.connect(settings.host(), settings.port(), settings.user(), settings.password());
            streams.add(FolderStream.open(folder(store, settings.inbox(), true), "inbound", cursor));
            if (settings.readSent()) {
                Folder sent = sentFolder(store);
                if (sent != null) {
                    streams.add(FolderStream.open(sent, "outbound", cursor));
                }
            }
            long total = streams.stream().mapToLong(s -> s.pending.length).sum();
            read(session, streams, cursor, total, sink);
        } catch (MessagingException e) {
            throw SourceException.of("IMAP " + settings.displayUrl(), e, settings.password(), settings.user());
        } finally {
            for (FolderStream s : streams) {
                s.close();
            }
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException e) {
                    log.debug("closing the IMAP connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private void read(Session session, List<FolderStream> streams, MailCursor cursor, long total, Consumer<Batch> sink)
            throws MessagingException {
        MailThreads threads = new MailThreads(storedThreads);
        List<CanonicalEvent> events = new ArrayList<>();
        List<RowError> rejected = new ArrayList<>();
        long done = 0;
        int inBatch = 0;
        while (true) {
            FolderStream next = null;
            for (FolderStream s : streams) {
                if (s.hasNext() && (next == null || s.peekDate() < next.peekDate())) {
                    next = s;
                }
            }
            if (next == null) {
                break;
            }
            long uid = next.peekUid();
            try {
                addIfWanted(events, event(next.next(), next, uid, threads));
            } catch (MessagingException | IOException | RuntimeException e) {
                // The server may choke on a message it cannot parse (and even drop the connection):
                // read its raw source and parse it here; only if that fails too is it skipped.
                try {
                    addIfWanted(events, event(next.rawCopy(uid, session), next, uid, threads));
                } catch (FolderClosedException | StoreClosedException | DataAccessException lost) {
                    // the mailbox or the stored threads, not this message: stop here, the watermark stays before it
                    throw lost;
                } catch (MessagingException | IOException | RuntimeException again) {
                    rejected.add(new RowError(next.folder.getFullName() + " uid " + uid, "unreadable message: " + again));
                    log.warn("Skipped unreadable message {} uid {}: {}", next.folder.getFullName(), uid, again.toString());
                }
            }
            cursor.advance(next.folder.getFullName(), next.uidValidity, uid);
            done++;
            inBatch++;
            if (inBatch >= settings.batchSize()) {
                sink.accept(new Batch(events, rejected, cursor.toString(), new Progress(done, total)));
                events.clear();
                rejected.clear();
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            sink.accept(new Batch(events, rejected, cursor.toString(), new Progress(done, total)));
        }
    }

    /** Leaves out automated mail (unless wanted) and mail to or from the mailbox itself or ignored addresses. */
    private void addIfWanted(List<CanonicalEvent> events, CanonicalEvent e) {
        var d = e.data();
        boolean automated = d.path("metadata").path("automated").asBoolean(false);
        String customer = d.path("direction").asString("").equals("outbound") ? d.path("to_email").asString(null)
                : d.path("from_email").asString(null);
        if ((automated && !settings.includeAutomated()) || settings.ignores(customer)) {
            log.debug("Leaving out {} ({})", e.key(), automated ? "automated" : "ignored address");
            return;
        }
        events.add(e);
    }

    private CanonicalEvent event(Message message, FolderStream stream, long uid, MailThreads threads)
            throws MessagingException, IOException {
        boolean outbound = stream.direction.equals("outbound");
        InternetAddress from = first(message.getFrom());
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        Address[] cc = message.getRecipients(Message.RecipientType.CC);
        InternetAddress firstTo = first(to);
        String subject = MailContent.subject(message);
        Date sent = message.getSentDate() != null ? message.getSentDate() : message.getReceivedDate();
        String messageId = MailThreads.ids(header(message, "Message-ID")).stream().findFirst()
                .orElseGet(() -> syntheticId(from, firstTo, sent, subject));
        List<String> references = MailThreads.ids(header(message, "References"));
        List<String> inReplyTo = MailThreads.ids(header(message, "In-Reply-To"));
        InternetAddress customer = outbound ? firstTo : from;
        if (customer == null || customer.getAddress() == null) {
            throw new MessagingException(outbound ? "sent mail has no recipient" : "mail has no sender");
        }
        MailContent content = MailContent.of(message);

        ObjectNode data = CanonicalJson.object();
        data.put("email_id", messageId);
        CanonicalJson.putText(data, "from_email", address(from));
        CanonicalJson.putText(data, "from_name", from == null ? null : from.getPersonal());
        CanonicalJson.putText(data, "to_email", address(firstTo));
        CanonicalJson.putText(data, "to_name", firstTo == null ? null : firstTo.getPersonal());
        data.put("subject", subject == null ? "" : subject.strip());
        data.put("body", content.body());
        data.put("status", outbound ? "sent" : stream.seen(uid) ? "read" : "unread");
        data.put("created_at", CanonicalJson.utc((sent != null ? sent : Date.from(clock.instant())).toInstant()));
        data.put("direction", stream.direction);
        data.put("thread_id", threads.threadOf(messageId, references, inReplyTo, subject, address(customer)));
        if (!inReplyTo.isEmpty()) {
            data.put("in_reply_to", inReplyTo.get(0));
        }
        ArrayNode refs = data.putArray("references");
        references.forEach(refs::add);
        ArrayNode files = data.putArray("attachments");
        for (MailContent.Attachment a : content.attachments()) {
            ObjectNode f = files.addObject();
            if (a.filename() != null) {
                f.put("filename", a.filename());
            }
            f.put("content_type", a.contentType());
            f.put("size", a.size());
        }
        ObjectNode meta = data.putObject("metadata");
        meta.put("source", "imap");
        meta.put("folder", stream.folder.getFullName());
        meta.put("uid", uid);
        meta.put("uidvalidity", stream.uidValidity);
        addresses(meta.putArray("to"), to);
        addresses(meta.putArray("cc"), cc);
        meta.put("subject_key", MailThreads.subjectKey(subject));
        meta.put("automated", automated(message));
        return new CanonicalEvent(EventType.EMAIL, messageId, data);
    }

    /**
     * Mail a machine sent: auto-replies (RFC 3834's Auto-Submitted other than "no", and the
     * X-Autoreply and X-Autorespond of Gmail's and cPanel's responders), mailing lists, bulk and
     * junk. Not X-Auto-Response-Suppress: Outlook puts it on ordinary mail, asking others not to
     * auto-reply to it.
     */
    private static boolean automated(Message m) throws MessagingException {
        String submitted = header(m, "Auto-Submitted");
        String precedence = header(m, "Precedence");
        return submitted != null && !submitted.strip().equalsIgnoreCase("no")
                || header(m, "List-Id") != null || header(m, "X-Autoreply") != null || header(m, "X-Autorespond") != null
                || precedence != null && Set.of("bulk", "list", "junk").contains(precedence.strip().toLowerCase(Locale.ROOT));
    }

    private Properties sessionProperties() {
        Properties p = new Properties();
        String proto = settings.protocol();
        p.setProperty("mail." + proto + ".connectiontimeout", "15000");
        p.setProperty("mail." + proto + ".timeout", "60000");
        p.setProperty("mail." + proto + ".partialfetch", "false");
        p.setProperty("mail." + proto + ".peek", "true");
        if (settings.tls()) {
            p.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        }
        // Lenient decoding of encoded words and unknown transfer encodings are System properties,
        // read once when Jakarta Mail loads: MailContent does both itself.
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodefilename", "true");
        return p;
    }

    private static Folder folder(Store store, String name, boolean required) throws MessagingException {
        Folder f = store.getFolder(name);
        if (!f.exists()) {
            if (required) {
                throw new MessagingException("folder " + name + " does not exist (set TIMELINE_IMAP_INBOX)");
            }
            return null;
        }
        return f;
    }

    /** The configured sent folder, else the one marked {@code \Sent}, else {@code [Gmail]/Sent Mail} or {@code Sent}. */
    private Folder sentFolder(Store store) throws MessagingException {
        if (settings.sent().isPresent()) {
            Folder f = folder(store, settings.sent().get(), false);
            if (f == null) {
                throw new MessagingException("sent folder " + settings.sent().get() + " does not exist (set TIMELINE_IMAP_SENT, or none)");
            }
            return f;
        }
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (f instanceof IMAPFolder imap && Arrays.asList(imap.getAttributes()).contains("\\Sent")) {
                return f;
            }
        }
        for (String name : List.of("[Gmail]/Sent Mail", "[Google Mail]/Sent Mail", "Sent", "Sent Items", "Sent Messages", "INBOX.Sent")) {
            Folder f = folder(store, name, false);
            if (f != null) {
                return f;
            }
        }
        log.info("No sent-mail folder found in {}; reading the inbox only (set TIMELINE_IMAP_SENT)", settings.displayUrl());
        return null;
    }

    private static String header(Message m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static InternetAddress first(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        for (Address a : addresses) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
                return ia;
            }
        }
        return null;
    }

    private static String address(InternetAddress a) {
        return a == null || a.getAddress() == null ? null : a.getAddress().strip().toLowerCase(Locale.ROOT);
    }

    private static void addresses(ArrayNode into, Address[] addresses) {
        if (addresses != null) {
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                    into.add(ia.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    /** A stable id for mail without a Message-ID, from what identifies it. */
    private static String syntheticId(InternetAddress from, InternetAddress to, Date date, String subject) {
        String basis = address(from) + "|" + address(to) + "|" + (date == null ? "" : date.getTime()) + "|" + subject;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return "generated-" + HexFormat.of().formatHex(hash, 0, 16) + "@customer-timeline";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ImapReader[" + settings + "]";
    }

    /**
     * One folder's new mail in UID order, its envelopes fetched a chunk at a time. Kept by UID so
     * that the folder can be reopened after the server dropped the connection.
     */
    private static final class FolderStream {
        final Folder folder;
        final UIDFolder uids;
        final String direction;
        final long uidValidity;
        final long[] pending;
        final java.util.Map<Long, Message> fetched = new java.util.HashMap<>();
        int next;

        private FolderStream(Folder folder, String direction, long uidValidity, long[] pending) {
            this.folder = folder;
            this.uids = (UIDFolder) folder;
            this.direction = direction;
            this.uidValidity = uidValidity;
            this.pending = pending;
        }

        static FolderStream open(Folder folder, String direction, MailCursor cursor) throws MessagingException {
            folder.open(Folder.READ_ONLY);
            UIDFolder uids = (UIDFolder) folder;
            long validity = uids.getUIDValidity();
            long last = cursor.lastUid(folder.getFullName(), validity);
            // "last+1:*" always includes the newest message, even when its UID is not above last.
            Message[] candidates = uids.getMessagesByUID(last + 1, UIDFolder.MAXUID);
            FetchProfile uidOnly = new FetchProfile();
            uidOnly.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(candidates, uidOnly);
            long[] fresh = Arrays.stream(candidates).filter(m -> m != null).mapToLong(m -> uid(uids, m))
                    .filter(u -> u > last).sorted().toArray();
            return new FolderStream(folder, direction, validity, fresh);
        }

        private static long uid(UIDFolder uids, Message m) {
            try {
                return uids.getUID(m);
            } catch (MessagingException e) {
                return -1;
            }
        }

        boolean hasNext() {
            return next < pending.length;
        }

        long peekUid() {
            return pending[next];
        }

        long peekDate() throws MessagingException {
            Message m = current();
            Date d = m.getReceivedDate() != null ? m.getReceivedDate() : m.getSentDate();
            return d == null ? Long.MAX_VALUE : d.getTime();
        }

        /** The next message (and moves past it, whatever happens to it). */
        Message next() throws MessagingException {
            try {
                return current();
            } finally {
                next++;
            }
        }

        boolean seen(long uid) throws MessagingException {
            Message m = fetched.get(uid);
            return m != null && m.isSet(Flags.Flag.SEEN);
        }

        /** The message parsed here from its raw source, reopening the folder when the server dropped it. */
        Message rawCopy(long uid, Session session) throws MessagingException, IOException {
            if (!folder.isOpen()) {
                try {
                    folder.open(Folder.READ_ONLY);
                } catch (MessagingException e) {
                    throw new FolderClosedException(folder, "could not reopen " + folder.getFullName() + ": " + e.getMessage());
                }
                fetched.clear();
            }
            Message live = uids.getMessageByUID(uid);
            if (live == null) {
                throw new MessagingException("message is gone from the server");
            }
            var bytes = new java.io.ByteArrayOutputStream();
            live.writeTo(bytes);
            return new jakarta.mail.internet.MimeMessage(session, new java.io.ByteArrayInputStream(bytes.toByteArray()));
        }

        private Message current() throws MessagingException {
            long uid = pending[next];
            Message m = fetched.get(uid);
            if (m != null) {
                return m;
            }
            if (!folder.isOpen()) {
                folder.open(Folder.READ_ONLY);
                fetched.clear();
            }
            long[] chunk = Arrays.copyOfRange(pending, next, Math.min(pending.length, next + 100));
            Message[] messages = uids.getMessagesByUID(chunk);
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(UIDFolder.FetchProfileItem.UID);
            for (String h : THREAD_HEADERS) {
                profile.add(h);
            }
            Message[] present = Arrays.stream(messages).filter(x -> x != null).toArray(Message[]::new);
            folder.fetch(present, profile);
            for (int i = 0; i < chunk.length; i++) {
                if (messages[i] != null) {
                    fetched.put(chunk[i], messages[i]);
                }
            }
            m = fetched.get(uid);
            if (m == null) {
                throw new MessagingException("message uid " + uid + " is gone from the server");
            }
            return m;
        }

        void close() {
            try {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            } catch (MessagingException e) {
                log.debug("closing {} failed: {}", folder.getFullName(), e.getMessage());
            }
        }
    }
}
