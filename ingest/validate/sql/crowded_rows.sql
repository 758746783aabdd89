-- Valid rows that share their fold keys (kind, name_key, unit_key: fold_hash) or their
-- explicit code with another valid row of the file. Only these can be in-file duplicates,
-- rows of one new exemplar, or in-file near-matches (the same identity has the same fold
-- keys), so the exact per-row logic runs on them alone (a list rarely has any): one integer
-- aggregate over the file instead of windows over every row's text.
CREATE OR REPLACE TABLE upload_crowded AS
WITH valid AS (
  SELECT src_row, fold_hash, code FROM upload_norm
  WHERE src_row NOT IN (SELECT src_row FROM upload_refusals)
), shared_keys AS (
  SELECT fold_hash FROM valid GROUP BY fold_hash HAVING count(*) > 1
), shared_codes AS (
  SELECT code FROM valid WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1
)
SELECT n.src_row, n.kind, n.name, u.unit, n.name_key, u.unit_key, lower(n.name) AS name_ident, u.unit_ident, n.code, n.form
FROM upload_norm n JOIN upload_units u USING (unit_id)
WHERE n.src_row IN (SELECT src_row FROM valid WHERE fold_hash IN (SELECT fold_hash FROM shared_keys) OR code IN (SELECT code FROM shared_codes));
