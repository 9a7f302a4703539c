-- Server-side sessions. The row is found by a hash of the cookie's session id and its
-- state is encrypted under a key derived from the cookie's secret: the database alone
-- opens nothing. user_id (copied from the state) lets all of an account's sessions end
-- at once. No foreign key: a session is written after the request, and that write must
-- not fail because the account changed meanwhile.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    state BLOB NOT NULL,
    user_id TEXT,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);
