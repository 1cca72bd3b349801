-- Notes that agents and admins write on a customer's profile card. They follow a profile merge.
CREATE TABLE customer_notes (
    id          uuid PRIMARY KEY,
    customer_id uuid NOT NULL REFERENCES customer_profiles (id),
    author      text NOT NULL,
    body        text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX customer_notes_customer_idx ON customer_notes (customer_id, created_at DESC);
