DROP TABLE organisation_texts;
DROP TABLE organisation;
