-- @title Tình hình gửi kế hoạch của các cơ quan, đơn vị
-- @answers Section VII.1 for one plan (default: the plan of the latest period with data): each agency of the plan's province whose kind reports under it, that existed at the deadline and did not end before the period, its own plan's date against the deadline (the plan's submission deadline unless one is given), days after it, and a status: dung_han (on or before the deadline), tre_han (late), chua_nop (no plan). Agencies as recorded (plans are sent by the agencies of the time).
-- @file tinh_hinh_gui_ke_hoach
-- @param plan TEXT = NULL  Kế hoạch (mặc định: kế hoạch của giai đoạn gần nhất có số liệu)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param deadline DATE = NULL  Hạn gửi kế hoạch (mặc định: hạn của kế hoạch)
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column bloc_code Mã khối
-- @column document_no Số văn bản
-- @column submitted_on Ngày gửi
-- @column deadline Hạn gửi
-- @column days_after_deadline Số ngày sau hạn
-- @column status Mã tình trạng
-- @column status_label Tình trạng
WITH pl AS (
  SELECT p.*, coalesce($deadline::DATE, p.submission_deadline) AS due
  FROM plans p
  WHERE p.code = coalesce($plan, (SELECT plan_code FROM latest_plan_with_data()))
)
SELECT a.code AS agency_code, a.name AS agency_name, a.bloc_code,
       s.document_no, s.submitted_on, pl.due AS deadline,
       -- Days late; 0 for a plan sent on or before the deadline (a negative count of days "after"
       -- the deadline misread as a fault). NULL when no plan was sent: a CASE, since greatest()
       -- skips NULLs and would say 0.
       CASE WHEN s.submitted_on IS NOT NULL THEN greatest(date_diff('day', pl.due, s.submitted_on), 0) END::INTEGER AS days_after_deadline,
       CASE WHEN s.agency_code IS NULL THEN 'chua_nop'
            WHEN s.submitted_on <= pl.due THEN 'dung_han'
            ELSE 'tre_han' END AS status,
       CASE WHEN s.agency_code IS NULL THEN 'Chưa gửi kế hoạch'
            WHEN s.submitted_on <= pl.due THEN 'Đúng hạn'
            ELSE 'Trễ hạn' END AS status_label
FROM pl
JOIN agencies a ON a.province = pl.province AND list_contains(pl.reporting_kinds, a.kind)
LEFT JOIN agency_plans s ON s.agency_code = a.code AND s.plan_code = pl.code
WHERE (a.active_from IS NULL OR a.active_from <= pl.due)
  AND (a.active_to IS NULL OR year(a.active_to) >= pl.first_year)
  AND ($agency IS NULL OR a.code = $agency)
  AND ($bloc IS NULL OR a.bloc_code = $bloc)
ORDER BY a.code;
