-- Each language a hearing accepts has its own consent text history, title and summary.
-- Existing consent texts, titles and summaries become those of the hearing's first
-- language (language codes are two letters; a hearing with none listed counts as English).
ALTER TABLE consent_texts ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
UPDATE consent_texts SET lang = COALESCE(
    (SELECT NULLIF(substr(h.languages, 1, 2), '') FROM hearings h WHERE h.id = consent_texts.hearing_id),
    'en');

CREATE TABLE hearing_texts (
    hearing_id TEXT NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    PRIMARY KEY (hearing_id, lang)
);
INSERT INTO hearing_texts (hearing_id, lang, title, summary)
SELECT id, COALESCE(NULLIF(substr(languages, 1, 2), ''), 'en'), title, summary FROM hearings;
