package io.customertimeline.connectors.mail;

import io.customertimeline.ingest.Fields;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of a message and the files it carries. Multipart mail gives its plain-text
 * alternative (or its HTML one, reduced to text); text in any charset is decoded, a charset that is
 * missing, unknown or wrong falls back to UTF-8 when the bytes are valid UTF-8 and to windows-1252
 * otherwise (as mail clients do). Attachments are listed, never stored.
 */
final class MailContent {

    private static final String TRUNCATED = "\n[… truncated]";
    /** The longest body ingest takes ({@link Fields#MAX_PROSE}), the truncation note included. */
    static final int MAX_BODY_CHARS = Fields.MAX_PROSE;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");
    /** The transfer encodings {@link MimeUtility#decode} knows. */
    private static final Set<String> KNOWN_ENCODINGS = Set.of("7bit", "8bit", "binary", "base64", "quoted-printable",
            "uuencode", "x-uuencode", "x-uue");

    record Attachment(String filename, String contentType, long size) {
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Attachment> attachments = new ArrayList<>();

    private MailContent() {
    }

    static MailContent of(Message message) throws MessagingException, IOException {
        MailContent content = new MailContent();
        content.text.append(content.readable(message));
        return content;
    }

    String body() {
        String s = text.toString().replace("\r\n", "\n").replaceAll("[ \\t\\x0B\\f]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
        return s.length() > MAX_BODY_CHARS ? s.substring(0, MAX_BODY_CHARS - TRUNCATED.length()) + TRUNCATED : s;
    }

    List<Attachment> attachments() {
        return attachments;
    }

    private String readable(Part part) throws MessagingException, IOException {
        if (isAttachment(part)) {
            attachments.add(new Attachment(filename(part), baseType(part), decodedSize(part)));
            return "";
        }
        if (part.isMimeType("text/plain")) {
            return decode(part);
        }
        if (part.isMimeType("text/html")) {
            return htmlToText(decode(part));
        }
        if (part.isMimeType("multipart/alternative")) {
            Multipart mp = (Multipart) part.getContent();
            String html = null;
            String plain = null;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                if (child.isMimeType("text/plain") && plain == null) {
                    plain = decode(child);
                } else if (child.isMimeType("text/html") && html == null) {
                    html = htmlToText(decode(child));
                } else if (child.isMimeType("multipart/*") && plain == null) {
                    plain = readable(child);
                }
            }
            return plain != null && !plain.isBlank() ? plain : html == null ? "" : html;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                String child = readable(mp.getBodyPart(i));
                if (!child.isBlank()) {
                    out.append(out.isEmpty() ? "" : "\n\n").append(child);
                }
            }
            return out.toString();
        }
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof Message nested) {
            return "---------- Forwarded message ----------\nSubject: " + String.valueOf(nested.getSubject()) + "\n\n" + readable(nested);
        }
        if (part.isMimeType("text/*")) {
            return decode(part);
        }
        attachments.add(new Attachment(filename(part), baseType(part), decodedSize(part)));
        return "";
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        if (part.isMimeType("multipart/*") || part.isMimeType("message/rfc822")) {
            return false;
        }
        String disposition = part.getDisposition();
        return Part.ATTACHMENT.equalsIgnoreCase(disposition)
                || (filename(part) != null && !part.isMimeType("text/plain") && !part.isMimeType("text/html"));
    }

    private static String filename(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    /**
     * The size of the decoded file, from the size the server reports (no download): base64 takes
     * four characters for three bytes, plus line breaks.
     */
    private static long decodedSize(Part part) throws MessagingException {
        int size = part.getSize();
        if (size < 0) {
            return -1;
        }
        String encoding = part instanceof jakarta.mail.internet.MimePart mp ? mp.getEncoding() : null;
        if (encoding != null && encoding.equalsIgnoreCase("base64")) {
            long lines = (size + 77) / 78;
            return Math.max(0, (size - 2 * lines) * 3 / 4);
        }
        return size;
    }

    /**
     * The subject as a person reads it. Jakarta Mail decodes only encoded words that stand apart
     * (its lenient mode is a System property read once, whenever its class happens to load), so a
     * word glued to text, as in {@code Order=?UTF-8?Q?_n=C3=A9e?=}, is decoded here.
     */
    static String subject(Message message) throws MessagingException {
        String subject = message.getSubject();
        if (subject == null || !subject.contains("=?")) {
            return subject;
        }
        return ENCODED_WORD.matcher(subject).replaceAll(w -> {
            try {
                return Matcher.quoteReplacement(MimeUtility.decodeWord(w.group()));
            } catch (ParseException | UnsupportedEncodingException | RuntimeException e) {
                return Matcher.quoteReplacement(w.group());
            }
        });
    }

    /** The part's text in its declared charset, or the best guess when that is missing, unknown or wrong. */
    static String decode(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = content(part)) {
            bytes = in.readAllBytes();
        }
        String declared = null;
        try {
            declared = new ContentType(part.getContentType()).getParameter("charset");
        } catch (ParseException e) {
            declared = null;
        }
        return decode(bytes, declared);
    }

    /**
     * The part's decoded content; under a transfer encoding Jakarta Mail does not know ("8-bit",
     * "utf8") its bytes as they came, as mail clients show them: it refuses such a part (its
     * lenient mode is a System property), and the mail would be lost.
     */
    private static InputStream content(Part part) throws MessagingException, IOException {
        boolean unknown = part instanceof MimePart mp && mp.getEncoding() != null
                && !KNOWN_ENCODINGS.contains(mp.getEncoding().strip().toLowerCase(Locale.ROOT));
        if (unknown && part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (unknown && part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        return part.getInputStream();
    }

    static String decode(byte[] bytes, String declared) {
        Charset charset = charset(declared);
        boolean latinOrNone = charset == null || charset.equals(StandardCharsets.US_ASCII) || charset.equals(StandardCharsets.ISO_8859_1);
        if (!latinOrNone) {
            return new String(bytes, charset);
        }
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Mail labelled ISO-8859-1 or US-ASCII, or not labelled, is in practice windows-1252, its superset.
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static Charset charset(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(declared.strip()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "table", "ul", "ol", "pre", "hr", "section", "article", "header", "footer");

    /** HTML as a person reads it: paragraphs and line breaks kept, scripts and styles dropped, entities decoded. */
    static String htmlToText(String html) {
        var doc = Jsoup.parse(html);
        doc.select("script, style, head, title").remove();
        StringBuilder out = new StringBuilder();
        doc.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.text();
                    if (!s.isBlank() || (!out.isEmpty() && out.charAt(out.length() - 1) != '\n' && out.charAt(out.length() - 1) != ' ')) {
                        out.append(out.isEmpty() || out.charAt(out.length() - 1) == '\n' ? s.stripLeading() : s);
                    }
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("br")) {
                        out.append('\n');
                    } else if (BLOCKS.contains(tag)) {
                        newline(out);
                        if (tag.equals("li")) {
                            out.append("- ");
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName()) && !e.normalName().equals("br")) {
                    newline(out);
                    if (e.normalName().equals("p") || e.normalName().startsWith("h")) {
                        out.append('\n');
                    }
                }
            }
        });
        return out.toString().replace('\u00a0', ' ');
    }

    private static void newline(StringBuilder out) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
