package io.customertimeline.connectors;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code connector_state} row of each connector, and the rows it skipped. */
@Repository
class ConnectorStates {

    static final int KEPT_REJECTIONS = 200;

    private final JdbcClient jdbc;
    private final Clock clock;

    ConnectorStates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record State(String name, String watermark, boolean running, OffsetDateTime lastRunStartedAt,
                 OffsetDateTime lastRunFinishedAt, OffsetDateTime lastSuccessAt, String lastStatus, String lastError,
                 int consecutiveFailures, OffsetDateTime nextRunAt, long rowsRead, long rowsCreated, long rowsUpdated,
                 long rowsUnchanged, long rowsSkipped, long progressDone, Long progressTotal, BigDecimal progressRate,
                 long totalRowsRead, long totalRowsWritten, long totalRowsSkipped) {
    }

    record Rejection(String location, String reason, OffsetDateTime recordedAt) {
    }

    Optional<State> find(String name) {
        return jdbc.sql("""
                SELECT name, watermark, running, last_run_started_at, last_run_finished_at, last_success_at, last_status,
                       last_error, consecutive_failures, next_run_at, rows_read, rows_created, rows_updated, rows_unchanged,
                       rows_skipped, progress_done, progress_total, progress_rate, total_rows_read, total_rows_written,
                       total_rows_skipped
                FROM connector_state WHERE name = :name""")
                .param("name", name).query(State.class).optional();
    }

    /** Marks a run as started: counters of the last run reset, the watermark kept. */
    void started(String name) {
        jdbc.sql("""
                INSERT INTO connector_state (name, running, last_run_started_at, last_status)
                VALUES (:name, true, :now, 'running')
                ON CONFLICT (name) DO UPDATE SET running = true, last_run_started_at = :now, last_status = 'running',
                    rows_read = 0, rows_created = 0, rows_updated = 0, rows_unchanged = 0, rows_skipped = 0,
                    progress_done = 0, progress_total = NULL, progress_rate = NULL, updated_at = :now""")
                .param("name", name).param("now", now()).update();
    }

    /** After a batch is ingested: its counts, the new watermark and the progress. */
    void batchDone(String name, String watermark, long read, long created, long updated, long unchanged, long skipped,
                   Progress progress, double rate) {
        jdbc.sql("""
                UPDATE connector_state SET watermark = :watermark,
                    rows_read = rows_read + :read, rows_created = rows_created + :created, rows_updated = rows_updated + :updated,
                    rows_unchanged = rows_unchanged + :unchanged, rows_skipped = rows_skipped + :skipped,
                    total_rows_read = total_rows_read + :read, total_rows_written = total_rows_written + :created + :updated,
                    total_rows_skipped = total_rows_skipped + :skipped,
                    progress_done = :done, progress_total = :total, progress_rate = :rate, updated_at = :now
                WHERE name = :name""")
                .param("name", name).param("watermark", watermark).param("read", read).param("created", created)
                .param("updated", updated).param("unchanged", unchanged).param("skipped", skipped)
                .param("done", progress.done()).param("total", progress.totalKnown() ? progress.total() : null)
                .param("rate", BigDecimal.valueOf(Math.round(rate * 10) / 10.0)).param("now", now()).update();
    }

    void succeeded(String name, Instant nextRun) {
        jdbc.sql("""
                UPDATE connector_state SET running = false, last_status = 'ok', last_error = NULL, consecutive_failures = 0,
                    last_run_finished_at = :now, last_success_at = :now, next_run_at = :next, updated_at = :now
                WHERE name = :name""")
                .param("name", name).param("now", now()).param("next", at(nextRun)).update();
    }

    /** Records a failed run; returns the number of failures in a row, this one included. */
    int failed(String name, String error, Instant nextRun) {
        return jdbc.sql("""
                UPDATE connector_state SET running = false, last_status = 'failed', last_error = :error,
                    consecutive_failures = consecutive_failures + 1, last_run_finished_at = :now, next_run_at = :next,
                    updated_at = :now
                WHERE name = :name RETURNING consecutive_failures""")
                .param("name", name).param("error", error).param("now", now()).param("next", at(nextRun))
                .query(Integer.class).single();
    }

    void scheduled(String name, Instant nextRun) {
        jdbc.sql("""
                INSERT INTO connector_state (name, next_run_at) VALUES (:name, :next)
                ON CONFLICT (name) DO UPDATE SET next_run_at = :next, running = false,
                    last_status = CASE WHEN connector_state.last_status = 'running' THEN 'failed' ELSE connector_state.last_status END,
                    last_error = CASE WHEN connector_state.last_status = 'running' THEN 'interrupted: the service stopped during the run'
                                      ELSE connector_state.last_error END""")
                .param("name", name).param("next", at(nextRun)).update();
    }

    void rejected(String name, List<RowError> rows) {
        for (RowError row : rows) {
            jdbc.sql("INSERT INTO connector_rejections (connector, location, reason, recorded_at) VALUES (:name, :where, :reason, :now)")
                    .param("name", name).param("where", row.where()).param("reason", row.reason()).param("now", now()).update();
        }
        if (!rows.isEmpty()) {
            jdbc.sql("""
                    DELETE FROM connector_rejections WHERE connector = :name AND id <= (
                        SELECT id FROM connector_rejections WHERE connector = :name ORDER BY id DESC OFFSET :keep LIMIT 1)""")
                    .param("name", name).param("keep", KEPT_REJECTIONS).update();
        }
    }

    List<Rejection> latestRejections(String name, int limit) {
        return jdbc.sql("""
                SELECT location, reason, recorded_at FROM connector_rejections
                WHERE connector = :name ORDER BY id DESC LIMIT :limit""")
                .param("name", name).param("limit", limit).query(Rejection.class).list();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
