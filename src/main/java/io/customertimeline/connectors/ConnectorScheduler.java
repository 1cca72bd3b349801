package io.customertimeline.connectors;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs each enabled connector on its interval (first runs shortly after start-up), and "run now"
 * requests, on its own threads: a connector that fails or hangs holds up neither the service nor
 * the other connectors. Off when {@code TIMELINE_CONNECTORS_SCHEDULING=false} (then only "run now").
 */
@Component
class ConnectorScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectorScheduler.class);

    private final Connectors connectors;
    private final ConnectorRunner runner;
    private final ConnectorStates states;
    private final ConnectorProperties props;
    private final Clock clock;
    private ThreadPoolTaskScheduler scheduler;
    private volatile boolean running;

    ConnectorScheduler(Connectors connectors, ConnectorRunner runner, ConnectorStates states, ConnectorProperties props,
                       Clock clock) {
        this.connectors = connectors;
        this.runner = runner;
        this.states = states;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(Connectors.NAMES.size() + 1);
        scheduler.setThreadNamePrefix("connector-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        running = true;
        if (!props.scheduling()) {
            log.info("Connector scheduling is off (TIMELINE_CONNECTORS_SCHEDULING=false): connectors run only when asked");
            return;
        }
        Instant first = clock.instant().plus(props.startDelay());
        for (Connector c : connectors.all()) {
            if (c.enabled()) {
                states.scheduled(c.name(), first);
                scheduler.schedule(() -> tick(c.name()), first);
            }
        }
    }

    /** Runs the connector if it is due (a "run now" may have moved its next run), then schedules the next. */
    private void tick(String name) {
        if (!running) {
            return;
        }
        Connector c = connectors.get(name).orElse(null);
        if (c == null || !c.enabled()) {
            return;
        }
        Instant next;
        try {
            Instant due = states.find(name).map(s -> s.nextRunAt() == null ? null : s.nextRunAt().toInstant()).orElse(null);
            if (due != null && due.isAfter(clock.instant().plusSeconds(1))) {
                next = due;
            } else {
                next = runner.run(c).nextRunAt();
            }
        } catch (ConnectorRunner.AlreadyRunning e) {
            next = clock.instant().plus(c.interval());
        } catch (RuntimeException e) {
            // our own database is unreachable, or a bug: never let the schedule die
            log.error("{}: scheduled run could not be started: {}", name, e.toString());
            next = clock.instant().plus(runner.backoff(c.interval(), 2));
        }
        if (running) {
            scheduler.schedule(() -> tick(name), next);
        }
    }

    /** Starts a run now on the connectors' threads. */
    CompletableFuture<ConnectorRunner.RunResult> runNow(Connector c) {
        if (runner.isRunning(c.name())) {
            throw new ConnectorRunner.AlreadyRunning(c.name());
        }
        return CompletableFuture.supplyAsync(() -> runner.run(c), scheduler);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
