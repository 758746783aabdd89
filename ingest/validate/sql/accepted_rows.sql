-- Rows that will be committed, each with the existing exemplar it is (same explicit code, or
-- same agency + kind + identity: Section V counts recognitions per exemplar), and for a new
-- exemplar the first row of the file that names it (new_rep): rows of one new exemplar with
-- different forms make one exemplar. Only ids: the commit reads the values from upload_norm.
-- Identity holds within one plan's period ($plan): the same person in a later period, or under
-- a successor agency, is a new exemplar of that period whose line (lineage_id) continues the
-- earlier one's (lineage.sql). Parameters: $agency, $plan.
CREATE OR REPLACE TABLE upload_ok AS
WITH ok AS (
  SELECT src_row, kind, name, unit_id, code FROM upload_norm
  WHERE src_row NOT IN (SELECT src_row FROM upload_refusals)
    AND src_row NOT IN (SELECT src_row FROM upload_dups)
), agency_exemplars AS (
  SELECT id, code, kind, name, unit, hash(kind, lower(name), lower(unit)) AS ident_hash
  FROM exemplars WHERE agency_code = $agency AND plan_code = $plan
), by_code AS (
  SELECT o.src_row, e.id FROM ok o JOIN agency_exemplars e ON e.code = o.code
), by_identity AS (
  -- Identity (002): the clean text compared case-insensitively, diacritics kept. The hash
  -- finds the candidate, the texts decide; an agency without exemplars skips the probe.
  SELECT o.src_row, e.id
  FROM ok o JOIN upload_units u ON u.unit_id = o.unit_id
  JOIN agency_exemplars e ON e.ident_hash = hash(o.kind, lower(o.name), u.unit_ident)
  WHERE e.kind = o.kind AND lower(e.name) = lower(o.name) AND lower(e.unit) = u.unit_ident
), reps AS (
  SELECT src_row, min(src_row) OVER (PARTITION BY kind, coalesce('#' || code, name_ident || chr(31) || unit_ident)) AS rep
  FROM upload_crowded
)
SELECT o.src_row, coalesce(c.id, i.id) AS exemplar_id,
       CASE WHEN coalesce(c.id, i.id) IS NULL THEN coalesce(r.rep, o.src_row) END AS new_rep
FROM ok o
LEFT JOIN by_code c USING (src_row)
LEFT JOIN by_identity i USING (src_row)
LEFT JOIN reps r USING (src_row);
