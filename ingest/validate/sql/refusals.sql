-- Every problem of every data row, one line per (row, column). Parameters: $file_year,
-- $agency (codes of other agencies' exemplars may not be reused).
CREATE OR REPLACE TEMP TABLE upload_refusals AS
WITH d AS (SELECT * FROM upload_norm WHERE ignore_reason IS NULL)
SELECT src_row, field, value, code FROM (
  SELECT src_row, 'name' AS field, NULL AS value, 'NAME_MISSING' AS code FROM d WHERE name = ''
  UNION ALL SELECT src_row, 'name', left(name, 60), 'TEXT_TOO_LONG' FROM d WHERE length(name) > 500
  UNION ALL SELECT src_row, 'unit', left(unit, 60), 'TEXT_TOO_LONG' FROM d WHERE length(unit) > 500
  UNION ALL SELECT src_row, 'decision_no', left(decision_no, 60), 'TEXT_TOO_LONG' FROM d WHERE length(decision_no) > 500
  UNION ALL SELECT src_row, 'kind', NULL, 'KIND_MISSING' FROM d WHERE is_blank(raw_kind)
  UNION ALL SELECT src_row, 'kind', raw_kind, 'KIND_UNKNOWN' FROM d WHERE NOT is_blank(raw_kind) AND kind IS NULL
  UNION ALL SELECT src_row, 'kind', raw_kind, 'HOUSEHOLD_OUTSIDE_MOVEMENT_8' FROM d WHERE kind = 'ho_gia_dinh' AND movement_no IS NOT NULL AND movement_no <> 8
  UNION ALL SELECT src_row, 'movement', NULL, 'MOVEMENT_MISSING' FROM d WHERE is_blank(raw_movement)
  UNION ALL SELECT src_row, 'movement', raw_movement, 'MOVEMENT_UNKNOWN' FROM d WHERE NOT is_blank(raw_movement) AND movement_no IS NULL
  UNION ALL SELECT src_row, 'year', NULL, 'YEAR_MISSING' FROM d WHERE year IS NULL AND is_blank(raw_year)
  UNION ALL SELECT src_row, 'year', raw_year, 'YEAR_INVALID' FROM d WHERE year IS NULL AND NOT is_blank(raw_year)
  UNION ALL SELECT src_row, 'year', CAST(year AS VARCHAR), 'YEAR_OUT_OF_RANGE' FROM d WHERE year NOT BETWEEN 2021 AND 2025
  UNION ALL SELECT src_row, 'year', CAST(year AS VARCHAR), 'YEAR_MISMATCH' FROM d WHERE year BETWEEN 2021 AND 2025 AND year <> $file_year
  UNION ALL SELECT src_row, 'category', raw_category, 'CATEGORY_UNKNOWN' FROM d WHERE category IS NULL
  UNION ALL SELECT src_row, 'stage', raw_stage, 'STAGE_UNKNOWN' FROM d WHERE stage IS NULL
  UNION ALL SELECT src_row, 'form', raw_form, 'FORM_UNKNOWN' FROM d WHERE form IS NULL
  UNION ALL SELECT src_row, 'decision_date', raw_date, 'DATE_INVALID' FROM d WHERE NOT is_blank(raw_date) AND decision_date IS NULL
  UNION ALL SELECT src_row, 'code', code, 'CODE_OTHER_AGENCY' FROM d WHERE code IS NOT NULL AND code IN (SELECT code FROM exemplars WHERE agency_code <> $agency)
);
