-- @title Số lượt công nhận theo năm, phong trào và loại
-- @answers The year × movement × kind cube (only non-empty cells) that charts can facet freely.
-- @file so_luong_theo_nam_phong_trao_loai
-- @filters standard
-- @column year Năm
-- @column movement_no Số phong trào
-- @column kind Mã loại
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
SELECT year, movement_no::INTEGER AS movement_no, kind,
       count(*)::INTEGER AS recognitions,
       count(DISTINCT exemplar_id)::INTEGER AS exemplars
FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup, $plan, $as_of)
GROUP BY ALL
ORDER BY year, movement_no, kind;
