-- The exemplars that changed, found from what the ingest service does (ingest/commit/sql): it
-- appends exemplars and recognitions (ids from sequences, so new rows have ids above the
-- previous snapshot's highest), moves the recognitions a list replaces to
-- recognitions_history before deleting them, updates exemplars only where the new list names
-- them (they have a new recognition), and changes batch statuses (which decide whether the
-- batch's recognitions count). Whatever else changed the tables shows in their checksums
-- (5_checksums.sql), and the reader then builds in full. Their rows are replaced by the new
-- snapshot's and their reporting rows removed (4_replace_rows.sql); 2_2_exemplar_facts.sql then
-- computes them again for build_set. An upload of one department's yearly list changes tens
-- of exemplars, not the department's thousands.
CREATE TEMP TABLE build_set AS
SELECT id AS exemplar_id FROM fresh.exemplars WHERE id > (SELECT coalesce(max(id), -1) FROM main.exemplars)
UNION
SELECT exemplar_id FROM fresh.recognitions WHERE id > (SELECT coalesce(max(id), -1) FROM main.recognitions)
UNION
SELECT exemplar_id FROM fresh.recognitions WHERE batch_id IN (SELECT id FROM changed_batches)
UNION
SELECT exemplar_id FROM main.recognitions WHERE batch_id IN (SELECT id FROM changed_batches)
UNION
SELECT exemplar_id FROM (SELECT id, exemplar_id FROM fresh.recognitions_history EXCEPT SELECT id, exemplar_id FROM main.recognitions_history);
