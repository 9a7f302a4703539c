-- Hearings, themes, witness testimony, consent records, redaction requests, attachments.
CREATE TABLE themes (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    builtin BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE hearings (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    city TEXT NOT NULL,
    state TEXT NOT NULL,
    online BOOLEAN NOT NULL DEFAULT FALSE,
    starts_on DATE NOT NULL,
    ends_on DATE,
    languages TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE hearing_themes (
    hearing_id TEXT NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL REFERENCES themes(id),
    PRIMARY KEY (hearing_id, theme_id)
);

-- Every version of a hearing's consent text is kept: a consent record points at the one the witness saw.
CREATE TABLE consent_texts (
    id TEXT PRIMARY KEY NOT NULL,
    hearing_id TEXT NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (hearing_id, version)
);

CREATE TABLE testimonies (
    id TEXT PRIMARY KEY NOT NULL,
    hearing_id TEXT NOT NULL REFERENCES hearings(id),
    receipt_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    body TEXT NOT NULL,
    language TEXT NOT NULL,
    witness_role TEXT NOT NULL,
    place_state TEXT NOT NULL,
    place_city TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT,
    witness_name BYTEA,
    contact_email BYTEA,
    contact_phone BYTEA,
    intake TEXT NOT NULL,
    intake_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    interpreter TEXT,
    interpretation_language TEXT,
    submitted_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP
);
CREATE INDEX testimonies_hearing ON testimonies(hearing_id, status);

CREATE TABLE testimony_themes (
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL REFERENCES themes(id),
    PRIMARY KEY (testimony_id, theme_id)
);

-- Append-only: the newest record is the witness's current consent; the rest is its history.
CREATE TABLE consent_records (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    scopes TEXT NOT NULL,
    consent_text_id TEXT NOT NULL REFERENCES consent_texts(id),
    method TEXT NOT NULL,
    recorded_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (testimony_id, seq)
);

-- What the witness asked to be removed from every output. Terms are encrypted: they are identifying by nature.
CREATE TABLE redaction_requests (
    testimony_id TEXT PRIMARY KEY NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    redact_name BOOLEAN NOT NULL,
    redact_places BOOLEAN NOT NULL,
    redact_other_names BOOLEAN NOT NULL,
    redact_dates BOOLEAN NOT NULL,
    terms BYTEA,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE testimony_additions (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    testimony_id TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

INSERT INTO themes (id, name, builtin, created_at) VALUES
 ('asylum-access', 'asylum access', TRUE, '2026-11-23 00:00:00'),
 ('immigration-detention', 'immigration detention', TRUE, '2026-11-23 00:00:00'),
 ('detention-conditions-health', 'detention conditions and health care', TRUE, '2026-11-23 00:00:00'),
 ('due-process-counsel', 'due process and access to counsel', TRUE, '2026-11-23 00:00:00'),
 ('family-unity', 'family unity and separation', TRUE, '2026-11-23 00:00:00'),
 ('children', 'children', TRUE, '2026-11-23 00:00:00'),
 ('language-access', 'language access', TRUE, '2026-11-23 00:00:00'),
 ('deportation-removal', 'deportation and removal', TRUE, '2026-11-23 00:00:00'),
 ('border-ports-of-entry', 'border and ports of entry', TRUE, '2026-11-23 00:00:00'),
 ('humanitarian-parole', 'humanitarian parole and programmes', TRUE, '2026-11-23 00:00:00'),
 ('racial-discrimination', 'racial discrimination', TRUE, '2026-11-23 00:00:00'),
 ('lgbti', 'LGBTI+ persons', TRUE, '2026-11-23 00:00:00'),
 ('indigenous-peoples', 'Indigenous peoples', TRUE, '2026-11-23 00:00:00'),
 ('gender-based-violence', 'gender-based violence', TRUE, '2026-11-23 00:00:00'),
 ('torture-ill-treatment', 'torture and ill-treatment', TRUE, '2026-11-23 00:00:00'),
 ('labour-exploitation', 'labour exploitation and trafficking', TRUE, '2026-11-23 00:00:00'),
 ('death-penalty', 'death penalty', TRUE, '2026-11-23 00:00:00'),
 ('policing-force', 'policing and use of force', TRUE, '2026-11-23 00:00:00'),
 ('data-transparency', 'data transparency', TRUE, '2026-11-23 00:00:00');
