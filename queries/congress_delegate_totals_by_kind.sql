-- @title Tổng hợp đại biểu đề xuất dự Đại hội theo loại (Mục V)
-- @answers Province-wide (or for a bloc or agency): the Section V candidates by kind (collective, individual, household), how many are within their agency's seats and how many are tied at the cut-off (the council decides), all three kinds listed. Same ranking as congress_delegates_by_agency.
-- @file tong_hop_dai_bieu_theo_loai
-- @param congress TEXT = NULL  Đại hội (mặc định: đại hội gần nhất)
-- @param year_from INTEGER[years] = NULL  Từ năm (mặc định: năm đầu giai đoạn của đại hội)
-- @param year_to INTEGER[years] = NULL  Đến năm (mặc định: năm cuối giai đoạn của đại hội)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa (nên bật khi có đơn vị đã hợp nhất)
-- @column kind Mã loại
-- @column kind_label Loại
-- @column within_seats Trong số phân bổ
-- @column tied_at_cutoff Bằng số lần ở ngưỡng
-- @column proposed Đề xuất (trong số phân bổ và bằng ngưỡng)
-- @column candidates Số điển hình đủ điều kiện
WITH d AS (
  SELECT d.status, e.kind
  FROM delegate_ranking($congress, $year_from, $year_to, $agency, $bloc, $rollup) d
  JOIN exemplars e ON e.id = d.exemplar_id
)
SELECT k.code AS kind, k.label AS kind_label,
       count(d.status) FILTER (WHERE d.status = 'trong_phan_bo')::INTEGER AS within_seats,
       count(d.status) FILTER (WHERE d.status = 'hoa_o_nguong')::INTEGER AS tied_at_cutoff,
       count(d.status) FILTER (WHERE d.status IN ('trong_phan_bo', 'hoa_o_nguong'))::INTEGER AS proposed,
       count(d.status)::INTEGER AS candidates
FROM kind_labels() k
LEFT JOIN d ON d.kind = k.code
GROUP BY k.code, k.label
ORDER BY any_value(k.ord);
