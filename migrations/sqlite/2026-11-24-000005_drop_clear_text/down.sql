-- Clear text cannot come back: the columns return empty.
ALTER TABLE attachments ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE consent_records ADD COLUMN scopes TEXT NOT NULL DEFAULT '';
ALTER TABLE testimony_additions ADD COLUMN body TEXT NOT NULL DEFAULT '';
ALTER TABLE testimonies ADD COLUMN body TEXT NOT NULL DEFAULT '';
