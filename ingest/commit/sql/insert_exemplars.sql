-- New exemplars, with the ids of new_exemplar_ids.sql. Without an explicit code the code is
-- <agency>-<batch>-<row>: unique by construction and traceable to the upload. lineage_id stays
-- NULL (the exemplar starts its own line) unless link_lineage.sql finds an earlier one: a join
-- here cost ~30 ms per 1M rows on every list, and few lists continue anything.
-- Parameters: $agency, $batch, $plan.
INSERT INTO exemplars (id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, first_batch_id, plan_code)
SELECT i.id, coalesce(n.code, $agency || '-' || $batch || '-' || n.src_row), n.name, n.name_key, u.unit, u.unit_key, n.kind, n.category,
       $agency, n.movement_no, n.stage, $batch, $plan
FROM upload_new_ids i JOIN upload_norm n ON n.src_row = i.rep JOIN upload_units u USING (unit_id);
