-- Search ranks its matches without reading a text's stored row: the index's row number
-- leads to the testimony id, and the testimony's filter columns are in an index of
-- their own (on SQLite the sealed text sits before them in the row).
CREATE INDEX search_rows_fts ON search_rows (fts_rowid, testimony_id, text_id);
CREATE INDEX testimonies_search_cover ON testimonies (id, withdrawn_at, hearing_id, status, tags_seeded, witness_role, language, submitted_at);
