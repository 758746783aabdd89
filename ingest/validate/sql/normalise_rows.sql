-- Normalises the data rows (upload_rows minus upload_ignored) set-wise into a narrow table:
-- cleaned text, the codes JS matched for each distinct raw value (map_* tables), the unit's
-- id (upload_units), the year and the decision date, and fold_hash (kind and fold keys), which
-- finds rows that may repeat or resemble another row of the file, confirmed exactly afterwards
-- (a collision only adds a candidate), and bad_text (a refused character in a column read per
-- row: text_macros.sql). No raw values: the few refused rows read theirs from
-- upload_rows (refusals.sql); each unused text column cost ~16 MB of writes per 1M rows.
-- Parameters: $form_year (INTEGER or NULL: the year given with the upload).
CREATE OR REPLACE TABLE upload_norm AS
WITH parsed AS (
  SELECT c.src_row,
    coalesce(clean_text(c.name), '') AS name,
    coalesce(mu.unit_id, 0) AS unit_id,
    coalesce(mu.unit_key, '') AS unit_key,
    nullif(clean_text(c.code), '') AS code,
    coalesce(clean_text(c.decision_no), '') AS decision_no,
    mk.code AS kind,
    mm.no AS movement_no,
    CASE WHEN is_blank(c.category) THEN 'dien_hinh_tien_tien' ELSE mc.code END AS category,
    CASE WHEN is_blank(c.stage) THEN 'phat_hien' ELSE ms.code END AS stage,
    CASE WHEN is_blank(c.form) THEN 'cong_nhan_dhtt' ELSE mf.code END AS form,
    c.year AS raw_year, TRY_CAST(clean_text(c.year) AS DOUBLE) AS year_number,
    md.iso::DATE AS decision_date,
    md.iso IS NULL AND NOT is_blank(c.decision_date) AS date_invalid,
    -- The columns read per row; the others are checked once per distinct value (units.sql,
    -- buildValueMaps) and the year cannot parse with such a character in it.
    coalesce(has_invalid_char(c.name) OR has_invalid_char(c.code) OR has_invalid_char(c.decision_no), FALSE) AS bad_text
  FROM upload_rows c
  LEFT JOIN map_kind mk ON mk.raw = c.kind
  LEFT JOIN map_movement mm ON mm.raw = c.movement
  LEFT JOIN map_category mc ON mc.raw = c.category
  LEFT JOIN map_stage ms ON ms.raw = c.stage
  LEFT JOIN map_form mf ON mf.raw = c.form
  LEFT JOIN map_date md ON md.raw = c.decision_date
  LEFT JOIN upload_units mu ON mu.raw = c.unit
  WHERE c.src_row NOT IN (SELECT src_row FROM upload_ignored)
), keyed AS (
  SELECT p.*, fold_key_fast(name) AS name_key FROM parsed p
)
SELECT k.* EXCLUDE (unit_key, raw_year, year_number),
  CASE WHEN is_blank(raw_year) THEN $form_year::INTEGER
       WHEN year_number = floor(year_number) AND abs(year_number) < 100000 THEN year_number::INTEGER END AS year,
  hash(kind, name_key, unit_key) AS fold_hash
FROM keyed k;
