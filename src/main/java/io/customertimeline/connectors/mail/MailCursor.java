package io.customertimeline.connectors.mail;

import io.customertimeline.connectors.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last UID read in each folder, with the folder's UIDVALIDITY: when the server renumbers a
 * folder (a new UIDVALIDITY) its UIDs mean nothing any more and the folder is read again from the
 * start (events are idempotent by Message-ID). Written as
 * {@code {"INBOX":{"uidvalidity":1700000000,"uid":812}}}.
 */
final class MailCursor {

    record Position(long uidValidity, long uid) {
    }

    private final Map<String, Position> folders = new LinkedHashMap<>();

    static MailCursor parse(String watermark) {
        MailCursor cursor = new MailCursor();
        if (watermark == null || watermark.isBlank()) {
            return cursor;
        }
        JsonNode root;
        try {
            root = CanonicalJson.MAPPER.readTree(watermark);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an IMAP watermark: " + watermark);
        }
        for (var entry : root.properties()) {
            cursor.folders.put(entry.getKey(), new Position(entry.getValue().path("uidvalidity").asLong(),
                    entry.getValue().path("uid").asLong()));
        }
        return cursor;
    }

    /** The last UID read in {@code folder}, or 0 when never read or renumbered since. */
    long lastUid(String folder, long uidValidity) {
        Position p = folders.get(folder);
        return p != null && p.uidValidity() == uidValidity ? p.uid() : 0;
    }

    void advance(String folder, long uidValidity, long uid) {
        folders.put(folder, new Position(uidValidity, uid));
    }

    @Override
    public String toString() {
        ObjectNode root = CanonicalJson.object();
        folders.forEach((name, p) -> {
            ObjectNode f = root.putObject(name);
            f.put("uidvalidity", p.uidValidity());
            f.put("uid", p.uid());
        });
        return CanonicalJson.MAPPER.writeValueAsString(root);
    }
}
