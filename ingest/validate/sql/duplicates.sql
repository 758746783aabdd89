-- Valid rows that repeat an earlier row of the same file: the same exemplar (kind, name,
-- unit, or the same explicit code) with the same form. The first occurrence is kept.
CREATE OR REPLACE TEMP TABLE upload_dups AS
SELECT src_row, least(first_by_key, coalesce(first_by_code, first_by_key)) AS first_row FROM (
  SELECT src_row,
    min(src_row) OVER (PARTITION BY kind, name_key, unit_key, form) AS first_by_key,
    CASE WHEN code IS NOT NULL THEN min(src_row) OVER (PARTITION BY code, form) END AS first_by_code
  FROM upload_norm
  WHERE ignore_reason IS NULL AND src_row NOT IN (SELECT src_row FROM upload_refusals)
)
WHERE src_row > least(first_by_key, coalesce(first_by_code, first_by_key));
