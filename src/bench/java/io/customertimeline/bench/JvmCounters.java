package io.customertimeline.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the service's JVM has allocated and paused for since it started, read by the load tool
 * before and after a run to report them per request (only with {@code timeline.bench.enabled=true},
 * only in the {@code -Pbench} build). Allocation decides how often the collector stops every
 * request in flight, and unlike a run's throughput it hardly moves with the host's speed
 * (BENCHMARKS.md, twenty-fourth round).
 */
@RestController
@ConditionalOnProperty(name = "timeline.bench.enabled", havingValue = "true")
class JvmCounters {

    /** Bytes allocated by all threads, and the collections that stopped the application with their time; -1 where unknown. */
    record Counters(long allocatedBytes, long pauses, long pauseMillis) {
    }

    @GetMapping("/api/bench/jvm")
    Counters counters() {
        long pauses = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // newer JDKs' G1 also lists its concurrent cycles ("G1 Concurrent GC"), which stop nothing
            if (!gc.getName().contains("Concurrent") && gc.getCollectionCount() >= 0) {
                pauses += gc.getCollectionCount();
                millis += gc.getCollectionTime();
            }
        }
        long allocated = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemoryEnabled() ? threads.getTotalThreadAllocatedBytes() : -1;
        return new Counters(allocated, pauses, millis);
    }
}
