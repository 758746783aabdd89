-- @title Tổng hợp đại biểu đề xuất dự Đại hội theo phong trào thi đua (Mục V)
-- @answers Province-wide (or for a bloc or agency): the Section V candidates by movement, how many are within their agency's seats and how many are tied at the cut-off (the council decides), every movement of the plans of the congress's provinces and period listed. Same ranking as congress_delegates_by_agency.
-- @file tong_hop_dai_bieu_theo_phong_trao
-- @param congress TEXT = NULL  Đại hội (mặc định: đại hội gần nhất)
-- @param year_from INTEGER[years] = NULL  Từ năm (mặc định: năm đầu giai đoạn của đại hội)
-- @param year_to INTEGER[years] = NULL  Đến năm (mặc định: năm cuối giai đoạn của đại hội)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa (nên bật khi có đơn vị đã hợp nhất)
-- @column movement_no Số phong trào
-- @column short_name Phong trào
-- @column within_seats Trong số phân bổ
-- @column tied_at_cutoff Bằng số lần ở ngưỡng
-- @column proposed Đề xuất (trong số phân bổ và bằng ngưỡng)
-- @column candidates Số điển hình đủ điều kiện
WITH d AS (
  SELECT d.status, e.movement_no
  FROM delegate_ranking($congress, $year_from, $year_to, $agency, $bloc, $rollup) d
  JOIN exemplars e ON e.id = d.exemplar_id
)
SELECT m.no::INTEGER AS movement_no, m.short_name,
       count(d.status) FILTER (WHERE d.status = 'trong_phan_bo')::INTEGER AS within_seats,
       count(d.status) FILTER (WHERE d.status = 'hoa_o_nguong')::INTEGER AS tied_at_cutoff,
       count(d.status) FILTER (WHERE d.status IN ('trong_phan_bo', 'hoa_o_nguong'))::INTEGER AS proposed,
       count(d.status)::INTEGER AS candidates
FROM (
  SELECT DISTINCT m.no, m.short_name
  FROM congress_in_view($congress) g
  JOIN plans p ON list_contains(g.provinces, p.province)
             AND p.last_year >= coalesce($year_from, g.first_year) AND p.first_year <= coalesce($year_to, g.last_year)
  JOIN movements m ON m.plan_code = p.code
) m
LEFT JOIN d ON d.movement_no = m.no
GROUP BY m.no, m.short_name
ORDER BY m.no;
