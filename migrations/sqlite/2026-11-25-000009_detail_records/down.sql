DROP TABLE detail_records;
