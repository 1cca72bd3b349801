-- Inbound channels (V10..V19 belong to the webhooks, call system and tasks features).

-- Every accepted webhook delivery, written in the same transaction as its effect, so a row
-- here means the effect is committed. Rejected deliveries are logged, never stored.
CREATE TABLE webhook_deliveries (
    id               bigserial PRIMARY KEY,
    endpoint         text NOT NULL CHECK (endpoint IN ('timeline', 'call-system')),
    -- id:<the sender's webhook-id> (unique: repeats are duplicates), else sha256:<hex of the body>:<uuid>
    delivery_key     text NOT NULL,
    source           text NOT NULL,          -- vapi, retell, plain, opencart_order, email_thread ...
    event            text,                   -- end-of-call-report, call_analyzed, the webhook type ...
    natural_key      text,                   -- call id, order id, email id ... of the record it touched
    auth_method      text NOT NULL,          -- how the sender proved itself (or 'replay' by an admin)
    received_at      timestamptz NOT NULL DEFAULT now(),
    last_received_at timestamptz NOT NULL DEFAULT now(),
    attempts         integer NOT NULL DEFAULT 1,
    raw_body         text NOT NULL,
    outcome          text NOT NULL,          -- created, updated, unchanged, ignored
    customer_id      uuid,
    interaction_id   uuid,
    replay_of        bigint REFERENCES webhook_deliveries (id),
    UNIQUE (endpoint, delivery_key)
);
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (received_at DESC, id DESC);

-- Follow-up work a touchpoint asked for: one task per kind per source record.
CREATE TABLE follow_up_tasks (
    id                       uuid PRIMARY KEY,
    customer_id              uuid NOT NULL REFERENCES customer_profiles (id),
    kind                     text NOT NULL CHECK (kind IN ('callback', 'quote_or_info', 'complaint', 'order_problem', 'respond')),
    title                    text NOT NULL,
    reason                   text NOT NULL,
    due_at                   timestamptz NOT NULL,
    due_phrase               text,
    snoozed_until            timestamptz,
    status                   text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    source                   text NOT NULL,
    source_key               text NOT NULL,
    source_interaction_id    uuid NOT NULL REFERENCES customer_interactions (id),
    source_occurred_at       timestamptz NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    completed_at             timestamptz,
    completed_by             text CHECK (completed_by IN ('staff', 'auto')),
    closed_by_interaction_id uuid REFERENCES customer_interactions (id),
    UNIQUE (source, source_key, kind)
);
CREATE INDEX follow_up_tasks_open_due ON follow_up_tasks ((greatest(due_at, coalesce(snoozed_until, due_at))))
    WHERE status = 'open';
CREATE INDEX follow_up_tasks_customer ON follow_up_tasks (customer_id, status, due_at);
