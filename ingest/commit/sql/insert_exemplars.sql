-- New exemplars, with the ids of new_exemplar_ids.sql. Without an explicit code the code is
-- <agency>-<batch>-<row>: unique by construction and traceable to the upload.
-- Parameters: $agency, $batch.
INSERT INTO exemplars (id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, first_batch_id)
SELECT n.id, coalesce(u.code, $agency || '-' || $batch || '-' || u.src_row), u.name, u.name_key, u.unit, u.unit_key, u.kind, u.category,
       $agency, u.movement_no, u.stage, $batch
FROM upload_ok u JOIN upload_new_ids n ON n.rep = u.src_row;
