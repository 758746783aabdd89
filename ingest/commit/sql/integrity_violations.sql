-- What the PRIMARY KEY, UNIQUE and FOREIGN KEY constraints dropped from exemplars and
-- recognitions (002) guaranteed, checked set-wise inside the write transaction before
-- COMMIT. One row per broken rule: how many keys break it and one example.
-- Parameters: $agency (the agency just written; NULL = every agency). Scope: the agency's
-- exemplars and the recognitions of the agency's batches (the batch just written among
-- them: a recognition is always written in a batch of its exemplar's agency, which the
-- RECOGNITION_AGENCY_MISMATCH rule checks); ids and codes are global, so compared with all.
-- This is the exact check, which alone decides and names the rules: checkIntegrity.ts runs it
-- for $agency NULL, and for one agency when integrity_proof.sql (cheaper: the usual path of a
-- clean commit) cannot show that every rule holds.
WITH ex AS NOT MATERIALIZED (
  SELECT * FROM exemplars WHERE $agency::VARCHAR IS NULL OR agency_code = $agency::VARCHAR
), agency_batches AS (
  SELECT id, agency_code FROM ingest_batches WHERE $agency::VARCHAR IS NULL OR agency_code = $agency::VARCHAR
), rec AS NOT MATERIALIZED (
  SELECT r.* FROM recognitions r WHERE $agency::VARCHAR IS NULL OR r.batch_id IN (SELECT id FROM agency_batches)
), broken AS (
  SELECT 'EXEMPLAR_ID_DUPLICATE' AS rule, id::VARCHAR AS example FROM exemplars GROUP BY id HAVING count(*) > 1
  UNION ALL
  -- Codes are unique within a plan's period (a later period's exemplar may carry the code that
  -- links it to its line: lineage.sql).
  SELECT 'EXEMPLAR_CODE_DUPLICATE', plan_code || ' ' || code FROM exemplars
  WHERE hash(plan_code, code) IN (SELECT hash(plan_code, code) AS h FROM exemplars GROUP BY h HAVING count(*) > 1)
  GROUP BY plan_code, code HAVING count(*) > 1
  UNION ALL
  -- Identity (002, 005): agency, plan, kind, lower(name), lower(unit); diacritics count. Only rows
  -- whose agency, plan, kind and lower(name) repeat can share one (found by hash: fewer lower() and
  -- strings to group). The example is the group's first exemplar (lowest id): it reads the same every time.
  SELECT 'EXEMPLAR_IDENTITY_DUPLICATE', agency_code || ' ' || kind || ' "' || arg_min(name, id) || '" / "' || arg_min(unit, id) || '"' FROM ex
  WHERE hash(agency_code, plan_code, kind, lower(name)) IN (SELECT hash(agency_code, plan_code, kind, lower(name)) AS h FROM ex GROUP BY h HAVING count(*) > 1)
  GROUP BY agency_code, plan_code, kind, lower(name), lower(unit) HAVING count(*) > 1
  UNION ALL
  SELECT 'EXEMPLAR_AGENCY_UNKNOWN', agency_code FROM ex WHERE agency_code NOT IN (SELECT code FROM agencies)
  UNION ALL
  SELECT 'EXEMPLAR_MOVEMENT_UNKNOWN', movement_no::VARCHAR FROM ex WHERE movement_no NOT IN (SELECT no FROM movements)
  UNION ALL
  SELECT 'EXEMPLAR_BATCH_MISSING', first_batch_id::VARCHAR FROM ex WHERE first_batch_id NOT IN (SELECT id FROM ingest_batches)
  UNION ALL
  SELECT 'RECOGNITION_ID_DUPLICATE', id::VARCHAR FROM recognitions GROUP BY id HAVING count(*) > 1
  UNION ALL
  SELECT 'RECOGNITION_DUPLICATE', exemplar_id || ' ' || year || ' ' || form FROM rec
  GROUP BY exemplar_id, year, form HAVING count(*) > 1
  UNION ALL
  -- One join answers both: the exemplar exists, and belongs to the agency of the batch.
  SELECT CASE WHEN e.id IS NULL THEN 'RECOGNITION_EXEMPLAR_MISSING' ELSE 'RECOGNITION_AGENCY_MISMATCH' END, r.exemplar_id::VARCHAR
  FROM rec r
  LEFT JOIN ingest_batches b ON b.id = r.batch_id
  LEFT JOIN exemplars e ON e.id = r.exemplar_id
  WHERE e.id IS NULL OR e.agency_code IS DISTINCT FROM b.agency_code
  UNION ALL
  SELECT 'RECOGNITION_BATCH_MISSING', batch_id::VARCHAR FROM recognitions WHERE batch_id NOT IN (SELECT id FROM ingest_batches)
)
SELECT rule, count(*)::INTEGER AS n, min(example) AS example FROM broken GROUP BY rule ORDER BY rule;
