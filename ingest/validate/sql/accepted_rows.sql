-- Rows that will be committed, each with the existing exemplar it is (same explicit code,
-- or same agency + kind + name key + unit key: Section V counts recognitions per exemplar).
-- Parameters: $agency.
CREATE OR REPLACE TEMP TABLE upload_ok AS
SELECT u.src_row, u.name, u.name_key, u.unit, u.unit_key, u.code, u.kind, u.category, u.stage,
       u.movement_no, u.form, u.decision_no, u.decision_date,
       coalesce(ec.id, ek.id) AS exemplar_id,
       coalesce(ec.name, ek.name) AS existing_name
FROM upload_norm u
LEFT JOIN exemplars ec ON u.code IS NOT NULL AND ec.code = u.code AND ec.agency_code = $agency
LEFT JOIN exemplars ek ON ek.agency_code = $agency AND ek.kind = u.kind AND ek.name_key = u.name_key AND ek.unit_key = u.unit_key
WHERE u.ignore_reason IS NULL
  AND u.src_row NOT IN (SELECT src_row FROM upload_refusals)
  AND u.src_row NOT IN (SELECT src_row FROM upload_dups);
