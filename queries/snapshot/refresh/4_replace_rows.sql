-- The rows of the exemplars in build_set replaced by the new snapshot's (set_exemplars,
-- 3_set_exemplars*.sql), and their reporting rows removed, to be computed again by
-- queries/snapshot/2_2_exemplar_facts.sql from set_exemplars and set_recognitions.
CREATE TEMP TABLE set_recognitions AS
SELECT * FROM fresh.recognitions WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);

DELETE FROM main.exemplars WHERE id IN (SELECT exemplar_id FROM build_set);
INSERT INTO main.exemplars SELECT * FROM set_exemplars;
DELETE FROM main.recognitions WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
INSERT INTO main.recognitions SELECT * FROM set_recognitions;
DELETE FROM main.recognitions_history WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
INSERT INTO main.recognitions_history SELECT * FROM fresh.recognitions_history WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);

DELETE FROM fact_recognitions WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
DELETE FROM fact_exemplars WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
DELETE FROM exemplar_rollup WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
DELETE FROM exemplar_place_at WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
