-- Rows that are not data, with why: empty, a row of column numbers "(1) (2) (3)…", a total
-- row, a footer/signature below the last data row, or a row with nothing but a serial number
-- or a note. Only candidates get the costly tests (and first_text, which the view over a CSV
-- computes from every column): a row with a name longer than a column number and a kind or a
-- movement is data, and most rows are (lists of up to 1M rows). The last data row is the last row
-- that is not a candidate without a name, or without both kind and movement.
CREATE OR REPLACE TABLE upload_ignored AS
WITH candidates AS MATERIALIZED (
  SELECT src_row, name, movement, year, nonblank, first_text,
    is_blank(name) AS no_name, is_blank(kind) AS no_kind,
    is_blank(movement) AS no_movement, is_blank(year) AS no_year,
    is_blank(unit) AS no_unit, is_blank(code) AS no_code
  FROM upload_rows
  WHERE is_blank(name) OR (is_blank(kind) AND is_blank(movement)) OR length(name) < 12
), last_data AS (
  SELECT coalesce(max(src_row), 0) AS last_row FROM upload_rows
  WHERE src_row NOT IN (SELECT src_row FROM candidates WHERE no_name OR (no_kind AND no_movement))
), classified AS (
  SELECT src_row, first_text,
    CASE
      WHEN nonblank = 0 THEN 'empty'
      WHEN (NOT no_name AND length(name) < 12 AND regexp_matches(trim(name), '^\(\s*\d+\s*\)$'))
        OR (NOT no_name AND length(name) < 4 AND regexp_matches(trim(name), '^\d{1,2}$') AND regexp_matches(trim(coalesce(movement, '')), '^\(?\d{1,2}\)?$') AND NOT regexp_matches(trim(coalesce(year, '')), '^\d{4}')) THEN 'numbering'
      WHEN no_kind AND no_movement AND regexp_matches(fold_key(coalesce(first_text, '')), '^(tong cong|tong so|tong|cong)( |$)') THEN 'total'
      WHEN no_kind AND no_movement AND src_row > (SELECT last_row FROM last_data) THEN 'footer'
      WHEN no_name AND no_kind AND no_movement AND no_year AND no_unit AND no_code THEN 'no_data'
    END AS ignore_reason
  FROM candidates
)
-- first_text is shown in the report: a note of megabytes is cut short.
SELECT src_row, ignore_reason, left(first_text, 200) AS first_text FROM classified WHERE ignore_reason IS NOT NULL;
