-- @title Tổng hợp phân bổ đại biểu theo cơ quan, đơn vị (Mục V)
-- @answers Per agency with an allocation or with candidates: seats, candidates, how many are within the seats, how many are tied at the cut-off and how many seats those tied share, seats left empty (fewer candidates than seats), and the cut-off count.
-- @file tong_hop_phan_bo_dai_bieu
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
-- @column within_seats Trong số phân bổ
-- @column tied_at_cutoff Bằng số lần ở ngưỡng
-- @column seats_for_tied Số suất còn lại cho nhóm bằng ngưỡng
-- @column seats_unfilled Số suất chưa có người
-- @column cutoff_times Số lần ở ngưỡng
-- @column fewer_candidates_than_seats Ít điển hình hơn số suất
SELECT d.agency_code, a.name AS agency_name,
       any_value(d.seats)::INTEGER AS seats,
       count(d.exemplar_id)::INTEGER AS candidates,
       count(*) FILTER (WHERE d.status = 'trong_phan_bo')::INTEGER AS within_seats,
       count(*) FILTER (WHERE d.status = 'hoa_o_nguong')::INTEGER AS tied_at_cutoff,
       CASE WHEN count(*) FILTER (WHERE d.status = 'hoa_o_nguong') > 0
            THEN any_value(d.seats) - count(*) FILTER (WHERE d.status = 'trong_phan_bo') END::INTEGER AS seats_for_tied,
       CASE WHEN any_value(d.seats) IS NOT NULL THEN greatest(any_value(d.seats) - count(d.exemplar_id), 0) END::INTEGER AS seats_unfilled,
       max(d.cutoff_times)::INTEGER AS cutoff_times,
       coalesce(any_value(d.seats) > count(d.exemplar_id), false) AS fewer_candidates_than_seats
FROM delegate_ranking($congress, $year_from, $year_to, $agency, $bloc, $rollup) d
JOIN agencies a ON a.code = d.agency_code
GROUP BY d.agency_code, a.name
ORDER BY d.agency_code;
