-- The order in which texts were saved into the search index (a new number on every
-- save), so that a search matching very many texts ranks the most recently saved.
ALTER TABLE search_index ADD COLUMN seq BIGSERIAL;
CREATE INDEX search_index_seq ON search_index (seq);
