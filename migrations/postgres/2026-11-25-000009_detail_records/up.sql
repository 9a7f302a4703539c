-- What the witness says about their testimony besides consent (redaction request, themes,
-- place, period), as they change it on their page: append-only, one dated record a change.
CREATE TABLE detail_records (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    redact_name BOOLEAN NOT NULL,
    redact_places BOOLEAN NOT NULL,
    redact_other_names BOOLEAN NOT NULL,
    redact_dates BOOLEAN NOT NULL,
    sealed_terms BYTEA,
    themes TEXT NOT NULL,
    place_state TEXT NOT NULL,
    place_city TEXT NOT NULL,
    sealed_city BYTEA,
    period_from TEXT NOT NULL,
    period_to TEXT,
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (testimony_id, seq)
);
