DROP INDEX testimonies_waiting;
DROP INDEX testimonies_states;
DROP INDEX testimonies_queue_cover;
