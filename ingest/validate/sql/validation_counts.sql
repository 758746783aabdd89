-- The counts of the report, from the tables validation left (counts are always complete).
SELECT
  (SELECT count(*) FROM upload_norm)::INTEGER + (SELECT count(*) FROM upload_ignored)::INTEGER AS staged,
  (SELECT count(*) FROM upload_ignored)::INTEGER AS ignored,
  (SELECT count(DISTINCT src_row) FROM upload_refusals)::INTEGER AS refused,
  (SELECT count(*) FROM upload_dups)::INTEGER AS duplicates,
  (SELECT count(*) FROM upload_ok)::INTEGER AS accepted,
  (SELECT count(*) FROM upload_ok WHERE exemplar_id IS NULL AND new_rep = src_row)::INTEGER AS new_exemplars,
  (SELECT count(*) FROM upload_ok WHERE exemplar_id IS NOT NULL)::INTEGER AS known_rows;
