-- The newest organisation upload: an upload merges into the organisation in force, so only
-- the same file sent again right after itself changes nothing.
SELECT b.id, b.file_sha256, r.report
FROM ingest_batches b LEFT JOIN ingest_batch_reports r ON r.batch_id = b.id
WHERE b.kind = 'organisation' AND b.status = 'committed'
ORDER BY b.id DESC
LIMIT 1;
