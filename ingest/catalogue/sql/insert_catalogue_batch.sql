-- One registration by Sở Nội vụ (a plan, an organisation change or a congress): no agency,
-- all of the file's rows accepted (a file with any problem is refused whole, never written).
-- Parameters: $kind, $year (NULL for an organisation), $submitted_by, $file_name, $sha256, $rows_total.
INSERT INTO ingest_batches (kind, agency_code, year, submitted_by, received_at, file_name, file_sha256,
                            rows_total, rows_accepted, rows_refused, rows_ignored, status)
VALUES ($kind, NULL, $year, $submitted_by, now()::TIMESTAMP, $file_name, $sha256,
        $rows_total, $rows_total, 0, 0, 'committed')
RETURNING id;
