-- A testimony form is submitted once. Each rendering of the form carries a random
-- submission key; a testimony keeps only a keyed hash of it, unique, so a second post of
-- the same form can never make a second testimony. Older testimony has none.
ALTER TABLE testimonies ADD COLUMN submission_hash TEXT;
CREATE UNIQUE INDEX testimonies_submission ON testimonies(submission_hash);

-- The receipt of each submission, kept for 15 minutes to answer a repeat of the same
-- form and to show the receipt page again. It is sealed under a key derived from the
-- submission key, which is not stored: the database alone opens none of them.
CREATE TABLE kept_receipts (
    submission_hash TEXT PRIMARY KEY NOT NULL,
    sealed_receipt BYTEA NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX kept_receipts_expires ON kept_receipts(expires_at);
