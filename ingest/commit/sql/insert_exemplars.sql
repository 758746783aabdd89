-- New exemplars, with the ids of new_exemplar_ids.sql. Without an explicit code the code is
-- <agency>-<batch>-<row>: unique by construction and traceable to the upload. An exemplar
-- that continues an earlier one's line (lineage.sql) takes that line's id; else NULL (its own).
-- Parameters: $agency, $batch, $plan.
INSERT INTO exemplars (id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, first_batch_id, plan_code, lineage_id)
SELECT i.id, coalesce(n.code, $agency || '-' || $batch || '-' || n.src_row), n.name, n.name_key, u.unit, u.unit_key, n.kind, n.category,
       $agency, n.movement_no, n.stage, $batch, $plan, l.lineage_id
FROM upload_new_ids i JOIN upload_norm n ON n.src_row = i.rep JOIN upload_units u USING (unit_id)
LEFT JOIN upload_lineage l ON l.rep = i.rep;
