-- Batches visible to a token: $agency NULL = all (Sở Nội vụ), else that agency's.
SELECT id, kind, agency_code, year, submitted_by, strftime(received_at, '%Y-%m-%dT%H:%M:%SZ') AS received_at, file_name, file_sha256,
       rows_total, rows_accepted, rows_refused, rows_ignored, status, superseded_by
FROM ingest_batches
WHERE $agency::VARCHAR IS NULL OR agency_code = $agency
ORDER BY id DESC
LIMIT 500;
