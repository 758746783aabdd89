-- @title Danh mục từ vựng
-- @answers The closed vocabularies with their Vietnamese labels (kind, category, stage, form, assignment, agency_kind), as registered (catalogue/vocabulary.json), in display order.
-- @file danh_muc_tu_vung
-- @column list Danh mục
-- @column code Mã
-- @column label Nhãn
-- @column ord Thứ tự
SELECT list, code, label, ord::INTEGER AS ord
FROM vocabulary
ORDER BY list, ord, code;
