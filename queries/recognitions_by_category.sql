-- @title Số lượt công nhận và số điển hình theo nhóm (điển hình tiên tiến, mô hình mới, nhân tố mới)
-- @answers Recognitions and distinct exemplars by category: advanced exemplar, new model, new factor (zero-filled).
-- @file so_luong_theo_nhom
-- @filters standard
-- @column category Mã nhóm
-- @column category_label Nhóm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- Count on the code alone, then attach the names: grouping 1M rows by long name strings made
-- the hash aggregate several times slower. Same answers as the direct form
-- (test/fixtures/queries/reference/recognitions_by_category.sql, test/queries-fact-equivalence.test.ts).
WITH cells AS (
  SELECT category, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($standard_filters)
  GROUP BY category
)
SELECT k.code AS category, k.label AS category_label,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM category_labels() k
LEFT JOIN cells ON cells.category = k.code
WHERE $category IS NULL OR k.code = $category
ORDER BY k.ord;
