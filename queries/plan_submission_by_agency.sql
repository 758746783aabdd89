-- @title Tình hình gửi kế hoạch 2021–2025 của các cơ quan, đơn vị
-- @answers Section VII.1: each agency that existed at the deadline, its plan's date against the deadline (31 Aug 2021), days after it, and a status: dung_han (on or before the deadline), tre_han (late), chua_nop (no plan). Agencies as recorded (plans were sent by the 2021 agencies).
-- @file tinh_hinh_gui_ke_hoach
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param deadline DATE = 2021-08-31  Hạn gửi kế hoạch
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column bloc_code Mã khối
-- @column document_no Số văn bản
-- @column submitted_on Ngày gửi
-- @column deadline Hạn gửi
-- @column days_after_deadline Số ngày sau hạn
-- @column status Mã tình trạng
-- @column status_label Tình trạng
SELECT a.code AS agency_code, a.name AS agency_name, a.bloc_code,
       p.document_no, p.submitted_on, $deadline::DATE AS deadline,
       -- Days late; 0 for a plan sent on or before the deadline (a negative count of days "after"
       -- the deadline misread as a fault, issue 14 §5). NULL when no plan was sent.
       greatest(date_diff('day', $deadline::DATE, p.submitted_on), 0)::INTEGER AS days_after_deadline,
       CASE WHEN p.agency_code IS NULL THEN 'chua_nop'
            WHEN p.submitted_on <= $deadline::DATE THEN 'dung_han'
            ELSE 'tre_han' END AS status,
       CASE WHEN p.agency_code IS NULL THEN 'Chưa gửi kế hoạch'
            WHEN p.submitted_on <= $deadline::DATE THEN 'Đúng hạn'
            ELSE 'Trễ hạn' END AS status_label
FROM agencies a
LEFT JOIN agency_plans p ON p.agency_code = a.code
WHERE (a.active_from IS NULL OR a.active_from <= $deadline::DATE)
  AND ($agency IS NULL OR a.code = $agency)
  AND ($bloc IS NULL OR a.bloc_code = $bloc)
ORDER BY a.code;
