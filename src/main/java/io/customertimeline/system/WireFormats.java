package io.customertimeline.system;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * The two values every answer is full of, written as Jackson writes them but without its
 * general machinery: a timeline page of 50 entries holds over a hundred ids and timestamps, and
 * Jackson's own serializers for them (a {@link DateTimeFormatter} per timestamp) took a sixth of
 * the service's CPU on a timeline read (BENCHMARKS.md, twentieth round). The text is the same to
 * the character: {@code WireFormatsProperties} compares both over random values.
 */
@JacksonComponent
public final class WireFormats {

    private WireFormats() {
    }

    /** A UUID as its canonical 36 characters, lower case. */
    public static final class Uuids extends ValueSerializer<UUID> {

        @Override
        public void serialize(UUID value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(value.toString());
        }
    }

    /**
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}'s text, which is what Jackson writes: seconds
     * always, the fraction without trailing zeros, {@code Z} for UTC. Years outside 0-9999 and other
     * offsets than UTC (PostgreSQL hands timestamps over in UTC) go through the formatter itself.
     */
    public static final class Timestamps extends ValueSerializer<OffsetDateTime> {

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializationContext ctxt) {
            int year = value.getYear();
            if (value.getOffset().getTotalSeconds() != 0 || year < 0 || year > 9999) {
                gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
                return;
            }
            char[] text = new char[30];
            digits(text, 0, year, 4);
            text[4] = '-';
            digits(text, 5, value.getMonthValue(), 2);
            text[7] = '-';
            digits(text, 8, value.getDayOfMonth(), 2);
            text[10] = 'T';
            digits(text, 11, value.getHour(), 2);
            text[13] = ':';
            digits(text, 14, value.getMinute(), 2);
            text[16] = ':';
            digits(text, 17, value.getSecond(), 2);
            int end = 19;
            int nano = value.getNano();
            if (nano > 0) {
                text[end] = '.';
                digits(text, end + 1, nano, 9);
                end += 10;
                while (text[end - 1] == '0') {
                    end--;
                }
            }
            text[end++] = 'Z';
            gen.writeString(text, 0, end);
        }

        private static void digits(char[] text, int at, int value, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                text[i] = (char) ('0' + value % 10);
                value /= 10;
            }
        }
    }
}
