-- @title Điển hình chưa xác định đơn vị kế thừa
-- @answers For Sở Nội vụ: in the organisation in force on as_of (NULL: today, every succession), the exemplars of a predecessor split among several successors that no rule of the split places (docs/plans-and-organisation.md, "Splits"), so they stay with the predecessor when rolled up, with the candidate successors and the date of the split. A `list` rule in the next organisation upload places them.
-- @file dien_hinh_chua_xac_dinh_don_vi
-- @access personal agency_code
-- @param as_of DATE = NULL  Theo tổ chức tại ngày
-- @column exemplar_id Mã số
-- @column code Mã điển hình
-- @column name Tên điển hình
-- @column unit Đơn vị, địa chỉ
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column successors Các đơn vị kế thừa
-- @column effective_date Ngày chia tách
WITH chosen_date AS (
  SELECT max(effective_date) AS effective_date FROM succession_dates WHERE $as_of IS NULL OR effective_date <= $as_of::DATE
)
SELECT e.id::INTEGER AS exemplar_id, e.code, e.name, e.unit,
       x.agency_code::VARCHAR AS agency_code, a.name AS agency_name,
       (SELECT string_agg(sa.name, '; ' ORDER BY sa.name)
          FROM agency_successions s JOIN agencies sa ON sa.code = s.successor_code
         WHERE s.predecessor_code = x.agency_code::VARCHAR AND s.effective_date <= chosen_date.effective_date) AS successors,
       (SELECT max(s.effective_date) FROM agency_successions s
         WHERE s.predecessor_code = x.agency_code::VARCHAR AND s.effective_date <= chosen_date.effective_date) AS effective_date
FROM exemplar_place_at x
JOIN chosen_date ON chosen_date.effective_date = x.effective_date
JOIN exemplars e ON e.id = x.exemplar_id
JOIN agencies a ON a.code = x.agency_code::VARCHAR
WHERE x.unplaced
  AND e.id IN (SELECT exemplar_id FROM fact_recognitions)
ORDER BY agency_code, name, exemplar_id;
