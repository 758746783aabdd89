-- @title Danh sách điển hình tiên tiến
-- @answers The exemplar register: exemplars with at least one counted recognition under the filters, searchable by name ignoring diacritics and case, ordered by name, one page at a time; total_count is the number of matches before paging (repeated on every row; a page past the end is empty).
-- @file danh_sach_dien_hinh
-- @access personal
-- @filters standard
-- @param search TEXT = NULL  Tìm theo tên (không phân biệt dấu, hoa thường)
-- @param limit INTEGER[1..100000] = 50  Số dòng mỗi trang (tối đa 100.000 khi tải cả danh sách)
-- @param offset INTEGER[0..10000000] = 0  Bỏ qua số dòng
-- @column exemplar_id Mã số
-- @column exemplar_code Mã điển hình
-- @column name Tên điển hình
-- @column unit Đơn vị, địa chỉ
-- @column kind Mã loại
-- @column kind_label Loại
-- @column category Mã nhóm
-- @column category_label Nhóm
-- @column movement_no Số phong trào
-- @column movement_short_name Phong trào
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column recorded_agency_code Mã đơn vị ghi nhận
-- @column stage Mã giai đoạn
-- @column stage_label Giai đoạn
-- @column years_recognised Số năm được công nhận
-- @column recognitions Số lượt công nhận
-- @column recognition_years Các năm được công nhận
-- @column first_year Năm đầu
-- @column last_year Năm gần nhất
-- @column total_count Tổng số kết quả
-- Page first, history after: only the rows of the page get their years aggregated (the
-- register of 1M recognitions has ~500k exemplars; aggregating all of them per page was 1 s).
WITH matched AS (
  SELECT DISTINCT exemplar_id, agency_code
  FROM counted_recognitions($standard_filters)
),
page AS (
  SELECT m.exemplar_id, m.agency_code, e.name_key, count(*) OVER () AS total_count
  FROM matched m
  JOIN exemplars e ON e.id = m.exemplar_id
  -- fold_key drops diacritics, case and punctuation, so "nguyen van an" finds "Nguyễn Văn An"
  -- (and a % or _ typed by a user cannot act as a pattern).
  WHERE $search IS NULL OR contains(e.name_key, fold_key($search))
  ORDER BY e.name_key, e.id
  LIMIT $limit OFFSET $offset
),
history AS (
  SELECT exemplar_id, count(*) AS recognitions, count(DISTINCT year) AS years_recognised,
         array_to_string(list_sort(list_distinct(list(year))), ', ') AS recognition_years,
         min(year) AS first_year, max(year) AS last_year
  FROM counted_recognitions($standard_filters)
  WHERE exemplar_id IN (SELECT exemplar_id FROM page)
  GROUP BY exemplar_id
)
SELECT e.id::INTEGER AS exemplar_id, e.code AS exemplar_code, e.name, e.unit,
       e.kind, k.label AS kind_label, e.category, cat.label AS category_label,
       e.movement_no::INTEGER AS movement_no, m.short_name AS movement_short_name,
       p.agency_code, a.name AS agency_name, e.agency_code AS recorded_agency_code,
       e.stage, st.label AS stage_label,
       h.years_recognised::INTEGER AS years_recognised, h.recognitions::INTEGER AS recognitions,
       h.recognition_years, h.first_year::INTEGER AS first_year, h.last_year::INTEGER AS last_year,
       p.total_count::INTEGER AS total_count
FROM page p
JOIN history h ON h.exemplar_id = p.exemplar_id
JOIN exemplars e ON e.id = p.exemplar_id
JOIN agencies a ON a.code = p.agency_code
JOIN movements m ON m.no = e.movement_no
JOIN kind_labels() k ON k.code = e.kind
JOIN category_labels() cat ON cat.code = e.category
JOIN stage_labels() st ON st.code = e.stage
ORDER BY p.name_key, p.exemplar_id;
