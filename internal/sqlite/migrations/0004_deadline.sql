-- The rectification deadline each circular was issued with (YYYY-MM-DD):
-- the config's rule or the date the clerk gave. Empty for numbers recorded
-- before it was kept, and for void ones.
ALTER TABLE circulars ADD COLUMN deadline TEXT NOT NULL DEFAULT '';
