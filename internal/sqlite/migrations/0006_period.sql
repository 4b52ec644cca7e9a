-- Rounds cover a period: a quarter, a month, a half-year, or a campaign's own
-- start and end dates; and carry the office's own named figures.
ALTER TABLE rounds ADD COLUMN month INTEGER NOT NULL DEFAULT 0 CHECK (month BETWEEN 0 AND 12);
ALTER TABLE rounds ADD COLUMN half INTEGER NOT NULL DEFAULT 0 CHECK (half BETWEEN 0 AND 2);
ALTER TABLE rounds ADD COLUMN period_start TEXT;            -- YYYY-MM-DD, a campaign's 起止日期; NULL otherwise
ALTER TABLE rounds ADD COLUMN period_end TEXT;

CREATE TABLE round_figures (
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,                              -- order in the workbook
    name     TEXT    NOT NULL,
    value    REAL    NOT NULL,
    PRIMARY KEY (round_id, name)
) WITHOUT ROWID;
