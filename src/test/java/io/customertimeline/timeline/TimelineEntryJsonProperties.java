package io.customertimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** Timeline entries written by {@link TimelineEntryJson} read exactly as the bean serializer writes them. */
class TimelineEntryJsonProperties {

    static final JsonMapper JACKSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    static final JsonMapper OURS = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new SimpleModule().addSerializer(TimelineEntry.class, new TimelineEntryJson())).build();

    @Provide
    Arbitrary<TimelineEntry> entries() {
        // any text, quotes, control characters and astral code points included; often null
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12).injectNull(0.3);
        Arbitrary<UUID> ids = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new).injectNull(0.02);
        Arbitrary<OffsetDateTime> times = Combinators.combine(
                        Arbitraries.longs().between(0, Instant.parse("2100-01-01T00:00:00Z").getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000))
                .as((s, n) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), ZoneOffset.UTC)).injectNull(0.02);
        // plain, with trailing zeros, and in exponent form (negative scales)
        Arbitrary<BigDecimal> numbers = Combinators.combine(Arbitraries.longs().between(-10_000_000, 10_000_000),
                Arbitraries.integers().between(-4, 6)).as((v, scale) -> new BigDecimal(BigInteger.valueOf(v), scale)).injectNull(0.3);
        return Combinators.combine(ids, text.list().ofSize(10), times, numbers, numbers, Arbitraries.of(true, false))
                .as((id, t, at, score, amount, given) -> new TimelineEntry(id, t.get(0), t.get(1), at, t.get(2), t.get(3),
                        t.get(4), t.get(5), score, given, amount, t.get(6), t.get(7), t.get(8)));
    }

    @Property(tries = 1000)
    void anEntryReadsAsTheBeanSerializerWritesIt(@ForAll("entries") TimelineEntry entry) {
        Map<String, Object> value = Map.of("timeline", List.of(entry), "one", entry);
        assertThat(OURS.writeValueAsString(value)).isEqualTo(JACKSON.writeValueAsString(value));
    }

    @Test
    void theServicesMapperWritesThroughIt() {
        JsonMapper app = TestApp.get().bean(JsonMapper.class);
        assertThat(app._serializationContext().findValueSerializer(TimelineEntry.class)).isInstanceOf(TimelineEntryJson.class);
    }
}
