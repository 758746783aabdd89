-- The distinct units of the file, cleaned and folded once each: a list names a few units
-- many times, and the fold (strip_accents) is the costliest step per row. unit_id 0 is "no
-- unit". Rows keep only the integer id (upload_norm.unit_id). Reads upload_values.
CREATE OR REPLACE TABLE upload_units AS
SELECT 0 AS unit_id, NULL::VARCHAR AS raw, '' AS unit, '' AS unit_key, '' AS unit_ident
UNION ALL
SELECT unit_id, raw, clean, fold_key_fast(clean), lower(clean)
FROM (SELECT row_number() OVER ()::INTEGER AS unit_id, raw, coalesce(clean_text(raw), '') AS clean
      FROM upload_values WHERE field = 'unit');
