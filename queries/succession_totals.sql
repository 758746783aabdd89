-- @title Chuyển số liệu theo sáp nhập, chia tách
-- @answers Where each predecessor's history went in the organisation in force on as_of (NULL: today, every succession): per succession in force then, how many exemplars (with a counted recognition) and recognitions the successor took and by which rule, plus one row per predecessor with successor NULL for those no rule placed (they stay with it). Conservation: for each predecessor, its successors' rows plus its NULL row add up to all that reached it (its own and its predecessors').
-- @file chuyen_so_lieu_sap_nhap
-- @param as_of DATE = NULL  Theo tổ chức tại ngày
-- @column predecessor_code Mã đơn vị cũ
-- @column predecessor_name Đơn vị cũ
-- @column successor_code Mã đơn vị kế thừa
-- @column successor_name Đơn vị kế thừa
-- @column takes_by Cách nhận
-- @column exemplars Số điển hình
-- @column recognitions Số lượt công nhận
-- Each exemplar's route in the organisation in force (exemplar_place_at, at the latest
-- succession date on or before as_of, or the latest of all) is the chain of agencies it passed:
-- every step from a predecessor to a successor is one row's share; a route ending at an agency
-- with successions then is the unplaced share of that agency.
WITH chosen_date AS (
  SELECT max(effective_date) AS effective_date FROM succession_dates WHERE $as_of IS NULL OR effective_date <= $as_of::DATE
),
placed AS (
  SELECT x.* FROM exemplar_place_at x JOIN chosen_date ON chosen_date.effective_date = x.effective_date
),
counted AS (
  SELECT exemplar_id, count(*) AS recognitions FROM fact_recognitions GROUP BY exemplar_id
),
steps AS (
  SELECT x.exemplar_id, x.route[i] AS predecessor_code, x.route[i + 1] AS successor_code
  FROM placed x, range(1, len(x.route)) t(i)
  UNION ALL
  SELECT x.exemplar_id, x.agency_code::VARCHAR, NULL
  FROM placed x WHERE x.unplaced
),
shares AS (
  SELECT st.predecessor_code, st.successor_code, count(*) AS exemplars, sum(c.recognitions) AS recognitions
  FROM steps st JOIN counted c ON c.exemplar_id = st.exemplar_id
  GROUP BY ALL
),
-- every succession in force, and one unplaced row per predecessor, listed even when nothing went there
in_force AS (
  SELECT s.* FROM agency_successions s JOIN chosen_date ON s.effective_date <= chosen_date.effective_date
),
rows AS (
  SELECT predecessor_code, successor_code, takes_by FROM in_force
  UNION ALL
  SELECT DISTINCT predecessor_code, NULL, NULL FROM in_force
)
SELECT r.predecessor_code, pa.name AS predecessor_name, r.successor_code, sa.name AS successor_name, r.takes_by,
       coalesce(sh.exemplars, 0)::INTEGER AS exemplars, coalesce(sh.recognitions, 0)::INTEGER AS recognitions
FROM rows r
JOIN agencies pa ON pa.code = r.predecessor_code
LEFT JOIN agencies sa ON sa.code = r.successor_code
LEFT JOIN shares sh ON sh.predecessor_code = r.predecessor_code AND sh.successor_code IS NOT DISTINCT FROM r.successor_code
ORDER BY r.predecessor_code, r.successor_code NULLS LAST;
