-- The batch that registered the plan in force under this code (none for a plan shipped with
-- the release), with its report. Parameters: $code.
SELECT b.id, b.file_sha256, r.report
FROM plans p JOIN ingest_batches b ON b.id = p.batch_id LEFT JOIN ingest_batch_reports r ON r.batch_id = b.id
WHERE p.code = $code AND b.status = 'committed';
