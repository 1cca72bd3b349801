package io.customertimeline.connectors.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which conversation a message belongs to. A reply joins the thread of the message it names: the
 * root of {@code References}, else {@code In-Reply-To}; that message's thread as seen in this
 * pull or stored before, else its id (a reply naming only its parent, itself a reply, would
 * otherwise start a thread of its own). A message naming none has its own Message-ID as its
 * thread. A reply whose client dropped those headers ("Re: ..." with neither) joins the thread of
 * the latest message with the same normalised subject and the same customer seen in this pull.
 */
final class MailThreads {

    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:\\[[^\\]]{1,40}\\]\\s*)*(?:(?:re|fw|fwd|aw|wg|sv|vs|antw|tr|rif|odp)(?:\\[\\d+\\]|\\(\\d+\\))?\\s*[:：]\\s*(?:\\[[^\\]]{1,40}\\]\\s*)*)+",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, String> bySubject = bounded();
    private final Map<String, String> byMessageId = bounded();
    private final Function<String, Optional<String>> stored;

    /** {@code stored}: the thread of a mail stored before, by its Message-ID. */
    MailThreads(Function<String, Optional<String>> stored) {
        this.stored = stored;
    }

    private static Map<String, String> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > 50_000;
            }
        };
    }

    /** Message-IDs in a header value, without angle brackets; a bare id when there are none. */
    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return ids;
        }
        Matcher m = ID.matcher(header);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty() && !header.strip().contains(" ")) {
            ids.add(header.strip());
        }
        return ids;
    }

    /** The subject without reply/forward prefixes and list tags, lower-cased, whitespace collapsed. */
    static String subjectKey(String subject) {
        if (subject == null) {
            return "";
        }
        return PREFIX.matcher(subject).replaceFirst("").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    static boolean isReplyOrForward(String subject) {
        return subject != null && PREFIX.matcher(subject).lookingAt() && !subjectKey(subject).equals(subject.strip().toLowerCase(Locale.ROOT));
    }

    String threadOf(String messageId, List<String> references, List<String> inReplyTo, String subject, String customer) {
        String key = subjectKey(subject) + "|" + (customer == null ? "" : customer);
        String thread;
        String parent = !references.isEmpty() ? references.get(0) : !inReplyTo.isEmpty() ? inReplyTo.get(0) : null;
        if (parent != null) {
            String known = byMessageId.get(parent);
            thread = known != null ? known : stored.apply(parent).orElse(parent);
        } else if (isReplyOrForward(subject) && bySubject.containsKey(key)) {
            thread = bySubject.get(key);
        } else {
            thread = messageId;
        }
        if (!subjectKey(subject).isEmpty()) {
            bySubject.put(key, thread);
        }
        byMessageId.put(messageId, thread);
        return thread;
    }
}
