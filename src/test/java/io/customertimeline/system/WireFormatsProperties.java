package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** Ids and timestamps written by {@link WireFormats} read exactly as Jackson's own serializers write them. */
class WireFormatsProperties {

    static final JsonMapper JACKSON = JsonMapper.builder().build();
    static final JsonMapper OURS = JsonMapper.builder().addModule(new SimpleModule()
            .addSerializer(UUID.class, new WireFormats.Uuids())
            .addSerializer(OffsetDateTime.class, new WireFormats.Timestamps())).build();

    @Provide
    Arbitrary<OffsetDateTime> timestamps() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(
                Instant.parse("-0200-01-01T00:00:00Z").getEpochSecond(), Instant.parse("+12000-12-31T23:59:59Z").getEpochSecond())
                .edgeCases(c -> c.add(0L));
        // whole seconds, whole milli- and microseconds (trailing zeros to drop), any nanosecond
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000), Arbitraries.integers().between(0, 999_999_999));
        Arbitrary<ZoneOffset> offsets = Arbitraries.oneOf(Arbitraries.just(ZoneOffset.UTC),
                Arbitraries.integers().between(-18 * 3600, 18 * 3600).map(ZoneOffset::ofTotalSeconds));
        return Combinators.combine(seconds, nanos, offsets)
                .as((s, n, o) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), o));
    }

    @Property(tries = 2000)
    void aTimestampReadsAsJacksonWritesIt(@ForAll("timestamps") OffsetDateTime at) {
        Map<String, Object> value = Map.of("at", at, "list", List.of(at));
        assertThat(OURS.writeValueAsString(value)).isEqualTo(JACKSON.writeValueAsString(value));
    }

    @Property(tries = 500)
    void anIdReadsAsJacksonWritesIt(@ForAll long high, @ForAll long low) {
        UUID id = new UUID(high, low);
        assertThat(OURS.writeValueAsString(List.of(id))).isEqualTo(JACKSON.writeValueAsString(List.of(id)));
    }

    @Test
    void theServicesMapperWritesThroughThem() {
        JsonMapper app = TestApp.get().bean(JsonMapper.class);
        assertThat(app._serializationContext().findValueSerializer(OffsetDateTime.class)).isInstanceOf(WireFormats.Timestamps.class);
        assertThat(app._serializationContext().findValueSerializer(UUID.class)).isInstanceOf(WireFormats.Uuids.class);
        assertThat(app.writeValueAsString(OffsetDateTime.parse("2026-11-27T10:15:00.120Z"))).isEqualTo("\"2026-11-27T10:15:00.12Z\"");
    }
}
