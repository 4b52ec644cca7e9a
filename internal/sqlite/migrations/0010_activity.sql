-- The activity log: one row for everything anyone did that changed the
-- office's state — imported, replaced or deleted a round, issued, voided or
-- took back a number, reprinted or archived a circular, saved a template or
-- the settings, managed an account — from the workbench or the command line,
-- whose actor reads 「命令行：<system user>」. The workbench's 操作记录 page
-- lists it. action is a short English code (internal/app names it in
-- Chinese); subject is what it was done to (a round, a number, a template,
-- an account); at is RFC 3339 UTC.
CREATE TABLE activity (
    id      INTEGER PRIMARY KEY,
    at      TEXT    NOT NULL,
    actor   TEXT    NOT NULL DEFAULT '',
    action  TEXT    NOT NULL,
    subject TEXT    NOT NULL DEFAULT '',
    detail  TEXT    NOT NULL DEFAULT ''
);

-- What was recorded before the log existed: rounds' and the register's
-- histories, and every circular issued.
INSERT INTO activity (at, actor, action, subject, detail)
SELECT at, actor, action, subject, detail FROM (
    SELECT at, actor, action, round AS subject, '' AS detail, 1 AS src, id FROM round_events
    UNION ALL
    SELECT at, actor, action, number, reason, 2, id FROM register_events
    UNION ALL
    SELECT created_at, issued_by, 'issue', number, title, 3, id FROM circulars WHERE pdf_sha256 <> ''
) ORDER BY at, src, id;
