-- One id for each new exemplar of the batch (its first row in the file), from the range
-- reserve_exemplar_ids.sql drew, so exemplars and recognitions take the id by an integer join
-- instead of matching the inserted exemplars back on their text. Parameters: $first.
CREATE OR REPLACE TABLE upload_new_ids AS
SELECT ($first + row_number() OVER () - 1)::INTEGER AS id, src_row AS rep
FROM upload_ok WHERE exemplar_id IS NULL AND new_rep = src_row;
