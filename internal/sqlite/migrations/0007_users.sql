-- Accounts and sign-in sessions of the workbench in network mode. A password
-- is kept only as its bcrypt hash and a session only as the SHA-256 of its
-- token, so a copy of the file signs nobody in. failures counts wrong
-- passwords since the last success; locked_until (UTC) is when a
-- lock-out ends.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('文秘', '编辑', '查看')),
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL
);

CREATE TABLE sessions (
    token_sha256 TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT    NOT NULL,
    last_seen    TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Who did it: the person (an account's name in the workbench's network
-- mode, else the system user) who issued or voided a number, took a void
-- back, and imported, replaced or deleted a round.
ALTER TABLE circulars ADD COLUMN issued_by TEXT NOT NULL DEFAULT '';
ALTER TABLE circulars ADD COLUMN voided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE register_events ADD COLUMN actor TEXT NOT NULL DEFAULT '';
CREATE TABLE round_events (
    id     INTEGER PRIMARY KEY,
    round  TEXT    NOT NULL,
    action TEXT    NOT NULL CHECK (action IN ('import', 'replace', 'delete')),
    actor  TEXT    NOT NULL DEFAULT '',
    at     TEXT    NOT NULL
);
CREATE INDEX round_events_round ON round_events (round);
