-- Rows that will be committed, each with the existing exemplar it is (same explicit code, or
-- same agency + kind + identity: Section V counts recognitions per exemplar), and for a new
-- exemplar the first row of the file that names it (new_rep): rows of one new exemplar with
-- different forms make one exemplar. Parameters: $agency.
CREATE OR REPLACE TEMP TABLE upload_ok AS
WITH reps AS (
  SELECT src_row, min(src_row) OVER (PARTITION BY kind, coalesce('#' || code, name_ident || chr(31) || unit_ident)) AS rep
  FROM upload_crowded
), matched AS (
  SELECT u.src_row, u.name, u.name_key, u.name_ident, u.unit, u.unit_key, u.unit_ident, u.code, u.kind, u.category, u.stage,
         u.movement_no, u.form, u.decision_no, u.decision_date,
         coalesce(ec.id, ek.id) AS exemplar_id
  FROM upload_norm u
  LEFT JOIN exemplars ec ON u.code IS NOT NULL AND ec.code = u.code AND ec.agency_code = $agency
  LEFT JOIN exemplars ek ON ek.agency_code = $agency AND ek.kind = u.kind AND lower(ek.name) = u.name_ident AND lower(ek.unit) = u.unit_ident
  WHERE u.ignore_reason IS NULL
    AND u.src_row NOT IN (SELECT src_row FROM upload_refusals)
    AND u.src_row NOT IN (SELECT src_row FROM upload_dups)
)
SELECT m.*, CASE WHEN m.exemplar_id IS NULL THEN coalesce(r.rep, m.src_row) END AS new_rep
FROM matched m LEFT JOIN reps r USING (src_row);
