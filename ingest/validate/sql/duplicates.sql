-- Valid rows that repeat an earlier row of the same file: the same exemplar (same kind and
-- identity, or the same explicit code) with the same form. The first occurrence is kept.
-- Reads upload_crowded (crowded_rows.sql): a row sharing nothing cannot repeat another.
CREATE OR REPLACE TABLE upload_dups AS
SELECT src_row, least(first_by_key, coalesce(first_by_code, first_by_key)) AS first_row FROM (
  SELECT src_row,
    min(src_row) OVER (PARTITION BY kind, name_ident, unit_ident, form) AS first_by_key,
    CASE WHEN code IS NOT NULL THEN min(src_row) OVER (PARTITION BY code, form) END AS first_by_code
  FROM upload_crowded
)
WHERE src_row > least(first_by_key, coalesce(first_by_code, first_by_key));
