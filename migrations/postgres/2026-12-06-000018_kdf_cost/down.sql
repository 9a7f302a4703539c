ALTER TABLE user_keys DROP COLUMN kdf_passes;
ALTER TABLE user_keys DROP COLUMN kdf_memory_kib;
