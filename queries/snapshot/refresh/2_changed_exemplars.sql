-- The exemplars of the changed agencies, in either snapshot: their rows are replaced by the new
-- snapshot's, their reporting rows removed (queries/snapshot/2_2_exemplar_facts.sql then
-- computes them again for build_agencies). An exemplar's agency never changes (the commit updates
-- movement, category, stage and lineage only), so the agency filters find the same rows as
-- build_set, with no join.
CREATE TEMP TABLE changed_agencies AS
SELECT DISTINCT agency_code FROM changed_batches;
-- the agencies 2_2_exemplar_facts.sql computes again
CREATE TEMP TABLE build_agencies AS
SELECT agency_code AS code, agency_code::agency_code_t AS code_t FROM changed_agencies;

CREATE TEMP TABLE build_set AS
SELECT id AS exemplar_id FROM main.exemplars WHERE agency_code IN (SELECT agency_code FROM changed_agencies)
UNION
SELECT id FROM fresh.exemplars WHERE agency_code IN (SELECT agency_code FROM changed_agencies);

DELETE FROM main.exemplars WHERE agency_code IN (SELECT agency_code FROM changed_agencies);
INSERT INTO main.exemplars SELECT * FROM fresh.exemplars WHERE agency_code IN (SELECT agency_code FROM changed_agencies);
DELETE FROM main.recognitions WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
INSERT INTO main.recognitions SELECT * FROM fresh.recognitions WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
DELETE FROM main.recognitions_history WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
INSERT INTO main.recognitions_history SELECT * FROM fresh.recognitions_history WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);

DELETE FROM fact_recognitions WHERE recorded_agency_code::VARCHAR IN (SELECT agency_code FROM changed_agencies);
DELETE FROM fact_exemplars WHERE recorded_agency_code::VARCHAR IN (SELECT agency_code FROM changed_agencies);
DELETE FROM exemplar_rollup WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
DELETE FROM exemplar_place_at WHERE exemplar_id IN (SELECT exemplar_id FROM build_set);
DROP TABLE build_set;
