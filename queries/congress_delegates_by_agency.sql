-- @title Danh sách đề xuất đại biểu dự Đại hội Thi đua yêu nước (Mục V)
-- @answers Section V per agency: its exemplars ranked by the number of distinct years recognised in the congress's form (for Plan 90's congress: cong_nhan_dhtt) over the congress's period, among the agencies of its provinces, high to low; the seats allocated to the congress (newest committed allocation); the cut-off; a status per exemplar: trong_phan_bo (within the seats), hoa_o_nguong (its group of equal count straddles the last seat: the council decides), ngoai_phan_bo (below the cut-off), chua_phan_bo (the agency has no allocation). rank is the competition rank; position breaks ties by name only for display.
-- @file danh_sach_dai_bieu_theo_don_vi
-- @access personal
-- @param congress TEXT = NULL  Đại hội (mặc định: đại hội gần nhất)
-- @param year_from INTEGER[years] = NULL  Từ năm (mặc định: năm đầu giai đoạn của đại hội)
-- @param year_to INTEGER[years] = NULL  Đến năm (mặc định: năm cuối giai đoạn của đại hội)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa (nên bật khi có đơn vị đã hợp nhất)
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column seats Số đại biểu được phân bổ
-- @column candidates Số điển hình đủ điều kiện
-- @column seats_unfilled Số suất chưa có người
-- @column cutoff_times Số lần ở ngưỡng
-- @column rank Thứ hạng
-- @column position Thứ tự
-- @column exemplar_id Mã số
-- @column exemplar_code Mã điển hình
-- @column name Tên điển hình
-- @column unit Đơn vị, địa chỉ
-- @column kind Mã loại
-- @column kind_label Loại
-- @column movement_no Số phong trào
-- @column times_recognised Số lần được công nhận
-- @column recognition_years Các năm được công nhận
-- @column tie_size Số điển hình cùng số lần
-- @column status Mã tình trạng
-- @column status_label Tình trạng
SELECT d.agency_code, a.name AS agency_name,
       d.seats::INTEGER AS seats, d.candidates::INTEGER AS candidates,
       CASE WHEN d.seats IS NOT NULL THEN greatest(d.seats - d.candidates, 0) END::INTEGER AS seats_unfilled,
       d.cutoff_times::INTEGER AS cutoff_times,
       d.rank::INTEGER AS rank, d.position::INTEGER AS position,
       e.id::INTEGER AS exemplar_id, e.code AS exemplar_code, e.name, e.unit,
       e.kind, k.label AS kind_label, e.movement_no::INTEGER AS movement_no,
       d.times::INTEGER AS times_recognised, array_to_string(d.years, ', ') AS recognition_years,
       d.tie_size::INTEGER AS tie_size, d.status,
       CASE d.status
         WHEN 'trong_phan_bo' THEN 'Trong số được phân bổ'
         WHEN 'hoa_o_nguong' THEN 'Bằng số lần ở ngưỡng: Hội đồng quyết định'
         WHEN 'ngoai_phan_bo' THEN 'Ngoài số được phân bổ'
         WHEN 'chua_phan_bo' THEN 'Đơn vị chưa được phân bổ'
       END AS status_label
FROM delegate_ranking($congress, $year_from, $year_to, $agency, $bloc, $rollup) d
JOIN exemplars e ON e.id = d.exemplar_id
JOIN agencies a ON a.code = d.agency_code
JOIN kind_labels() k ON k.code = e.kind
ORDER BY d.agency_code, d.position;
