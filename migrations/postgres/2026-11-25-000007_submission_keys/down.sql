DROP TABLE kept_receipts;
DROP INDEX testimonies_submission;
ALTER TABLE testimonies DROP COLUMN submission_hash;
