-- The year the rows agree on most (the file's year when the upload does not name one), read
-- from the year column's distinct values; a year some plan of the agency's province covers
-- wins over one none does. Parameters: $covered (the years the province's plans cover).
WITH years AS (
  SELECT TRY_CAST(clean_text(raw) AS DOUBLE) AS v, n FROM upload_values WHERE field = 'year'
)
SELECT v::INTEGER AS year
FROM years
WHERE v = floor(v) AND abs(v) < 100000
GROUP BY v
ORDER BY list_contains($covered::INTEGER[], v::INTEGER) DESC, sum(n) DESC, v DESC
LIMIT 1;
