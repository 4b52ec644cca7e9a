-- Inspection rounds and their results. Sites and accounts keep their identity
-- across rounds (a site is the same site next quarter); what a site or account
-- was called, who ran it and how it fared are kept per round in the results.

CREATE TABLE rounds (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,              -- 2019Q1, or the free label
    year            INTEGER NOT NULL,
    quarter         INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    label           TEXT    NOT NULL DEFAULT '',
    scope           TEXT    NOT NULL CHECK (scope IN ('全覆盖', '抽查')),
    share           REAL,                                  -- sampling share in percent, for 抽查
    sample_start    TEXT,                                  -- YYYY-MM-DD; NULL when not given
    sample_end      TEXT,
    reports         INTEGER CHECK (reports >= 0),          -- 找错留言 received; NULL when not given
    reports_on_time INTEGER CHECK (reports_on_time >= 0),
    note            TEXT    NOT NULL DEFAULT '',
    source          TEXT    NOT NULL DEFAULT '',           -- the workbook it was imported from
    source_sha256   TEXT    NOT NULL DEFAULT '',
    imported_at     TEXT    NOT NULL
);

CREATE TABLE sites (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE                              -- 网站标识码
);

CREATE TABLE accounts (
    id       INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    name     TEXT NOT NULL,
    UNIQUE (platform, name)
);

CREATE TABLE site_results (
    round_id      INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    site_id       INTEGER NOT NULL REFERENCES sites (id),
    seq           INTEGER NOT NULL,                        -- row order in the workbook
    name          TEXT    NOT NULL,
    unit          TEXT    NOT NULL,
    region        TEXT    NOT NULL DEFAULT '',
    category      TEXT    NOT NULL,
    closed        INTEGER NOT NULL CHECK (closed IN (0, 1)),
    checked       INTEGER NOT NULL CHECK (checked IN (0, 1)),
    verdict       TEXT    NOT NULL CHECK (verdict IN ('', '合格', '不合格')),
    vetoes        TEXT    NOT NULL DEFAULT '',             -- 、-separated single-veto indicators
    blank_columns INTEGER CHECK (blank_columns >= 0),      -- NULL: not filled in
    stale_columns INTEGER CHECK (stale_columns >= 0),
    broken_links  INTEGER CHECK (broken_links >= 0),
    stale_days    INTEGER CHECK (stale_days >= 0),
    deduction     REAL    CHECK (deduction BETWEEN 0 AND 100),
    problem       TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, site_id),
    CHECK (checked = 1 OR verdict = '')
) WITHOUT ROWID;

CREATE INDEX site_results_site ON site_results (site_id);

CREATE TABLE account_results (
    round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    seq        INTEGER NOT NULL,
    unit       TEXT    NOT NULL,
    region     TEXT    NOT NULL DEFAULT '',
    closed     INTEGER NOT NULL CHECK (closed IN (0, 1)),
    checked    INTEGER NOT NULL CHECK (checked IN (0, 1)),
    verdict    TEXT    NOT NULL CHECK (verdict IN ('', '合格', '不合格')),
    vetoes     TEXT    NOT NULL DEFAULT '',
    stale_days INTEGER CHECK (stale_days >= 0),
    problem    TEXT    NOT NULL DEFAULT '',
    note       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, account_id),
    CHECK (checked = 1 OR verdict = '')
) WITHOUT ROWID;

CREATE INDEX account_results_account ON account_results (account_id);
