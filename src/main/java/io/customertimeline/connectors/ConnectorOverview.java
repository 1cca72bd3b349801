package io.customertimeline.connectors;

import io.customertimeline.system.NotFoundException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;

/** The connectors as the admin page shows them, and its "run now" (the same start as {@code POST /api/connectors/{name}/run}). */
@Service
public class ConnectorOverview {

    private final Connectors connectors;
    private final ConnectorStates states;
    private final ConnectorRunner runner;
    private final ConnectorScheduler scheduler;

    ConnectorOverview(Connectors connectors, ConnectorStates states, ConnectorRunner runner, ConnectorScheduler scheduler) {
        this.connectors = connectors;
        this.states = states;
        this.runner = runner;
        this.scheduler = scheduler;
    }

    /** One connector's configuration and last run; {@code percent} is null while the total is unknown. */
    public record Row(String name, boolean enabled, String target, String problem, boolean running, String lastStatus,
            OffsetDateTime lastRunStartedAt, OffsetDateTime lastRunFinishedAt, long rowsRead, long rowsWritten,
            long rowsSkipped, String lastError, String watermark, long progressDone, Long progressTotal, Long percent,
            OffsetDateTime nextRunAt) {
    }

    /** What a "run now" did. */
    public enum Start { STARTED, OFF, ALREADY_RUNNING }

    public List<Row> rows() {
        return connectors.all().stream().map(this::row).toList();
    }

    private Row row(Connector c) {
        var s = states.find(c.name()).orElse(null);
        if (s == null) {
            return new Row(c.name(), c.enabled(), c.target(), c.problem(), runner.isRunning(c.name()), null, null, null,
                    0, 0, 0, null, null, 0, null, null, null);
        }
        Long percent = s.progressTotal() == null || s.progressTotal() == 0 ? null
                : Math.min(100, s.progressDone() * 100 / s.progressTotal());
        return new Row(c.name(), c.enabled(), c.target(), c.problem(), runner.isRunning(c.name()), s.lastStatus(),
                s.lastRunStartedAt(), s.lastRunFinishedAt(), s.rowsRead(), s.rowsCreated() + s.rowsUpdated(), s.rowsSkipped(),
                s.lastError(), s.watermark(), s.progressDone(), s.progressTotal(), percent, s.nextRunAt());
    }

    /** Starts a run of the named connector on the connectors' threads, without waiting for it. */
    public Start runNow(String name) {
        Connector c = connectors.get(name).orElseThrow(() -> new NotFoundException("name", "no connector named '" + name + "'"));
        if (!c.enabled()) {
            return Start.OFF;
        }
        try {
            scheduler.runNow(c);
            return Start.STARTED;
        } catch (ConnectorRunner.AlreadyRunning e) {
            return Start.ALREADY_RUNNING;
        }
    }
}
