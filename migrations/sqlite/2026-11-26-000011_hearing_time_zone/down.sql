ALTER TABLE hearings DROP COLUMN time_zone;
