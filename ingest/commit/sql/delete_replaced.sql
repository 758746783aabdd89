-- Parameters: $agency, $year (the rows just copied to history).
DELETE FROM recognitions
WHERE year = $year AND exemplar_id IN (SELECT id FROM exemplars WHERE agency_code = $agency);
