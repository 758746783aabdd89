-- Every problem of every data row, one line per (row, column), with the value as typed. One
-- scan picks the rows with any problem (a list rarely has many); the typed values of those
-- rows come from upload_rows, and each rule then reads those rows only.
-- Two rules apply to every column and take precedence over the column's own rules (a kind
-- with a NUL in it is not also "unknown"): a refused character (TEXT_INVALID_CHARACTER,
-- has_invalid_char in text_macros.sql; the value shown around the first one) and text longer
-- than a cell may be (TEXT_TOO_LONG, the value cut to 60 characters; value_length is the
-- cleaned text's length). The matched columns reach
-- them because buildValueMaps leaves such values unmatched, and units through long_units.
-- Parameters: $file_year, $agency (codes of other agencies' exemplars may not be reused),
-- $plan, $first_year, $last_year (the plan the list falls under, findUploadPlan.ts),
-- $household_movements (its movement keys that recognise households), $max_length (MAX_TEXT_LENGTH).
CREATE OR REPLACE TABLE upload_refusals AS
WITH long_units AS (
  SELECT unit_id, unit FROM upload_units WHERE length(unit) > $max_length OR has_invalid_char(raw)
), other_codes AS (
  SELECT DISTINCT code FROM exemplars
  WHERE agency_code <> $agency AND plan_code = $plan AND code IN (SELECT code FROM upload_norm WHERE code IS NOT NULL)
), problem_rows AS (
  SELECT n.*, n.code IN (SELECT code FROM other_codes) AS other_code
  FROM upload_norm n
  WHERE n.name = '' OR n.bad_text OR length(n.name) > $max_length OR n.unit_id IN (SELECT unit_id FROM long_units)
     OR length(n.decision_no) > $max_length OR length(n.code) > $max_length
     OR n.kind IS NULL OR (n.kind = 'ho_gia_dinh' AND NOT list_contains($household_movements::INTEGER[], n.movement_no)) OR n.movement_no IS NULL
     OR n.year IS NULL OR n.year NOT BETWEEN $first_year AND $last_year OR n.year <> $file_year
     OR n.category IS NULL OR n.stage IS NULL OR n.form IS NULL OR n.date_invalid
     OR n.code IN (SELECT code FROM other_codes)
), d AS MATERIALIZED (
  SELECT p.*, r.name AS raw_name, r.unit AS raw_unit, r.code AS raw_code, r.decision_no AS raw_decision_no,
         r.kind AS raw_kind, r.movement AS raw_movement, r.category AS raw_category, r.stage AS raw_stage,
         r.form AS raw_form, r.year AS raw_year, r.decision_date AS raw_date
  FROM problem_rows p JOIN upload_rows r USING (src_row)
), cells AS (
  SELECT src_row,
    unnest(['name', 'kind', 'unit', 'movement', 'category', 'stage', 'year', 'form', 'decision_no', 'decision_date', 'code']) AS field,
    unnest([raw_name, raw_kind, raw_unit, raw_movement, raw_category, raw_stage, raw_year, raw_form, raw_decision_no, raw_date, raw_code]) AS value
  FROM d
), text_faults AS (
  SELECT src_row, field,
    CASE WHEN has_invalid_char(value) THEN invalid_char_excerpt(value) ELSE left(value, 60) || '…' END AS value,
    CASE WHEN has_invalid_char(value) THEN 'TEXT_INVALID_CHARACTER' ELSE 'TEXT_TOO_LONG' END AS code,
    length(clean_text(value))::INTEGER AS value_length
  FROM cells
  WHERE value IS NOT NULL AND (has_invalid_char(value) OR length(value) > $max_length AND length(clean_text(value)) > $max_length)
), column_rules AS (
  SELECT src_row, 'name' AS field, NULL AS value, 'NAME_MISSING' AS code FROM d WHERE name = ''
  UNION ALL SELECT src_row, 'kind', NULL, 'KIND_MISSING' FROM d WHERE is_blank(raw_kind)
  UNION ALL SELECT src_row, 'kind', raw_kind, 'KIND_UNKNOWN' FROM d WHERE NOT is_blank(raw_kind) AND kind IS NULL
  UNION ALL SELECT src_row, 'kind', raw_kind, 'HOUSEHOLD_OUTSIDE_MOVEMENT' FROM d WHERE kind = 'ho_gia_dinh' AND NOT list_contains($household_movements::INTEGER[], movement_no)
  UNION ALL SELECT src_row, 'movement', NULL, 'MOVEMENT_MISSING' FROM d WHERE movement_no IS NULL AND is_blank(raw_movement)
  UNION ALL SELECT src_row, 'movement', raw_movement, 'MOVEMENT_UNKNOWN' FROM d WHERE movement_no IS NULL AND NOT is_blank(raw_movement)
  UNION ALL SELECT src_row, 'year', NULL, 'YEAR_MISSING' FROM d WHERE year IS NULL AND is_blank(raw_year)
  UNION ALL SELECT src_row, 'year', raw_year, 'YEAR_INVALID' FROM d WHERE year IS NULL AND NOT is_blank(raw_year)
  UNION ALL SELECT src_row, 'year', CAST(year AS VARCHAR), 'YEAR_OUT_OF_RANGE' FROM d WHERE year NOT BETWEEN $first_year AND $last_year
  UNION ALL SELECT src_row, 'year', CAST(year AS VARCHAR), 'YEAR_MISMATCH' FROM d WHERE year BETWEEN $first_year AND $last_year AND year <> $file_year
  UNION ALL SELECT src_row, 'category', raw_category, 'CATEGORY_UNKNOWN' FROM d WHERE category IS NULL
  UNION ALL SELECT src_row, 'stage', raw_stage, 'STAGE_UNKNOWN' FROM d WHERE stage IS NULL
  UNION ALL SELECT src_row, 'form', raw_form, 'FORM_UNKNOWN' FROM d WHERE form IS NULL
  UNION ALL SELECT src_row, 'decision_date', raw_date, 'DATE_INVALID' FROM d WHERE date_invalid
  UNION ALL SELECT src_row, 'code', code, 'CODE_OTHER_AGENCY' FROM d WHERE other_code
)
SELECT src_row, field, value, code, value_length FROM text_faults
UNION ALL
SELECT src_row, field, value, code, NULL::INTEGER FROM column_rules r
WHERE NOT EXISTS (SELECT 1 FROM text_faults t WHERE t.src_row = r.src_row AND t.field = r.field);
