-- The in-file duplicates the report lists, with the name as cleaned. Parameters: $limit.
SELECT d.src_row, d.first_row, n.name FROM upload_dups d JOIN upload_norm n USING (src_row) ORDER BY d.src_row LIMIT $limit;
