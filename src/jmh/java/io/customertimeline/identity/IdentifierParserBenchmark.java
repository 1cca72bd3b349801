package io.customertimeline.identity;

import io.customertimeline.system.TimelineProperties;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Throughput of {@link IdentifierParser#phone} on numbers as senders write them (an order's
 * telephone, a call's caller, a quote's contact): one operation parses one. Not part of
 * {@code mvn verify}. Run from the project root:
 * <pre>
 * mvn -q -B -P benchmarks test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.openjdk.jmh.Main IdentifierParserBenchmark -f 1 -wi 3 -i 5 -t 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IdentifierParserBenchmark {

    private static final String[] PHONES = {
            "082 555 1234", "+27 82 555 1234", "27825551234", "0825551234", "+27825551234", "(021) 555-1234",
            "072-123-4567", "+27 (0)11 555 0199", "083 444 0000", "not a number",
    };

    private IdentifierParser parser;
    private int next;

    @Setup
    public void setUp() {
        TimelineProperties props = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("timeline", TimelineProperties.class);
        parser = new IdentifierParser(props);
    }

    @Benchmark
    public Optional<Identifier> phone() {
        String raw = PHONES[next];
        next = next + 1 == PHONES.length ? 0 : next + 1;
        return parser.phone(raw);
    }
}
