-- One recognition per accepted row: its known exemplar, or the new one of its first row.
-- Parameters: $year, $batch.
INSERT INTO recognitions (exemplar_id, year, form, decision_no, decision_date, batch_id, source_row)
SELECT coalesce(u.exemplar_id, n.id), $year, u.form, u.decision_no, u.decision_date::DATE, $batch, u.src_row
FROM upload_ok u LEFT JOIN upload_new_ids n ON n.rep = u.new_rep;
