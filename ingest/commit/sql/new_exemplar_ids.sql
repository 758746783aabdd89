-- One id from the sequence for each new exemplar of the batch (its first row in the file),
-- so exemplars and recognitions take the id by an integer join instead of matching the
-- inserted exemplars back on their text.
CREATE OR REPLACE TEMP TABLE upload_new_ids AS
SELECT nextval('exemplar_id_seq')::INTEGER AS id, src_row AS rep
FROM upload_ok WHERE exemplar_id IS NULL AND new_rep = src_row;
