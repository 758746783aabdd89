-- One recognition per accepted row. Parameters: $agency, $year, $batch.
INSERT INTO recognitions (exemplar_id, year, form, decision_no, decision_date, batch_id, source_row)
SELECT coalesce(u.exemplar_id, e.id), $year, u.form, u.decision_no, u.decision_date::DATE, $batch, u.src_row
FROM upload_ok u
-- An equality-only join (a hash join); a row matched by explicit code keeps that match.
LEFT JOIN exemplars e ON e.agency_code = $agency AND e.kind = u.kind AND e.name_key = u.name_key AND e.unit_key = u.unit_key;
