-- @title Số lượt công nhận và số điển hình theo loại (tập thể, cá nhân, hộ gia đình)
-- @answers Recognitions and distinct exemplars by kind: collective, individual, household (zero-filled).
-- @file so_luong_theo_loai
-- @filters standard
-- @column kind Mã loại
-- @column kind_label Loại
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- Count on the code alone, then attach the names: grouping 1M rows by long name strings made
-- the hash aggregate several times slower. Same answers as the direct form
-- (test/fixtures/queries/reference/recognitions_by_kind.sql, test/queries-fact-equivalence.test.ts).
WITH cells AS (
  SELECT kind, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($standard_filters)
  GROUP BY kind
)
SELECT k.code AS kind, k.label AS kind_label,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM kind_labels() k
LEFT JOIN cells ON cells.kind = k.code
WHERE $kind IS NULL OR k.code = $kind
ORDER BY k.ord;
