-- People who sign in to the dashboard, what they read, and the admin's dashboard settings.

CREATE TABLE dashboard_users (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._@-]{2,64}$'),
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('viewer', 'agent', 'admin')),
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Every read of a customer's profile by a person: who, when, which customer, through what.
CREATE TABLE profile_reads (
    id          bigserial PRIMARY KEY,
    username    text NOT NULL,
    customer_id uuid NOT NULL,
    channel     text NOT NULL,
    read_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX profile_reads_recent ON profile_reads (read_at DESC);
CREATE INDEX profile_reads_customer ON profile_reads (customer_id, read_at DESC);

CREATE TABLE dashboard_settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO dashboard_settings (key, value) VALUES ('viewers_may_export', 'true');
