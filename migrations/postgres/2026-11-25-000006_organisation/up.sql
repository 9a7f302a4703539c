-- Who runs the site: the contact shared by every language (one row), and the name,
-- description and privacy notice per public language. An empty text means "not set":
-- visitors then see that language's default.
CREATE TABLE organisation (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    contact_email TEXT NOT NULL,
    contact_other TEXT NOT NULL,
    updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE organisation_texts (
    lang TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    privacy_notice TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
