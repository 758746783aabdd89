-- @title Chuyển số liệu theo sáp nhập, chia tách
-- @answers Where each predecessor's history went when rolled up: per succession, how many exemplars (with a counted recognition) and recognitions the successor took and by which rule, plus one row per predecessor with successor NULL for those no rule placed (they stay with it). Conservation: for each predecessor, its successors' rows plus its NULL row add up to all that reached it (its own and its predecessors').
-- @file chuyen_so_lieu_sap_nhap
-- @column predecessor_code Mã đơn vị cũ
-- @column predecessor_name Đơn vị cũ
-- @column successor_code Mã đơn vị kế thừa
-- @column successor_name Đơn vị kế thừa
-- @column takes_by Cách nhận
-- @column exemplars Số điển hình
-- @column recognitions Số lượt công nhận
-- Each exemplar's route (exemplar_rollup) is the chain of agencies it passed: every step from a
-- predecessor to a successor is one row's share; a route ending at an agency with successors is
-- the unplaced share of that agency.
WITH counted AS (
  SELECT exemplar_id, count(*) AS recognitions FROM fact_recognitions GROUP BY exemplar_id
),
steps AS (
  SELECT x.exemplar_id, x.route[i] AS predecessor_code, x.route[i + 1] AS successor_code
  FROM exemplar_rollup x, range(1, len(x.route)) t(i)
  UNION ALL
  SELECT x.exemplar_id, x.agency_code, NULL
  FROM exemplar_rollup x WHERE x.unplaced
),
shares AS (
  SELECT st.predecessor_code, st.successor_code, count(*) AS exemplars, sum(c.recognitions) AS recognitions
  FROM steps st JOIN counted c ON c.exemplar_id = st.exemplar_id
  GROUP BY ALL
),
-- every succession, and one unplaced row per predecessor, listed even when nothing went there
rows AS (
  SELECT predecessor_code, successor_code, takes_by FROM agency_successions
  UNION ALL
  SELECT DISTINCT predecessor_code, NULL, NULL FROM agency_successions
)
SELECT r.predecessor_code, pa.name AS predecessor_name, r.successor_code, sa.name AS successor_name, r.takes_by,
       coalesce(sh.exemplars, 0)::INTEGER AS exemplars, coalesce(sh.recognitions, 0)::INTEGER AS recognitions
FROM rows r
JOIN agencies pa ON pa.code = r.predecessor_code
LEFT JOIN agencies sa ON sa.code = r.successor_code
LEFT JOIN shares sh ON sh.predecessor_code = r.predecessor_code AND sh.successor_code IS NOT DISTINCT FROM r.successor_code
ORDER BY r.predecessor_code, r.successor_code NULLS LAST;
