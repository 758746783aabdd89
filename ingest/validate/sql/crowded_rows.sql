-- Valid rows that share their fold keys (kind, name_key, unit_key) or their explicit code
-- with another valid row of the file. Only these can be in-file duplicates, rows of one new
-- exemplar, or in-file near-matches, so the costlier per-row logic runs on them alone (a
-- list rarely has any): one aggregate over the file instead of windows over every row.
CREATE OR REPLACE TEMP TABLE upload_crowded AS
WITH valid AS (
  SELECT src_row, kind, name, unit, name_key, unit_key, name_ident, unit_ident, code, form
  FROM upload_norm
  WHERE ignore_reason IS NULL AND src_row NOT IN (SELECT src_row FROM upload_refusals)
), shared_keys AS (
  SELECT kind, name_key, unit_key FROM valid GROUP BY ALL HAVING count(*) > 1
), shared_codes AS (
  SELECT code FROM valid WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1
)
SELECT * FROM valid v
WHERE (v.kind, v.name_key, v.unit_key) IN (SELECT (kind, name_key, unit_key) FROM shared_keys)
   OR v.code IN (SELECT code FROM shared_codes);
