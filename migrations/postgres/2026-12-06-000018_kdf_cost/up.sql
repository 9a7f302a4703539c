-- The Argon2id cost each staff key was wrapped with, so that the cost can change for new
-- keys while earlier ones still open (they were all wrapped with 19 MiB and 2 passes).
ALTER TABLE user_keys ADD COLUMN kdf_memory_kib INTEGER NOT NULL DEFAULT 19456;
ALTER TABLE user_keys ADD COLUMN kdf_passes INTEGER NOT NULL DEFAULT 2;
