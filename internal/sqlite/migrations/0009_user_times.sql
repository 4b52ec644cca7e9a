-- Accounts and sessions stored their moments with nanoseconds
-- (2019-04-12T01:30:00.123456789Z) while the rest of the schema uses RFC 3339
-- to the second (2019-04-12T01:30:00Z). Bring them to the one layout, so that
-- string comparisons in SQL (expired sessions) see one width.
UPDATE users SET created_at = substr(created_at, 1, 19) || 'Z' WHERE created_at LIKE '____-__-__T__:__:__._%Z';
UPDATE users SET locked_until = substr(locked_until, 1, 19) || 'Z' WHERE locked_until LIKE '____-__-__T__:__:__._%Z';
UPDATE sessions SET created_at = substr(created_at, 1, 19) || 'Z' WHERE created_at LIKE '____-__-__T__:__:__._%Z';
UPDATE sessions SET last_seen = substr(last_seen, 1, 19) || 'Z' WHERE last_seen LIKE '____-__-__T__:__:__._%Z';
