package io.customertimeline.timeline;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * What writing one timeline page (50 entries, as the load tool reads them) as JSON costs the
 * service, with the application's naming strategy. Not part of {@code mvn verify}; run like
 * {@code VaderScorerBenchmark} with {@code TimelinePageJsonBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TimelinePageJsonBenchmark {

    private JsonMapper mapper;
    private CustomerRecords.Page page;

    @Setup
    public void setUp() {
        mapper = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        List<TimelineEntry> entries = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.of(2026, 8, 26, 15, 12, 1, 461_000_000, ZoneOffset.UTC);
        for (int i = 0; i < 50; i++) {
            entries.add(new TimelineEntry(UUID.randomUUID(), i % 2 == 0 ? "email" : "social", "inbound", at.minusHours(i * 7L),
                    "Question about the Shure SM58 number " + i,
                    "Could you confirm the order status for my Shure SM58? Delivery address is in Gqeberha.",
                    "classified", "neutral", new BigDecimal("0.000"), true, i % 3 == 0 ? new BigDecimal("1499.00") : null,
                    i % 3 == 0 ? "ZAR" : null, "email_logs", "gen-e63173" + i));
        }
        page = new CustomerRecords.Page(UUID.randomUUID(), entries, "MTc4NjcyMTI3MDEzMTAwMDo0NDA5M2ViZS0wODQ2", Map.of("open_tasks", List.of()));
    }

    @Benchmark
    public byte[] writePage() {
        return mapper.writeValueAsBytes(page);
    }
}
