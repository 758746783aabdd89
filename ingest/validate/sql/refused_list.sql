-- The refusals the report lists, with a refused movement's nearest candidates. Parameters: $limit.
SELECT r.src_row, r.field, r.value, r.code, r.value_length, m.candidates AS movement_candidates
FROM upload_refusals r LEFT JOIN map_movement m ON r.code = 'MOVEMENT_UNKNOWN' AND m.raw = r.value
ORDER BY r.src_row, r.field
LIMIT $limit;
