package io.customertimeline.connectors.mail;

import io.customertimeline.connectors.SourceUrl;
import java.util.Optional;
import java.util.function.Function;

/**
 * The mailbox to read.
 *
 * <p>{@code TIMELINE_IMAP_URL} is {@code imaps://user:password@host:993} (or {@code imap://} for a
 * server without TLS, e.g. a local test server); a user that is an address may be written raw or
 * as {@code me%40shop.co.za}. {@code TIMELINE_IMAP_INBOX} defaults to {@code INBOX};
 * {@code TIMELINE_IMAP_SENT} names the sent-mail folder, found by its {@code \Sent} attribute or as
 * {@code [Gmail]/Sent Mail} / {@code Sent} when unset, and {@code none} turns it off.
 *
 * @param sent the sent folder's name; empty: find it
 */
public record ImapSettings(boolean tls, String host, int port, String user, String password, String inbox,
                           Optional<String> sent, boolean readSent, int batchSize) {

    public static Optional<ImapSettings> fromEnvironment(Function<String, String> env) {
        String url = env.apply("TIMELINE_IMAP_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        SourceUrl u = SourceUrl.parse(url);
        boolean tls = switch (u.scheme()) {
            case "imaps" -> true;
            case "imap" -> false;
            default -> throw new IllegalArgumentException("TIMELINE_IMAP_URL must start with imaps:// or imap://");
        };
        if (u.user() == null || u.password() == null) {
            throw new IllegalArgumentException("TIMELINE_IMAP_URL must carry user:password@ (for Gmail an app password)");
        }
        String inbox = orDefault(env.apply("TIMELINE_IMAP_INBOX"), "INBOX");
        String sent = env.apply("TIMELINE_IMAP_SENT");
        boolean readSent = sent == null || !sent.strip().equalsIgnoreCase("none");
        Optional<String> sentName = Optional.ofNullable(sent).map(String::strip).filter(s -> !s.isEmpty() && readSent);
        int batch = Integer.parseInt(orDefault(env.apply("TIMELINE_IMAP_BATCH_SIZE"), "100"));
        return Optional.of(new ImapSettings(tls, u.host(), u.portOr(tls ? 993 : 143), u.user(), u.password(),
                inbox, sentName, readSent, batch));
    }

    String protocol() {
        return tls ? "imaps" : "imap";
    }

    /** {@code imaps://****@imap.gmail.com:993}. */
    public String displayUrl() {
        return protocol() + "://****@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "ImapSettings[url=" + displayUrl() + ", inbox=" + inbox + ", sent="
                + (readSent ? sent.orElse("(auto)") : "none") + ", batchSize=" + batchSize + "]";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
