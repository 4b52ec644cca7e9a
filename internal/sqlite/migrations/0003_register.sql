-- The register keeps its own history: a number can also be 「已在别处使用」
-- (external: used by a document made outside tongbao), every void, unvoid and
-- external registration is recorded in register_events, and an issued
-- circular records the program version that typeset it. SQLite cannot alter a
-- CHECK constraint, so circulars is rebuilt with the wider status list.
CREATE TABLE circulars_new (
    id               INTEGER PRIMARY KEY,
    code             TEXT    NOT NULL,
    year             INTEGER NOT NULL,
    serial           INTEGER NOT NULL CHECK (serial >= 1),
    number           TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('issued', 'void', 'external')),
    round            TEXT    NOT NULL DEFAULT '',
    title            TEXT    NOT NULL DEFAULT '',
    date             TEXT    NOT NULL DEFAULT '',
    templates_sha256 TEXT    NOT NULL DEFAULT '',
    config_sha256    TEXT    NOT NULL DEFAULT '',
    data_sha256      TEXT    NOT NULL DEFAULT '',
    pdf_sha256       TEXT    NOT NULL DEFAULT '',
    pages            INTEGER NOT NULL DEFAULT 0,
    snapshot         BLOB,
    pdf              BLOB,
    void_reason      TEXT    NOT NULL DEFAULT '',
    voided_at        TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    program_version  TEXT    NOT NULL DEFAULT '',
    UNIQUE (code, year, serial)
);
INSERT INTO circulars_new (id, code, year, serial, number, status, round, title, date, templates_sha256, config_sha256,
    data_sha256, pdf_sha256, pages, snapshot, pdf, void_reason, voided_at, created_at)
    SELECT id, code, year, serial, number, status, round, title, date, templates_sha256, config_sha256,
    data_sha256, pdf_sha256, pages, snapshot, pdf, void_reason, voided_at, created_at FROM circulars;
DROP TABLE circulars;
ALTER TABLE circulars_new RENAME TO circulars;
CREATE INDEX circulars_round ON circulars (round);

CREATE TABLE register_events (
    id     INTEGER PRIMARY KEY,
    code   TEXT    NOT NULL,
    year   INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    number TEXT    NOT NULL,
    action TEXT    NOT NULL CHECK (action IN ('void', 'unvoid', 'external')),
    reason TEXT    NOT NULL DEFAULT '',
    at     TEXT    NOT NULL
);
CREATE INDEX register_events_number ON register_events (code, year, serial);
