DROP INDEX testimonies_search_cover;
DROP INDEX search_rows_fts;
