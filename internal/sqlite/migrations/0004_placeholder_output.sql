-- Placeholder on branch h-import only: migration 0004 belongs to helper "output".
-- Delete this file when merging that helper's 0004_*.sql (the runner refuses gaps).
SELECT 1;
