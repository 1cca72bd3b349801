package io.customertimeline.connectors.mail;

import io.customertimeline.connectors.SettingsFromEnvironment;
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
 * <p>Mail that is not a customer conversation is left out: automated mail (newsletters and
 * notifications: {@code List-Id}, {@code Auto-Submitted}, {@code Precedence: bulk}) unless
 * {@code TIMELINE_IMAP_INCLUDE_AUTOMATED=true}, mail between the mailbox and itself, and mail
 * from or to the addresses and {@code @domains} in {@code TIMELINE_IMAP_IGNORE} (comma-separated).
 *
 * @param sent the sent folder's name; empty: find it
 */
public record ImapSettings(boolean tls, String host, int port, String user, String password, String inbox,
                           Optional<String> sent, boolean readSent, int batchSize, boolean includeAutomated,
                           java.util.List<String> ignore) {

    public ImapSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("TIMELINE_IMAP_BATCH_SIZE must be at least 1, not " + batchSize);
        }
    }

    public static Optional<ImapSettings> fromEnvironment(Function<String, String> env) {
        var settings = new SettingsFromEnvironment(env);
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
        String inbox = settings.text("TIMELINE_IMAP_INBOX", "INBOX");
        String sent = env.apply("TIMELINE_IMAP_SENT");
        boolean readSent = sent == null || !sent.strip().equalsIgnoreCase("none");
        Optional<String> sentName = Optional.ofNullable(sent).map(String::strip).filter(s -> !s.isEmpty() && readSent);
        int batch = settings.wholeNumber("TIMELINE_IMAP_BATCH_SIZE", 100);
        boolean automated = Boolean.parseBoolean(settings.text("TIMELINE_IMAP_INCLUDE_AUTOMATED", "false"));
        java.util.List<String> ignore = java.util.Arrays.stream(settings.text("TIMELINE_IMAP_IGNORE", "").split(","))
                .map(s -> s.strip().toLowerCase(java.util.Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        return Optional.of(new ImapSettings(tls, u.host(), u.portOr(tls ? 993 : 143), u.user(), u.password(),
                inbox, sentName, readSent, batch, automated, ignore));
    }

    /** Whether mail from or to {@code address} is left out: the mailbox itself, or an ignored address or domain. */
    boolean ignores(String address) {
        if (address == null) {
            return false;
        }
        String a = address.toLowerCase(java.util.Locale.ROOT);
        if (a.equalsIgnoreCase(user)) {
            return true;
        }
        return ignore.stream().anyMatch(i -> i.startsWith("@") ? a.endsWith(i) : a.equals(i));
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
}
