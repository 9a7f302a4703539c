-- Two-step sign-in. Each account's authenticator secret is sealed with the server's data
-- key; a row that is not yet enabled is an enrolment waiting for its first code.
-- last_step is the last 30-second time step accepted, so a code works once.
CREATE TABLE two_step (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sealed_secret BLOB NOT NULL,
    enabled BOOLEAN NOT NULL,
    last_step BIGINT,
    created_at TIMESTAMP NOT NULL,
    enabled_at TIMESTAMP
);

-- Recovery codes, as keyed hashes (of the account and the code); each works once.
CREATE TABLE two_step_recovery_codes (
    code_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    used_at TIMESTAMP
);
CREATE INDEX two_step_recovery_codes_user ON two_step_recovery_codes (user_id);

-- The organisation's security settings (one row): who must use two-step sign-in
-- ('nobody', 'originals': staff granted access to originals, 'all': all staff).
CREATE TABLE security_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    two_step_required TEXT NOT NULL,
    updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);
