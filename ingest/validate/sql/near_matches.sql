-- Possible same exemplars spelled differently, listed for a person to review, never merged
-- (diacritics tell Vietnamese names apart: "Hùng" and "Hưng" are two people). For each row
-- that makes a new exemplar: an existing exemplar of the same agency and kind with the same
-- fold keys (differs only in diacritics or punctuation), or in the same unit with a name one
-- or two letters away; and an earlier row of the same file, also new, with the same fold
-- keys but another identity. Parameters: $agency, $plan.
WITH agency_units AS (
  SELECT DISTINCT kind, unit_key FROM exemplars WHERE agency_code = $agency AND plan_code = $plan
), new_rows AS (
  -- Each comparison needs an existing exemplar of the same kind and unit, or another row of
  -- the file with the same fold keys (upload_crowded): other rows cannot match anything.
  SELECT o.src_row, n.kind, n.name, n.name_key, u.unit, u.unit_key
  FROM upload_ok o JOIN upload_norm n USING (src_row) JOIN upload_units u USING (unit_id)
  WHERE o.exemplar_id IS NULL
    AND ((n.kind, u.unit_key) IN (SELECT (kind, unit_key) FROM agency_units) OR o.src_row IN (SELECT src_row FROM upload_crowded))
)
SELECT * FROM (
  SELECT u.src_row, u.name, u.unit, e.id AS exemplar_id, e.code AS exemplar_code, e.name AS exemplar_name, e.unit AS exemplar_unit,
         NULL::INTEGER AS other_row, 0 AS distance, 'same_key_other_spelling' AS reason
  FROM new_rows u
  JOIN exemplars e ON e.agency_code = $agency AND e.plan_code = $plan AND e.kind = u.kind AND e.name_key = u.name_key AND e.unit_key = u.unit_key
  UNION ALL
  SELECT u.src_row, u.name, u.unit, e.id, e.code, e.name, e.unit, NULL, levenshtein(u.name_key, e.name_key)::INTEGER, 'similar_name'
  FROM new_rows u
  JOIN exemplars e ON e.agency_code = $agency AND e.plan_code = $plan AND e.kind = u.kind AND e.unit_key = u.unit_key AND e.name_key <> u.name_key
                  AND abs(length(e.name_key) - length(u.name_key)) <= 2
  WHERE levenshtein(u.name_key, e.name_key) <= 2
  UNION ALL
  SELECT a.src_row, a.name, a.unit, NULL, NULL, b.name, b.unit, b.src_row, 0, 'same_key_other_spelling'
  FROM upload_crowded a
  JOIN upload_crowded b ON b.kind = a.kind AND b.name_key = a.name_key AND b.unit_key = a.unit_key
                       AND (b.name_ident <> a.name_ident OR b.unit_ident <> a.unit_ident) AND b.src_row < a.src_row
  -- Both rows new: a row against a known exemplar is already compared with it above.
  WHERE a.src_row IN (SELECT src_row FROM new_rows)
    AND b.src_row IN (SELECT src_row FROM new_rows)
  QUALIFY b.src_row = min(b.src_row) OVER (PARTITION BY a.src_row)
)
ORDER BY src_row, distance
LIMIT 1000;
