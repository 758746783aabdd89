-- New exemplars. Without an explicit code the code is <agency>-<batch>-<row>: unique by
-- construction and traceable to the upload. Parameters: $agency, $batch.
INSERT INTO exemplars (code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, first_batch_id)
SELECT coalesce(code, $agency || '-' || $batch || '-' || src_row), name, name_key, unit, unit_key, kind, category,
       $agency, movement_no, stage, $batch
FROM upload_ok WHERE exemplar_id IS NULL;
