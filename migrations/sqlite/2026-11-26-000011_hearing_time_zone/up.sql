-- A hearing's times are shown in its own time zone (an IANA name such as America/Chicago).
ALTER TABLE hearings ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
