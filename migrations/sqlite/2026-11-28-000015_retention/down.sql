ALTER TABLE hearings DROP COLUMN closed_at;
ALTER TABLE hearings DROP COLUMN retention_days;
