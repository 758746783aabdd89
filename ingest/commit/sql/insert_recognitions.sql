-- One recognition per accepted row: its known exemplar, or the new one of its first row.
-- Parameters: $year, $batch.
INSERT INTO recognitions (exemplar_id, year, form, decision_no, decision_date, batch_id, source_row)
SELECT coalesce(o.exemplar_id, i.id), $year, n.form, n.decision_no, n.decision_date, $batch, o.src_row
FROM upload_ok o JOIN upload_norm n USING (src_row) LEFT JOIN upload_new_ids i ON i.rep = o.new_rep;
