package io.customertimeline.connectors;

import io.customertimeline.ingest.EventType;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One touchpoint as the ingest path takes it: a type and the seed's {@code data} object.
 *
 * @param key the source's natural key (order id, Message-ID, session id, call id, post id or URL),
 *            used in reports; the ingest path derives its own from {@code data}
 */
public record CanonicalEvent(EventType type, String key, ObjectNode data) {

    public CanonicalEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
