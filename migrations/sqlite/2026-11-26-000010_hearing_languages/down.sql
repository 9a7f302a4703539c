DROP TABLE hearing_texts;
ALTER TABLE consent_texts DROP COLUMN lang;
