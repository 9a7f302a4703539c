ALTER TABLE testimonies DROP COLUMN erased_at;
