package io.customertimeline.tasks;

import io.customertimeline.calls.CallDelivery;
import io.customertimeline.calls.CallPayloads;
import io.customertimeline.calls.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The follow-up rules on a finished call: one operation proposes the tasks of one call. A long
 * call-system transcript (Retell, 40 turns), a Vapi call with a promised quote, and the short
 * three-line call of the bench's generated shop. Not part of {@code mvn verify}. Run from the
 * project root:
 * <pre>
 * mvn -q -B -P benchmarks test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.openjdk.jmh.Main FollowUpRulesBenchmark -f 1 -wi 3 -i 5 -t 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FollowUpRulesBenchmark {

    private static final Instant RECEIVED = Instant.parse("2025-01-15T10:05:00Z");

    private final FollowUpRules rules = FollowUpRules.from(TaskProperties.defaults());
    private JsonNode longCall;
    private JsonNode quoteCall;
    private JsonNode shortCall;

    @Setup
    public void setUp() {
        CallPayloads payloads = new CallPayloads();
        longCall = ((CallDelivery.Accepted) payloads.read(Fixtures.bytes("retell/call-analyzed-inbound.json"))).call();
        quoteCall = ((CallDelivery.Accepted) payloads.read(Fixtures.bytes("vapi/end-of-call-report-inbound-quote.json"))).call();
        shortCall = JsonMapper.builder().build().readTree("""
                {"call_id": "bench-1", "direction": "inbound", "customer_name": "Thandi Nkosi",
                 "started_at": "2025-01-15T09:59:00Z", "ended_at": "2025-01-15T10:04:00Z", "status": "completed",
                 "summary": "Customer called about the Sonos Era 100",
                 "transcript": "Agent: Good day, Audico, how can I help?\\nCustomer: I am still waiting for my order of the Sonos Era 100, it has been three weeks.\\nAgent: Let me check that for you."}
                """);
    }

    @Benchmark
    public List<FollowUp> longTranscript() {
        return rules.forCall(longCall, RECEIVED);
    }

    @Benchmark
    public List<FollowUp> promisedQuote() {
        return rules.forCall(quoteCall, RECEIVED);
    }

    @Benchmark
    public List<FollowUp> shortCall() {
        return rules.forCall(shortCall, RECEIVED);
    }
}
