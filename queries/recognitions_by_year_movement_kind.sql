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
       -- an exemplar has one recognition a form and year, and movement and kind are its own: one
       -- row of each exemplar and year (first_in_year; with a form, every row) counts it once
       count(*) FILTER (WHERE first_in_year OR $form IS NOT NULL)::INTEGER AS exemplars
FROM counted_recognitions($standard_filters)
GROUP BY ALL
ORDER BY year, movement_no, kind;
