-- @title Số lượt công nhận theo năm, phong trào và loại
-- @answers The year × movement × kind cube (only non-empty cells) that charts can facet freely.
-- @file so_luong_theo_nam_phong_trao_loai
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới
-- @param form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column year Năm
-- @column movement_no Số phong trào
-- @column kind Mã loại
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
SELECT year, movement_no::INTEGER AS movement_no, kind,
       count(*)::INTEGER AS recognitions,
       count(DISTINCT exemplar_id)::INTEGER AS exemplars
FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup)
GROUP BY ALL
ORDER BY year, movement_no, kind;
