-- @title Số điển hình theo bốn khâu: phát hiện, bồi dưỡng, tổng kết, nhân rộng
-- @answers Distinct exemplars (with a counted recognition under the filters) by their current stage, all four stages listed.
-- @file so_dien_hinh_theo_khau
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới
-- @param form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column stage Mã khâu
-- @column stage_label Khâu
-- @column exemplars Số điển hình
SELECT st.code AS stage, st.label AS stage_label,
       count(DISTINCT c.exemplar_id)::INTEGER AS exemplars
FROM stage_labels() st
LEFT JOIN counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup) c ON c.stage = st.code
GROUP BY st.code, st.label
ORDER BY any_value(st.ord);
