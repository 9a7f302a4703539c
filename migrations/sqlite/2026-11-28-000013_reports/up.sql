-- Reports: versions (draft, final, published) with their parts, the files of a
-- published version and its manifest. A published version is never updated, except to
-- flag it when a witness's consent changes, or to take it down.

CREATE TABLE reports (
    id TEXT PRIMARY KEY NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE report_versions (
    id TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES reports(id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    based_on TEXT REFERENCES report_versions(id),
    title TEXT NOT NULL,
    state_under_review TEXT NOT NULL,
    cycle TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    keywords TEXT NOT NULL,
    introduction TEXT NOT NULL,
    conclusions TEXT NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finalised_at TIMESTAMP,
    published_at TIMESTAMP,
    published_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    manifest TEXT,
    flagged_at TIMESTAMP,
    flag_reason TEXT,
    taken_down_at TIMESTAMP,
    UNIQUE (report_id, number)
);
CREATE INDEX report_versions_status ON report_versions(status, published_at);

CREATE TABLE report_hearings (
    version_id TEXT NOT NULL REFERENCES report_versions(id),
    hearing_id TEXT NOT NULL REFERENCES hearings(id),
    PRIMARY KEY (version_id, hearing_id)
);

CREATE TABLE report_submitters (
    id TEXT PRIMARY KEY NOT NULL,
    version_id TEXT NOT NULL REFERENCES report_versions(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    short_code TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE INDEX report_submitters_version ON report_submitters(version_id, position);

CREATE TABLE report_sections (
    id TEXT PRIMARY KEY NOT NULL,
    version_id TEXT NOT NULL REFERENCES report_versions(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    theme_id TEXT,
    findings TEXT NOT NULL
);
CREATE INDEX report_sections_version ON report_sections(version_id, position);

CREATE TABLE report_section_excerpts (
    section_id TEXT NOT NULL REFERENCES report_sections(id),
    excerpt_id TEXT NOT NULL REFERENCES excerpts(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (section_id, excerpt_id)
);
CREATE INDEX report_section_excerpts_excerpt ON report_section_excerpts(excerpt_id);

CREATE TABLE report_recommendations (
    id TEXT PRIMARY KEY NOT NULL,
    version_id TEXT NOT NULL REFERENCES report_versions(id),
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    addressees TEXT NOT NULL,
    themes TEXT NOT NULL,
    affected TEXT NOT NULL,
    sdg_targets TEXT NOT NULL,
    category INTEGER NOT NULL,
    follows_up TEXT NOT NULL,
    state_position TEXT NOT NULL,
    implementation TEXT,
    -- Its number (e.g. 95.3), fixed when the version is published.
    published_number TEXT
);
CREATE INDEX report_recommendations_version ON report_recommendations(version_id, position);

CREATE TABLE report_recommendation_excerpts (
    recommendation_id TEXT NOT NULL REFERENCES report_recommendations(id),
    excerpt_id TEXT NOT NULL REFERENCES excerpts(id),
    PRIMARY KEY (recommendation_id, excerpt_id)
);
CREATE INDEX report_recommendation_excerpts_excerpt ON report_recommendation_excerpts(excerpt_id);

CREATE TABLE report_followup_notes (
    id TEXT PRIMARY KEY NOT NULL,
    recommendation_id TEXT NOT NULL REFERENCES report_recommendations(id),
    noted_on DATE NOT NULL,
    body TEXT NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX report_followup_notes_rec ON report_followup_notes(recommendation_id, noted_on);

-- The files of a published version, exactly as served.
CREATE TABLE report_outputs (
    version_id TEXT NOT NULL REFERENCES report_versions(id),
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (version_id, kind)
);

-- The manifest of a published version, one row per testimony used.
CREATE TABLE report_manifest_items (
    version_id TEXT NOT NULL REFERENCES report_versions(id),
    testimony_id TEXT NOT NULL,
    redacted_version_id TEXT,
    consent_record_id TEXT NOT NULL,
    PRIMARY KEY (version_id, testimony_id)
);
CREATE INDEX report_manifest_items_testimony ON report_manifest_items(testimony_id);
