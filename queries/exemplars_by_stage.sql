-- @title Số điển hình theo bốn khâu: phát hiện, bồi dưỡng, tổng kết, nhân rộng
-- @answers Distinct exemplars (with a counted recognition under the filters) by their current stage, all four stages listed.
-- @file so_dien_hinh_theo_khau
-- @filters standard
-- @column stage Mã khâu
-- @column stage_label Khâu
-- @column exemplars Số điển hình
SELECT st.code AS stage, st.label AS stage_label,
       count(DISTINCT c.exemplar_id)::INTEGER AS exemplars
FROM stage_labels() st
LEFT JOIN counted_recognitions($standard_filters) c ON c.stage = st.code
GROUP BY st.code, st.label
ORDER BY any_value(st.ord);
