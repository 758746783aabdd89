-- Possible same exemplars spelled differently, listed for a person to review, never merged:
-- a new exemplar whose name is one or two letters from an existing one of the same agency,
-- kind and unit; and a row merged with an existing exemplar (same key) whose stored name
-- differs in diacritics or case ("Hùng" / "Hưng" fold to the same key). Parameters: $agency.
SELECT * FROM (
  SELECT u.src_row, u.name, u.unit, e.id AS exemplar_id, e.code AS exemplar_code, e.name AS exemplar_name, e.unit AS exemplar_unit,
         levenshtein(u.name_key, e.name_key)::INTEGER AS distance, 'similar_name' AS reason
  FROM upload_ok u
  JOIN exemplars e ON e.agency_code = $agency AND e.kind = u.kind AND e.unit_key = u.unit_key AND e.name_key <> u.name_key
                  AND abs(length(e.name_key) - length(u.name_key)) <= 2
  WHERE u.exemplar_id IS NULL AND levenshtein(u.name_key, e.name_key) <= 2
  UNION ALL
  SELECT u.src_row, u.name, u.unit, e.id, e.code, e.name, e.unit, 0, 'same_key_other_spelling'
  FROM upload_ok u JOIN exemplars e ON e.id = u.exemplar_id
  WHERE e.name <> u.name
)
ORDER BY src_row, distance
LIMIT 1000;
