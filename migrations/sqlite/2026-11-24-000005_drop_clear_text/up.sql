-- The clear copies, sealed by the application before this runs, go for good.
ALTER TABLE testimonies DROP COLUMN body;
ALTER TABLE testimony_additions DROP COLUMN body;
ALTER TABLE consent_records DROP COLUMN scopes;
ALTER TABLE attachments DROP COLUMN sha256;
