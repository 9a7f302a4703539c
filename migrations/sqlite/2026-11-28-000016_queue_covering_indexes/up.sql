-- Indexes that hold every column the review queue, its counts and its filter choices
-- read, so those never read a testimony's row (on SQLite the sealed text sits before
-- the later columns, and reaching them means reading its overflow pages).
CREATE INDEX testimonies_queue_cover ON testimonies (submitted_at, id, erased_at, withdrawn_at, status, hearing_id, language, witness_role, place_state, intake, assigned_to, unread_reply, tags_seeded, period_from, period_to);
CREATE INDEX testimonies_states ON testimonies (place_state, erased_at);
CREATE INDEX testimonies_waiting ON testimonies (hearing_id, status, unread_reply, withdrawn_at, erased_at);
