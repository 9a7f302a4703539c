-- Sealed originals: the organisation key, staff key pairs and grants; sealed columns for
-- what witnesses gave; consent scopes as columns SQL can filter on. The clear columns are
-- emptied by the application on first start (it seals them) and dropped by the next migration.
CREATE TABLE org_keys (
    id TEXT PRIMARY KEY NOT NULL,
    public_key BYTEA NOT NULL,
    recovery_wrapped BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- A staff account's key pair: the secret half wrapped under a key derived from the password.
CREATE TABLE user_keys (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    public_key BYTEA NOT NULL,
    wrapped_secret BYTEA NOT NULL,
    kdf_salt BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Access to originals: the organisation secret key sealed to the account's public key.
CREATE TABLE originals_grants (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sealed_org_key BYTEA NOT NULL,
    granted_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    granted_at TIMESTAMP NOT NULL
);

ALTER TABLE testimonies ADD COLUMN sealed_body BYTEA;
ALTER TABLE testimonies ADD COLUMN sealed_city BYTEA;
ALTER TABLE testimonies ADD COLUMN witness_copy BYTEA;
ALTER TABLE testimony_additions ADD COLUMN sealed_body BYTEA;
ALTER TABLE testimony_additions ADD COLUMN witness_copy BYTEA;

-- Withdrawal is stored once, as withdrawn_at; status keeps the review state.
UPDATE testimonies SET status = 'received' WHERE status = 'withdrawn';

ALTER TABLE consent_records ADD COLUMN scope_publish BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE consent_records ADD COLUMN scope_quote BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE consent_records ADD COLUMN scope_attribute BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE consent_records ADD COLUMN scope_share_un BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE consent_records ADD COLUMN scope_contact BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE consent_records ADD COLUMN scope_media BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE consent_records SET
    scope_publish = (',' || scopes || ',') LIKE '%,publish,%',
    scope_quote = (',' || scopes || ',') LIKE '%,quote,%',
    scope_attribute = (',' || scopes || ',') LIKE '%,attribute,%',
    scope_share_un = (',' || scopes || ',') LIKE '%,share_un,%',
    scope_contact = (',' || scopes || ',') LIKE '%,contact,%',
    scope_media = (',' || scopes || ',') LIKE '%,media,%';

-- Review states take their lasting names.
UPDATE testimonies SET status = 'in_review' WHERE status = 'in-review';
UPDATE testimonies SET status = 'approved' WHERE status = 'included';
UPDATE testimonies SET status = 'excluded' WHERE status = 'not-included';
