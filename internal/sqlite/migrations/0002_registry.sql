-- The number registry: every 发文字号 given, per 机关代字 and year, issued or void.
CREATE TABLE circulars (
    id               INTEGER PRIMARY KEY,
    code             TEXT    NOT NULL,
    year             INTEGER NOT NULL,
    serial           INTEGER NOT NULL CHECK (serial >= 1),
    number           TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('issued', 'void')),
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
    UNIQUE (code, year, serial)
);
CREATE INDEX circulars_round ON circulars (round);
