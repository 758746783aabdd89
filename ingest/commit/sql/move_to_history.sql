-- A re-upload replaces the agency-year: its current recognitions (from any earlier batch,
-- demo data included) go to recognitions_history. Parameters: $agency, $year.
INSERT INTO recognitions_history (id, exemplar_id, year, form, decision_no, decision_date, batch_id, source_row, superseded_at)
SELECT r.id, r.exemplar_id, r.year, r.form, r.decision_no, r.decision_date, r.batch_id, r.source_row, now()::TIMESTAMP
FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id
WHERE e.agency_code = $agency AND r.year = $year;
