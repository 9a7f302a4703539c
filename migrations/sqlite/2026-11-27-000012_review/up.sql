-- Editorial review: queue columns, the audit trail, derived redaction, translations,
-- messages with the witness, tags, excerpts and the search index.

ALTER TABLE testimonies ADD COLUMN assigned_to TEXT REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE testimonies ADD COLUMN exclusion_reason TEXT;
ALTER TABLE testimonies ADD COLUMN unread_reply BOOLEAN NOT NULL DEFAULT FALSE;
-- Set once the witness's own redaction requests were applied (by the first granted editor).
ALTER TABLE testimonies ADD COLUMN redaction_started BOOLEAN NOT NULL DEFAULT FALSE;
-- Set once the editor's tags were seeded from the witness's chosen themes.
ALTER TABLE testimonies ADD COLUMN tags_seeded BOOLEAN NOT NULL DEFAULT FALSE;
-- A public key derived from the receipt: staff seal messages to it, only the receipt opens them.
ALTER TABLE testimonies ADD COLUMN witness_public_key BLOB;

-- The queue pages by (submitted_at, id), within any of these prefixes.
CREATE INDEX testimonies_queue ON testimonies(submitted_at, id);
CREATE INDEX testimonies_status_queue ON testimonies(status, submitted_at, id);
CREATE INDEX testimonies_hearing_queue ON testimonies(hearing_id, submitted_at, id);
CREATE INDEX testimonies_hearing_status_queue ON testimonies(hearing_id, status, submitted_at, id);
CREATE INDEX testimonies_assignee_queue ON testimonies(assigned_to, submitted_at, id);

-- Append-only, hash-chained. Never holds testimony text or identity.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log(record_kind, record_id, seq);
CREATE INDEX audit_log_actor ON audit_log(actor_id, seq);
CREATE INDEX audit_log_action ON audit_log(action, seq);

-- The chain's head, outside the log: a truncated tail no longer matches it.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- Translations of a testimony, sealed like the original.
CREATE TABLE translations (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id),
    language TEXT NOT NULL,
    sealed_body BLOB NOT NULL,
    translated_by TEXT NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX translations_testimony ON translations(testimony_id);

-- One thing to remove from a text ('original' or a translation's id). A term is sealed to
-- the organisation key; a span is byte offsets into the original text (never the words).
CREATE TABLE redaction_marks (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id),
    text_id TEXT NOT NULL,
    category TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    sealed_term BLOB,
    origin TEXT NOT NULL,
    state TEXT NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    decided_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    decided_at TIMESTAMP
);
CREATE INDEX redaction_marks_testimony ON redaction_marks(testimony_id, text_id);

-- Every saved redacted text, in clear: what search and reports use. The latest is current.
CREATE TABLE redacted_versions (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id),
    text_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    changes TEXT NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (testimony_id, text_id, version)
);

-- Messages between editors and the witness: sealed for staff, and for the witness's receipt.
CREATE TABLE witness_messages (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id),
    direction TEXT NOT NULL,
    sealed_body BLOB NOT NULL,
    witness_copy BLOB,
    author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX witness_messages_testimony ON witness_messages(testimony_id, created_at);

-- Affected persons and addressees (themes have their own table); admins extend both.
CREATE TABLE vocabulary (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    builtin BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (kind, name)
);

-- An editor's tags on a testimony: kind 'theme' (themes.id), 'affected' or 'addressee' (vocabulary.id).
CREATE TABLE testimony_tags (
    testimony_id TEXT NOT NULL REFERENCES testimonies(id),
    kind TEXT NOT NULL,
    tag_id TEXT NOT NULL,
    added_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (testimony_id, kind, tag_id)
);
CREATE INDEX testimony_tags_tag ON testimony_tags(kind, tag_id, testimony_id);

-- A quotable passage of a redacted text, valid only while the consent record it points at is current.
CREATE TABLE excerpts (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id),
    text_id TEXT NOT NULL,
    redacted_version_id TEXT,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    body TEXT NOT NULL,
    translated BOOLEAN NOT NULL DEFAULT FALSE,
    consent_record_id TEXT,
    attributed BOOLEAN NOT NULL DEFAULT FALSE,
    theme_id TEXT REFERENCES themes(id),
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    invalidated_at TIMESTAMP,
    invalidated_reason TEXT
);
CREATE INDEX excerpts_testimony ON excerpts(testimony_id);

-- Full-text search over redacted texts only.
CREATE VIRTUAL TABLE search_index USING fts5(
    body,
    testimony_id UNINDEXED,
    text_id UNINDEXED,
    translated UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO vocabulary (id, kind, name, builtin, created_at) VALUES
 ('migrants', 'affected', 'migrants', TRUE, '2026-11-27 00:00:00'),
 ('asylum-seekers-refugees', 'affected', 'asylum seekers and refugees', TRUE, '2026-11-27 00:00:00'),
 ('children', 'affected', 'children', TRUE, '2026-11-27 00:00:00'),
 ('women', 'affected', 'women', TRUE, '2026-11-27 00:00:00'),
 ('lgbti', 'affected', 'LGBTI+ persons', TRUE, '2026-11-27 00:00:00'),
 ('black-migrants', 'affected', 'Black migrants', TRUE, '2026-11-27 00:00:00'),
 ('indigenous-peoples', 'affected', 'Indigenous peoples', TRUE, '2026-11-27 00:00:00'),
 ('persons-disabilities', 'affected', 'persons with disabilities', TRUE, '2026-11-27 00:00:00'),
 ('deprived-of-liberty', 'affected', 'persons deprived of liberty', TRUE, '2026-11-27 00:00:00'),
 ('torture-survivors', 'affected', 'survivors of torture', TRUE, '2026-11-27 00:00:00'),
 ('rights-defenders', 'affected', 'human rights defenders', TRUE, '2026-11-27 00:00:00'),
 ('congress', 'addressee', 'Congress', TRUE, '2026-11-27 00:00:00'),
 ('dhs', 'addressee', 'Department of Homeland Security', TRUE, '2026-11-27 00:00:00'),
 ('ice', 'addressee', 'Immigration and Customs Enforcement', TRUE, '2026-11-27 00:00:00'),
 ('cbp', 'addressee', 'Customs and Border Protection', TRUE, '2026-11-27 00:00:00'),
 ('eoir', 'addressee', 'Executive Office for Immigration Review', TRUE, '2026-11-27 00:00:00'),
 ('doj', 'addressee', 'Department of Justice', TRUE, '2026-11-27 00:00:00'),
 ('hhs', 'addressee', 'Department of Health and Human Services', TRUE, '2026-11-27 00:00:00'),
 ('state-governments', 'addressee', 'state governments', TRUE, '2026-11-27 00:00:00'),
 ('local-governments', 'addressee', 'local governments', TRUE, '2026-11-27 00:00:00');

-- Which row of the full-text index holds which text (FTS5 cannot index its own columns).
CREATE TABLE search_rows (
    testimony_id TEXT NOT NULL,
    text_id TEXT NOT NULL,
    fts_rowid INTEGER NOT NULL,
    PRIMARY KEY (testimony_id, text_id)
);
