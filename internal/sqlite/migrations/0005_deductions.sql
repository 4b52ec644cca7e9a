-- Deduction problems (扣分问题): what cost a checked site or account points
-- without failing it, as the clerk typed it; the circular lists them apart
-- from the problems of failing items.

ALTER TABLE site_results ADD COLUMN deductions TEXT NOT NULL DEFAULT '';
ALTER TABLE account_results ADD COLUMN deductions TEXT NOT NULL DEFAULT '';
