package io.customertimeline.connectors;

import io.customertimeline.system.NotFoundException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/connectors}: each connector's state. {@code POST /api/connectors/{name}/run}:
 * run it now (202, or the run's result with {@code ?wait=true}). API key required.
 */
@RestController
@RequestMapping("/api/connectors")
class ConnectorController {

    private final Connectors connectors;
    private final ConnectorStates states;
    private final ConnectorRunner runner;
    private final ConnectorScheduler scheduler;

    ConnectorController(Connectors connectors, ConnectorStates states, ConnectorRunner runner, ConnectorScheduler scheduler) {
        this.connectors = connectors;
        this.states = states;
        this.runner = runner;
        this.scheduler = scheduler;
    }

    @GetMapping
    Map<String, Object> list() {
        return Map.of("connectors", connectors.all().stream().map(this::status).toList());
    }

    @GetMapping("/{name}")
    Map<String, Object> one(@PathVariable String name) {
        return status(connector(name));
    }

    @PostMapping("/{name}/run")
    @io.swagger.v3.oas.annotations.Operation(summary = "Run a connector now", responses = {
            @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "started; without wait"),
            @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the run's counts; with wait=true"),
            @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = "no connector of that name"),
            @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "the connector is off or already running")})
    ResponseEntity<?> run(@PathVariable String name, @RequestParam(defaultValue = "false") boolean wait) {
        Connector c = connector(name);
        if (!c.enabled()) {
            return problem(HttpStatus.CONFLICT, "Connector is off", name + " is " + c.problem());
        }
        try {
            var future = scheduler.runNow(c);
            if (!wait) {
                return ResponseEntity.accepted().body(Map.of("name", name, "status", "started"));
            }
            ConnectorRunner.RunResult r = future.join();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("status", r.ok() ? "ok" : "failed");
            body.put("rows_read", r.read());
            body.put("rows_created", r.created());
            body.put("rows_updated", r.updated());
            body.put("rows_unchanged", r.unchanged());
            body.put("rows_skipped", r.skipped());
            body.put("error", r.error());
            body.put("elapsed_ms", r.elapsed().toMillis());
            body.put("next_run_at", r.nextRunAt());
            return ResponseEntity.ok(body);
        } catch (ConnectorRunner.AlreadyRunning | CompletionException e) {
            if (e instanceof ConnectorRunner.AlreadyRunning || e.getCause() instanceof ConnectorRunner.AlreadyRunning) {
                return problem(HttpStatus.CONFLICT, "Connector is running", name + " is already running; see GET /api/connectors/" + name);
            }
            throw e;
        }
    }

    private Connector connector(String name) {
        return connectors.get(name).orElseThrow(() -> new NotFoundException("name", "no connector named '" + name
                + "' (there are " + String.join(", ", connectors.all().stream().map(Connector::name).toList()) + ")"));
    }

    private Map<String, Object> status(Connector c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("enabled", c.enabled());
        out.put("source", c.target());
        out.put("problem", c.problem());
        out.put("interval_seconds", c.interval().toSeconds());
        var state = states.find(c.name());
        out.put("running", runner.isRunning(c.name()));
        out.put("last_status", state.map(ConnectorStates.State::lastStatus).orElse(null));
        out.put("last_error", state.map(ConnectorStates.State::lastError).orElse(null));
        out.put("consecutive_failures", state.map(ConnectorStates.State::consecutiveFailures).orElse(0));
        out.put("last_run_started_at", state.map(ConnectorStates.State::lastRunStartedAt).orElse(null));
        out.put("last_run_finished_at", state.map(ConnectorStates.State::lastRunFinishedAt).orElse(null));
        out.put("last_success_at", state.map(ConnectorStates.State::lastSuccessAt).orElse(null));
        out.put("next_run_at", state.map(ConnectorStates.State::nextRunAt).orElse(null));
        out.put("watermark", state.map(ConnectorStates.State::watermark).orElse(null));
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("rows_read", state.map(ConnectorStates.State::rowsRead).orElse(0L));
        last.put("rows_written", state.map(s -> s.rowsCreated() + s.rowsUpdated()).orElse(0L));
        last.put("rows_created", state.map(ConnectorStates.State::rowsCreated).orElse(0L));
        last.put("rows_updated", state.map(ConnectorStates.State::rowsUpdated).orElse(0L));
        last.put("rows_unchanged", state.map(ConnectorStates.State::rowsUnchanged).orElse(0L));
        last.put("rows_skipped", state.map(ConnectorStates.State::rowsSkipped).orElse(0L));
        out.put("last_run", last);
        Map<String, Object> progress = new LinkedHashMap<>();
        long done = state.map(ConnectorStates.State::progressDone).orElse(0L);
        Long total = state.map(ConnectorStates.State::progressTotal).orElse(null);
        progress.put("done", done);
        progress.put("total", total);
        progress.put("percent", total == null || total == 0 ? null : Math.min(100, done * 100 / total));
        progress.put("rows_per_second", state.map(ConnectorStates.State::progressRate).orElse(null));
        out.put("progress", progress);
        out.put("totals", Map.of(
                "rows_read", state.map(ConnectorStates.State::totalRowsRead).orElse(0L),
                "rows_written", state.map(ConnectorStates.State::totalRowsWritten).orElse(0L),
                "rows_skipped", state.map(ConnectorStates.State::totalRowsSkipped).orElse(0L)));
        List<Map<String, Object>> rejections = states.latestRejections(c.name(), 20).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", r.location());
            m.put("reason", r.reason());
            m.put("at", r.recordedAt());
            return m;
        }).toList();
        out.put("recent_rejections", rejections);
        return out;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        p.setProperty("field", "name");
        return ResponseEntity.status(status).body(p);
    }
}
