-- One batch and its stored report, if the token may see it. Parameters: $id, $agency.
SELECT b.id, b.kind, b.agency_code, b.year, b.submitted_by, strftime(b.received_at, '%Y-%m-%dT%H:%M:%SZ') AS received_at, b.file_name, b.file_sha256,
       b.rows_total, b.rows_accepted, b.rows_refused, b.rows_ignored, b.status, b.superseded_by,
       (SELECT count(*) FROM recognitions r WHERE r.batch_id = b.id)::INTEGER AS recognitions_current,
       (SELECT count(*) FROM recognitions_history h WHERE h.batch_id = b.id)::INTEGER AS recognitions_history,
       rep.report
FROM ingest_batches b LEFT JOIN ingest_batch_reports rep ON rep.batch_id = b.id
WHERE b.id = $id AND ($agency::VARCHAR IS NULL OR b.agency_code = $agency);
