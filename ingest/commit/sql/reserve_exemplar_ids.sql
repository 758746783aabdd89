-- Draws $n ids from the sequence in one statement, which writes the stored database only (a
-- statement may not write both it and the upload workspace). With the one writer the ids
-- are consecutive; the caller checks it (last - first + 1 = n). Parameters: $n (> 0).
SELECT min(id)::INTEGER AS first, max(id)::INTEGER AS last, count(*)::INTEGER AS n
FROM (SELECT nextval('exemplar_id_seq') AS id FROM range($n));
