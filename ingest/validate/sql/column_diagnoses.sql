-- Columns where most data rows are refused for one reason (docs/upload-format.md, "One diagnosis per column"): one line per
-- (field, code) refused on at least $min_rows rows and at least $min_share of the data rows
-- (upload_norm: the rows under the header that are not ignored), with the distinct values
-- refused, most frequent first ($max_values of them, as JSON). Needs upload_refusals.
-- Parameters: $min_rows, $min_share (0–1), $max_values.
WITH data_rows AS (
  SELECT count(*) AS n FROM upload_norm
), grouped AS (
  SELECT field, code, count(DISTINCT src_row) AS rows FROM upload_refusals GROUP BY field, code
), value_counts AS (
  SELECT field, code, value, count(*) AS n FROM upload_refusals GROUP BY field, code, value
)
SELECT g.field, g.code, g.rows::INTEGER AS rows, d.n::INTEGER AS data_rows,
  (SELECT to_json(list({'value': v.value, 'count': v.n::INTEGER} ORDER BY v.n DESC, v.value NULLS FIRST)[1:$max_values])
   FROM value_counts v WHERE v.field = g.field AND v.code = g.code)::VARCHAR AS values_json
FROM grouped g, data_rows d
WHERE g.rows >= $min_rows AND g.rows >= $min_share * d.n
ORDER BY g.rows DESC, g.field, g.code;
