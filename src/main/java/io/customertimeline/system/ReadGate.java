package io.customertimeline.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The reads a person waits for (the API's customer reads, the dashboard's pages) take turns: at
 * most {@code TIMELINE_READ_CONCURRENCY} of them run at once and the others wait in the order
 * they came. Let in all together, 32 reads on two cores share the cores, and each takes nearly
 * as long as all of them; in turn, each takes its own time plus its wait, so the slowest are no
 * longer several times the average (BENCHMARKS.md, seventeenth round: the timeline's p99 at 32
 * clients about halved, search's at 8 clients by more, throughput no lower).
 *
 * <p>Writes do not take turns here: they commit together ({@code GroupCommit}) and need many at
 * once, and {@link Transactions} limits them. Nor do the live-update stream, which stays open,
 * the exports, which stream for as long as they take, or the "Needs attention" list: requests
 * for it at the same time share one computation ({@code CoalescedReads}, at most two at a time),
 * and taking turns, those waiting for it held turns the other reads needed (lists at 8 clients
 * answered a third fewer). A read that waits longer than a connection would
 * ({@link Transactions#WAIT}) is answered 503 with a time to retry.
 */
@Configuration(proxyBeanMethods = false)
class ReadGate implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReadGate.class);
    private static final String HOLDS_TURN = ReadGate.class.getName() + ".turn";

    /** Null when reads are not limited ({@code TIMELINE_READ_CONCURRENCY=0}). */
    final Semaphore turns;
    private final Duration wait;

    @Autowired
    ReadGate(TimelineProperties props) {
        this(props.concurrentReads(), Transactions.WAIT);
    }

    ReadGate(int concurrentReads, Duration wait) {
        this.turns = concurrentReads == 0 ? null : new Semaphore(concurrentReads, true);
        this.wait = wait;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (turns != null) {
            registry.addInterceptor(this)
                    .addPathPatterns("/api/timeline", "/api/timeline/entries/*", "/api/tasks", "/api/tasks/*", "/", "/timeline",
                            "/timeline/**")
                    .excludePathPatterns("/timeline/events");
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                || "attention".equals(request.getParameter("action")) || "attention".equals(request.getParameter("list"))
                || request.getAttribute(HOLDS_TURN) != null) { // a forward within a read: its turn is already taken
            return true;
        }
        try {
            if (!turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("no turn to read came free in {} s ({} more waiting); refused as busy", wait.toSeconds(),
                        turns.getQueueLength());
                throw new BusyException("The service is answering as many reads as it can and could not take this one in "
                        + "time. Send it again after the time in Retry-After.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read", e);
        }
        request.setAttribute(HOLDS_TURN, Boolean.TRUE);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(HOLDS_TURN) != null) {
            request.removeAttribute(HOLDS_TURN);
            turns.release();
        }
    }
}
