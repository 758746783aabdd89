-- The new snapshot's rows of the exemplars in build_set (2_changed_exemplars.sql), any number of
-- them: what 4_replace_rows.sql writes and queries/snapshot/2_2_exemplar_facts.sql reads.
CREATE TEMP TABLE set_exemplars AS
SELECT * FROM fresh.exemplars WHERE id IN (SELECT exemplar_id FROM build_set);
