-- The batch that registered the congress in force under this code, with its report. Parameters: $code.
SELECT b.id, b.file_sha256, r.report
FROM congresses c JOIN ingest_batches b ON b.id = c.batch_id LEFT JOIN ingest_batch_reports r ON r.batch_id = b.id
WHERE c.code = $code AND b.status = 'committed';
