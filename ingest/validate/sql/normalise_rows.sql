-- Normalises the staged rows set-wise: why a row is not data (empty, column-number row,
-- total, footer/signature below the last data row), cleaned text, the codes JS matched for
-- each distinct raw value (map_* tables), the year and the decision date.
-- Parameters: $form_year (INTEGER or NULL: the year given with the upload).
CREATE OR REPLACE TEMP TABLE upload_norm AS
WITH units AS (
  -- A list names few units many times: clean and fold each distinct one once (the fold's
  -- strip_accents is the costliest step per row), then join the answer back.
  SELECT raw, clean, fold_key_fast(clean) AS unit_key, lower(clean) AS unit_ident
  FROM (SELECT raw, coalesce(clean_text(raw), '') AS clean FROM (SELECT DISTINCT unit AS raw FROM upload_rows WHERE unit IS NOT NULL))
), blank AS NOT MATERIALIZED (
  -- Per-column emptiness (concatenating the columns cost ~3x more on 1M rows). Not
  -- materialised: last_data needs three cheap columns, and writing then re-reading 1M wide
  -- rows cost more than testing them twice.
  SELECT r.*,
    is_blank(name) AS no_name, is_blank(kind) AS no_kind,
    is_blank(movement) AS no_movement, is_blank(year) AS no_year,
    is_blank(unit) AS no_unit, is_blank(code) AS no_code
  FROM upload_rows r
), last_data AS (
  SELECT coalesce(max(src_row), 0) AS last_row FROM blank WHERE NOT no_name AND NOT (no_movement AND no_kind)
), classified AS (
  SELECT b.*,
    CASE
      WHEN nonblank = 0 THEN 'empty'
      WHEN (NOT no_name AND length(name) < 12 AND regexp_matches(trim(name), '^\(\s*\d+\s*\)$'))
        OR (NOT no_name AND length(name) < 4 AND regexp_matches(trim(name), '^\d{1,2}$') AND regexp_matches(trim(coalesce(movement, '')), '^\(?\d{1,2}\)?$') AND NOT regexp_matches(trim(coalesce(year, '')), '^\d{4}')) THEN 'numbering'
      WHEN no_kind AND no_movement AND regexp_matches(fold_key(coalesce(first_text, '')), '^(tong cong|tong so|tong|cong)( |$)') THEN 'total'
      WHEN no_kind AND no_movement AND src_row > (SELECT last_row FROM last_data) THEN 'footer'
      WHEN no_name AND no_kind AND no_movement AND no_year AND no_unit AND no_code THEN 'no_data'
    END AS ignore_reason
  FROM blank b
), parsed AS (
  SELECT c.src_row, c.ignore_reason, c.first_text,
    coalesce(clean_text(c.name), '') AS name,
    coalesce(mu.clean, '') AS unit, coalesce(mu.unit_key, '') AS unit_key0, coalesce(mu.unit_ident, '') AS unit_ident0,
    nullif(clean_text(c.code), '') AS code,
    coalesce(clean_text(c.decision_no), '') AS decision_no,
    c.kind AS raw_kind, mk.code AS kind,
    c.movement AS raw_movement, mm.no AS movement_no, mm.candidates AS movement_candidates,
    c.category AS raw_category, CASE WHEN is_blank(c.category) THEN 'dien_hinh_tien_tien' ELSE mc.code END AS category,
    c.stage AS raw_stage, CASE WHEN is_blank(c.stage) THEN 'phat_hien' ELSE ms.code END AS stage,
    c.form AS raw_form, CASE WHEN is_blank(c.form) THEN 'cong_nhan_dhtt' ELSE mf.code END AS form,
    c.year AS raw_year, TRY_CAST(clean_text(c.year) AS DOUBLE) AS year_number,
    c.decision_date AS raw_date, md.iso AS decision_date
  FROM classified c
  LEFT JOIN map_kind mk ON mk.raw = c.kind
  LEFT JOIN map_movement mm ON mm.raw = c.movement
  LEFT JOIN map_category mc ON mc.raw = c.category
  LEFT JOIN map_stage ms ON ms.raw = c.stage
  LEFT JOIN map_form mf ON mf.raw = c.form
  LEFT JOIN map_date md ON md.raw = c.decision_date
  LEFT JOIN units mu ON mu.raw = c.unit
)
SELECT p.* EXCLUDE (unit_key0, unit_ident0),
  CASE WHEN is_blank(raw_year) THEN $form_year::INTEGER
       WHEN year_number = floor(year_number) AND abs(year_number) < 100000 THEN year_number::INTEGER END AS year,
  CASE WHEN ignore_reason IS NULL THEN fold_key_fast(name) END AS name_key,
  CASE WHEN ignore_reason IS NULL THEN unit_key0 END AS unit_key,
  -- Identity (002): the clean text compared case-insensitively, diacritics kept.
  CASE WHEN ignore_reason IS NULL THEN lower(name) END AS name_ident,
  CASE WHEN ignore_reason IS NULL THEN unit_ident0 END AS unit_ident
FROM parsed p;
