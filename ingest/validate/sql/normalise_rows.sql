-- Normalises the data rows (upload_rows minus upload_ignored) set-wise into a narrow table:
-- cleaned text, the codes JS matched for each distinct raw value (map_* tables), the unit's
-- id (upload_units), the year and the decision date, and two hashes: fold_hash (kind and fold
-- keys) finds rows that may repeat or resemble another row of the file, ident_hash (kind and
-- identity) finds a known exemplar, both confirmed exactly afterwards (a collision only adds a
-- candidate). A raw value is kept only where it did not map, for the refusal report (kind
-- always: a household outside movement 8 is refused on its typed kind).
-- Parameters: $form_year (INTEGER or NULL: the year given with the upload).
CREATE OR REPLACE TEMP TABLE upload_norm AS
WITH parsed AS (
  SELECT c.src_row,
    coalesce(clean_text(c.name), '') AS name,
    coalesce(mu.unit_id, 0) AS unit_id,
    coalesce(mu.unit_key, '') AS unit_key, coalesce(mu.unit_ident, '') AS unit_ident,
    nullif(clean_text(c.code), '') AS code,
    coalesce(clean_text(c.decision_no), '') AS decision_no,
    c.kind AS raw_kind, mk.code AS kind,
    mm.no AS movement_no, CASE WHEN mm.no IS NULL THEN c.movement END AS raw_movement,
    CASE WHEN is_blank(c.category) THEN 'dien_hinh_tien_tien' ELSE mc.code END AS category,
    CASE WHEN mc.code IS NULL THEN c.category END AS raw_category,
    CASE WHEN is_blank(c.stage) THEN 'phat_hien' ELSE ms.code END AS stage,
    CASE WHEN ms.code IS NULL THEN c.stage END AS raw_stage,
    CASE WHEN is_blank(c.form) THEN 'cong_nhan_dhtt' ELSE mf.code END AS form,
    CASE WHEN mf.code IS NULL THEN c.form END AS raw_form,
    c.year AS raw_year, TRY_CAST(clean_text(c.year) AS DOUBLE) AS year_number,
    md.iso::DATE AS decision_date, CASE WHEN md.iso IS NULL THEN c.decision_date END AS raw_date
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
SELECT k.* EXCLUDE (unit_key, unit_ident, year_number),
  CASE WHEN is_blank(raw_year) THEN $form_year::INTEGER
       WHEN year_number = floor(year_number) AND abs(year_number) < 100000 THEN year_number::INTEGER END AS year,
  hash(kind, name_key, unit_key) AS fold_hash,
  -- Identity (002): the clean text compared case-insensitively, diacritics kept.
  hash(kind, lower(name), unit_ident) AS ident_hash
FROM keyed k;
