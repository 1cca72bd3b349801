package io.customertimeline.connectors;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How connectors write the seed's {@code data} objects: decimals stay exact, times are ISO-8601 with an offset. */
public final class CanonicalJson {

    /** Reads JSON with every non-integer number as {@link BigDecimal}, never a binary float. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalJson() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code 2024-01-15T10:30:00+02:00}; seconds always present, fractions only when non-zero. */
    public static String time(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static String utc(java.time.Instant t) {
        return time(t.atOffset(ZoneOffset.UTC));
    }

    /** Puts {@code value} unless it is null or blank. */
    public static void putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }

    public static void putDecimal(ObjectNode node, String field, BigDecimal value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
