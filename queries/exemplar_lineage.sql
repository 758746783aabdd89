-- @title Các giai đoạn của một điển hình
-- @answers The line of an exemplar across periods and successions: every exemplar sharing its lineage_id (the first exemplar of the line), with its agency, the plan it was recognised under and the years counted, oldest first. Empty when the id is unknown.
-- @file dong_dien_hinh
-- @access personal agency_code
-- @param exemplar_id INTEGER[1..2147483647]  Mã số điển hình
-- @column exemplar_id Mã số
-- @column code Mã điển hình
-- @column name Tên điển hình
-- @column unit Đơn vị, địa chỉ
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column plan_code Kế hoạch
-- @column first_year Năm đầu
-- @column last_year Năm gần nhất
-- @column years Các năm được công nhận
WITH line AS (
  SELECT e.* FROM exemplars e
  -- lineage_id NULL: the exemplar starts its own line (its id is the line's)
  WHERE coalesce(e.lineage_id, e.id) = (SELECT coalesce(lineage_id, id) FROM exemplars WHERE id = $exemplar_id)
),
counted AS (
  SELECT exemplar_id, plan_code::VARCHAR AS plan_code, year FROM fact_recognitions
  WHERE exemplar_id IN (SELECT id FROM line)
)
SELECT l.id::INTEGER AS exemplar_id, l.code, l.name, l.unit, l.agency_code, a.name AS agency_name,
       any_value(c.plan_code) AS plan_code,
       min(c.year)::INTEGER AS first_year, max(c.year)::INTEGER AS last_year,
       array_to_string(list_sort(list_distinct(list(c.year) FILTER (WHERE c.year IS NOT NULL))), ', ') AS years
FROM line l
JOIN agencies a ON a.code = l.agency_code
LEFT JOIN counted c ON c.exemplar_id = l.id
GROUP BY l.id, l.code, l.name, l.unit, l.agency_code, a.name
ORDER BY min(c.year) NULLS LAST, l.id;
