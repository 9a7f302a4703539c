DROP TABLE outbox;
DROP TABLE login_throttle;
DROP TABLE staff_tokens;
DROP TABLE users;
