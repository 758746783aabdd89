-- One allocations batch (Sở Nội vụ's upload); the allocation in force per agency and congress
-- is the newest. Its year is the last year of the congress's period.
INSERT INTO ingest_batches (kind, agency_code, year, submitted_by, received_at, file_name, file_sha256,
                            rows_total, rows_accepted, rows_refused, rows_ignored, status)
VALUES ('allocations', NULL, $year, $submitted_by, now()::TIMESTAMP, $file_name, $sha256,
        $rows_total, $rows_accepted, 0, $rows_ignored, 'committed')
RETURNING id;
