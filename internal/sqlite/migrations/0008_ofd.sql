-- The OFD (GB/T 33190) issued beside the PDF when [archive] formats lists
-- "ofd": its SHA-256 (hex) and its bytes, kept like the PDF's for
-- reprint -original. Empty and NULL for circulars issued as PDF only.
ALTER TABLE circulars ADD COLUMN ofd_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE circulars ADD COLUMN ofd BLOB;
