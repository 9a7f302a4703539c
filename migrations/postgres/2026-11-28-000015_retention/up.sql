-- Days after closing when a hearing's contact details and attachments are purged
-- (NULL: the configured default), and when the hearing was closed.
ALTER TABLE hearings ADD COLUMN retention_days INTEGER;
ALTER TABLE hearings ADD COLUMN closed_at TIMESTAMP;
UPDATE hearings SET closed_at = updated_at WHERE status IN ('closed', 'archived');
