-- Shows, for one agency, that no rule of integrity_violations.sql is broken, for less work
-- than finding and naming broken rules takes. Integer keys go into bitsets (bitstring_agg
-- over the ranges of integrity_ranges.sql, one bit per id: a repeat leaves fewer bits than
-- rows, and a reference is valid when its bit is set among the ids it may point to);
-- strings are compared by hash(), and equal hashes are never told apart here.
-- clean = false (or NULL) means "not shown": a broken rule or, rarely, a hash collision. The
-- caller then runs integrity_violations.sql, which decides and names the rules.
-- Ids outside the ranges (written after integrity_ranges.sql ran) get no bit, so they too
-- make the counts differ instead of failing bitstring_agg.
-- Measured on a 1M-row commit: scans of the rows the transaction just wrote run on one
-- thread each, so the checks are kept as separate pipelines, which DuckDB runs side by side.
-- Parameters: $agency (not NULL); $x_lo, $x_hi; $rec_lo, $rec_hi; $batches (the agency's batch ids).
WITH exemplar_ids AS (
  -- EXEMPLAR_ID_DUPLICATE (every agency), and the bits of other agencies' exemplars.
  SELECT count(*) AS n, bitstring_agg(id, $x_lo, $x_hi) FILTER (WHERE id BETWEEN $x_lo AND $x_hi) AS all_ids,
         bitstring_agg(id, $x_lo, $x_hi) FILTER (WHERE agency_code <> $agency AND id BETWEEN $x_lo AND $x_hi) AS other_ids
  FROM exemplars
), code_repeats AS (
  -- EXEMPLAR_CODE_DUPLICATE (every agency; codes are unique within a plan).
  SELECT count(*) AS n FROM (SELECT hash(plan_code, code) AS h FROM exemplars GROUP BY h HAVING count(*) > 1)
), identities AS (
  -- EXEMPLAR_IDENTITY_DUPLICATE: agency, plan, kind, lower(name), lower(unit). lower() is the dearest
  -- step, so the whole identity is hashed only for the rows whose lower(name) repeats (none
  -- in a list of distinct names: the outer scan is then skipped).
  SELECT count(*) = count(DISTINCT hash(plan_code, kind, lower(name), lower(unit))) AS ok
  FROM exemplars
  WHERE agency_code = $agency AND hash(plan_code, lower(name)) IN (
    SELECT hash(plan_code, lower(name)) AS h FROM exemplars WHERE agency_code = $agency GROUP BY h HAVING count(*) > 1)
), exemplar_refs AS (
  -- EXEMPLAR_AGENCY_UNKNOWN, _MOVEMENT_UNKNOWN, _BATCH_MISSING, on the few distinct references.
  SELECT count(*) FILTER (WHERE agency_code NOT IN (SELECT code FROM agencies) OR movement_no NOT IN (SELECT no FROM movements)
                                OR first_batch_id NOT IN (SELECT id FROM ingest_batches)) = 0 AS ok
  FROM (SELECT DISTINCT agency_code, movement_no, first_batch_id FROM exemplars WHERE agency_code = $agency)
), recognition_ids AS (
  -- RECOGNITION_ID_DUPLICATE (every agency).
  SELECT count(*) = coalesce(bit_count(bitstring_agg(id, $rec_lo, $rec_hi) FILTER (WHERE id BETWEEN $rec_lo AND $rec_hi)), 0) AS ok FROM recognitions
), recognition_batches AS (
  -- RECOGNITION_BATCH_MISSING (every agency).
  SELECT count(*) FILTER (WHERE batch_id NOT IN (SELECT id FROM ingest_batches)) = 0 AS ok
  FROM (SELECT DISTINCT batch_id FROM recognitions)
), recognition_keys AS (
  -- RECOGNITION_DUPLICATE: in the agency's batches, each exemplar once per year and form.
  SELECT count(*) AS n, bitstring_agg(exemplar_id, $x_lo, $x_hi) FILTER (WHERE exemplar_id BETWEEN $x_lo AND $x_hi) AS exemplar_ids
  FROM recognitions WHERE list_contains($batches, batch_id) GROUP BY year, form
), recognised AS (
  SELECT coalesce(bool_and(coalesce(bit_count(exemplar_ids), 0) = n), true) AS keys_ok, bit_or(exemplar_ids) AS exemplar_ids FROM recognition_keys
)
SELECT coalesce(bit_count(e.all_ids), 0) = e.n AND code_repeats.n = 0 AND identities.ok AND exemplar_refs.ok
   AND recognition_ids.ok AND recognition_batches.ok AND recognised.keys_ok
   -- RECOGNITION_EXEMPLAR_MISSING, _AGENCY_MISMATCH: with ids unique, every exemplar recognised
   -- in the agency's batches exists and is not another agency's.
   AND (recognised.exemplar_ids IS NULL
        OR (bit_count(recognised.exemplar_ids & e.all_ids) = bit_count(recognised.exemplar_ids)
            AND coalesce(bit_count(recognised.exemplar_ids & e.other_ids), 0) = 0)) AS clean
FROM exemplar_ids e, code_repeats, identities, exemplar_refs, recognition_ids, recognition_batches, recognised;
