-- Pull connectors (OpenCart, IMAP, quote chat): where each one is, how its runs went.

CREATE TABLE connector_state (
    name                  text PRIMARY KEY,
    watermark             text,
    running               boolean     NOT NULL DEFAULT false,
    last_run_started_at   timestamptz,
    last_run_finished_at  timestamptz,
    last_success_at       timestamptz,
    last_status           text CHECK (last_status IN ('running', 'ok', 'failed')),
    last_error            text,
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    next_run_at           timestamptz,
    -- the last (or current) run
    rows_read             bigint      NOT NULL DEFAULT 0,
    rows_created          bigint      NOT NULL DEFAULT 0,
    rows_updated          bigint      NOT NULL DEFAULT 0,
    rows_unchanged        bigint      NOT NULL DEFAULT 0,
    rows_skipped          bigint      NOT NULL DEFAULT 0,
    progress_done         bigint      NOT NULL DEFAULT 0,
    progress_total        bigint,
    progress_rate         numeric(12,1),
    -- since the connector was first run
    total_rows_read       bigint      NOT NULL DEFAULT 0,
    total_rows_written    bigint      NOT NULL DEFAULT 0,
    total_rows_skipped    bigint      NOT NULL DEFAULT 0,
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Rows a connector skipped, and why: the latest few hundred per connector are kept.
CREATE TABLE connector_rejections (
    id          bigserial PRIMARY KEY,
    connector   text        NOT NULL,
    location    text        NOT NULL,
    reason      text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connector_rejections_latest ON connector_rejections (connector, id DESC);
