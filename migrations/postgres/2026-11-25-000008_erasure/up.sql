-- Erasure: a witness who withdraws may delete everything they gave; the row keeps only
-- the hearing, the dates and the fact of erasure, for the counts.
ALTER TABLE testimonies ADD COLUMN erased_at TIMESTAMP;
