DROP INDEX search_index_seq;
ALTER TABLE search_index DROP COLUMN seq;
