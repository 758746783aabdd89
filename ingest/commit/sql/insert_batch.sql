-- The audit row of one upload. Parameters: see commitBatch.ts.
INSERT INTO ingest_batches (kind, agency_code, year, submitted_by, received_at, file_name, file_sha256,
                            rows_total, rows_accepted, rows_refused, rows_ignored, status, synthetic)
VALUES ('recognitions', $agency, $year, $submitted_by, $received_at::TIMESTAMP, $file_name, $sha256,
        $rows_total, $rows_accepted, $rows_refused, $rows_ignored, 'committed', false)
RETURNING id;
