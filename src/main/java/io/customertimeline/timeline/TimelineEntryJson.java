package io.customertimeline.timeline;

import io.customertimeline.system.WireFormats;
import java.math.BigDecimal;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * A timeline entry written field by field, as the bean serializer writes it (snake_case names in
 * declaration order, nulls included). The bean serializer reaches each of the fourteen properties
 * through a method handle and a property writer, and a page holds 50 entries: that machinery was
 * the largest part of a timeline read's serialization in the twenty-first round's recording
 * (BENCHMARKS.md). {@code TimelineEntryJsonProperties} compares the text with the bean
 * serializer's over random entries.
 */
@JacksonComponent
class TimelineEntryJson extends ValueSerializer<TimelineEntry> {

    private static final WireFormats.Timestamps TIMESTAMPS = new WireFormats.Timestamps();
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString DIRECTION = new SerializedString("direction");
    private static final SerializableString OCCURRED_AT = new SerializedString("occurred_at");
    private static final SerializableString TITLE = new SerializedString("title");
    private static final SerializableString SUMMARY = new SerializedString("summary");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString SENTIMENT = new SerializedString("sentiment");
    private static final SerializableString SENTIMENT_SCORE = new SerializedString("sentiment_score");
    private static final SerializableString SENTIMENT_GIVEN = new SerializedString("sentiment_given");
    private static final SerializableString AMOUNT = new SerializedString("amount");
    private static final SerializableString CURRENCY = new SerializedString("currency");
    private static final SerializableString REFERENCE_TABLE = new SerializedString("reference_table");
    private static final SerializableString REFERENCE_ID = new SerializedString("reference_id");

    @Override
    public void serialize(TimelineEntry e, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeStartObject(e);
        field(gen, ID, e.id());
        field(gen, SOURCE, e.source());
        field(gen, DIRECTION, e.direction());
        gen.writeName(OCCURRED_AT);
        if (e.occurredAt() == null) {
            gen.writeNull();
        } else {
            TIMESTAMPS.serialize(e.occurredAt(), gen, ctxt);
        }
        field(gen, TITLE, e.title());
        field(gen, SUMMARY, e.summary());
        field(gen, STATUS, e.status());
        field(gen, SENTIMENT, e.sentiment());
        field(gen, SENTIMENT_SCORE, e.sentimentScore());
        gen.writeName(SENTIMENT_GIVEN);
        gen.writeBoolean(e.sentimentGiven());
        field(gen, AMOUNT, e.amount());
        field(gen, CURRENCY, e.currency());
        field(gen, REFERENCE_TABLE, e.referenceTable());
        field(gen, REFERENCE_ID, e.referenceId());
        gen.writeEndObject();
    }

    /** A number as a JSON number, anything else (text, an id) as its text, null as null. */
    private static void field(JsonGenerator gen, SerializableString name, Object value) {
        gen.writeName(name);
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof BigDecimal number) {
            gen.writeNumber(number);
        } else {
            gen.writeString(value.toString());
        }
    }
}
