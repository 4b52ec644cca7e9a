-- Placeholder on branch h-import only: migration 0003 belongs to helper "register".
-- Delete this file when merging that helper's 0003_*.sql (the runner refuses gaps).
SELECT 1;
