-- Every problem of every data row, one line per (row, column), with the value as typed. One
-- scan picks the rows with any problem (a list rarely has many); the typed values of those
-- rows come from upload_rows, and each rule then reads those rows only.
-- Parameters: $file_year, $agency (codes of other agencies' exemplars may not be reused).
CREATE OR REPLACE TEMP TABLE upload_refusals AS
WITH long_units AS (
  SELECT unit_id, unit FROM upload_units WHERE length(unit) > 500
), other_codes AS (
  SELECT DISTINCT code FROM exemplars
  WHERE agency_code <> $agency AND code IN (SELECT code FROM upload_norm WHERE code IS NOT NULL)
), problem_rows AS (
  SELECT n.*, lu.unit AS long_unit, n.code IN (SELECT code FROM other_codes) AS other_code
  FROM upload_norm n LEFT JOIN long_units lu USING (unit_id)
  WHERE n.name = '' OR length(n.name) > 500 OR lu.unit IS NOT NULL OR length(n.decision_no) > 500
     OR n.kind IS NULL OR (n.kind = 'ho_gia_dinh' AND n.movement_no <> 8) OR n.movement_no IS NULL
     OR n.year IS NULL OR n.year NOT BETWEEN 2021 AND 2025 OR n.year <> $file_year
     OR n.category IS NULL OR n.stage IS NULL OR n.form IS NULL OR n.date_invalid
     OR n.code IN (SELECT code FROM other_codes)
), d AS MATERIALIZED (
  SELECT p.*, r.kind AS raw_kind, r.movement AS raw_movement, r.category AS raw_category, r.stage AS raw_stage,
         r.form AS raw_form, r.year AS raw_year, r.decision_date AS raw_date
  FROM problem_rows p JOIN upload_rows r USING (src_row)
)
SELECT src_row, field, value, code FROM (
  SELECT src_row, 'name' AS field, NULL AS value, 'NAME_MISSING' AS code FROM d WHERE name = ''
  UNION ALL SELECT src_row, 'name', left(name, 60), 'TEXT_TOO_LONG' FROM d WHERE length(name) > 500
  UNION ALL SELECT src_row, 'unit', left(long_unit, 60), 'TEXT_TOO_LONG' FROM d WHERE long_unit IS NOT NULL
  UNION ALL SELECT src_row, 'decision_no', left(decision_no, 60), 'TEXT_TOO_LONG' FROM d WHERE length(decision_no) > 500
  UNION ALL SELECT src_row, 'kind', NULL, 'KIND_MISSING' FROM d WHERE is_blank(raw_kind)
  UNION ALL SELECT src_row, 'kind', raw_kind, 'KIND_UNKNOWN' FROM d WHERE NOT is_blank(raw_kind) AND kind IS NULL
  UNION ALL SELECT src_row, 'kind', raw_kind, 'HOUSEHOLD_OUTSIDE_MOVEMENT_8' FROM d WHERE kind = 'ho_gia_dinh' AND movement_no <> 8
  UNION ALL SELECT src_row, 'movement', NULL, 'MOVEMENT_MISSING' FROM d WHERE movement_no IS NULL AND is_blank(raw_movement)
  UNION ALL SELECT src_row, 'movement', raw_movement, 'MOVEMENT_UNKNOWN' FROM d WHERE movement_no IS NULL AND NOT is_blank(raw_movement)
  UNION ALL SELECT src_row, 'year', NULL, 'YEAR_MISSING' FROM d WHERE year IS NULL AND is_blank(raw_year)
  UNION ALL SELECT src_row, 'year', raw_year, 'YEAR_INVALID' FROM d WHERE year IS NULL AND NOT is_blank(raw_year)
  UNION ALL SELECT src_row, 'year', CAST(year AS VARCHAR), 'YEAR_OUT_OF_RANGE' FROM d WHERE year NOT BETWEEN 2021 AND 2025
  UNION ALL SELECT src_row, 'year', CAST(year AS VARCHAR), 'YEAR_MISMATCH' FROM d WHERE year BETWEEN 2021 AND 2025 AND year <> $file_year
  UNION ALL SELECT src_row, 'category', raw_category, 'CATEGORY_UNKNOWN' FROM d WHERE category IS NULL
  UNION ALL SELECT src_row, 'stage', raw_stage, 'STAGE_UNKNOWN' FROM d WHERE stage IS NULL
  UNION ALL SELECT src_row, 'form', raw_form, 'FORM_UNKNOWN' FROM d WHERE form IS NULL
  UNION ALL SELECT src_row, 'decision_date', raw_date, 'DATE_INVALID' FROM d WHERE date_invalid
  UNION ALL SELECT src_row, 'code', code, 'CODE_OTHER_AGENCY' FROM d WHERE other_code
);
