-- The ignored rows the report lists. Parameters: $limit.
SELECT src_row, ignore_reason, first_text FROM upload_ignored ORDER BY src_row LIMIT $limit;
