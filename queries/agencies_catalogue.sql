-- @title Danh mục cơ quan, đơn vị
-- @answers Every agency with its kind, emulation bloc (illustrative), active dates, direct successor and the current agency its figures roll up to (itself when not merged).
-- @file danh_muc_don_vi
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column agency_kind Mã loại đơn vị
-- @column bloc_code Mã khối
-- @column bloc_name Khối thi đua
-- @column active_from Hoạt động từ
-- @column active_to Hoạt động đến
-- @column successor_code Mã đơn vị kế thừa
-- @column successor_name Đơn vị kế thừa
-- @column succession_date Ngày hợp nhất
-- @column rollup_agency_code Mã đơn vị hiện nay
SELECT a.code AS agency_code, a.name AS agency_name, a.kind AS agency_kind,
       a.bloc_code, bl.name AS bloc_name, a.active_from, a.active_to,
       s.successor_code, sa.name AS successor_name, s.effective_date AS succession_date,
       ra.agency_code AS rollup_agency_code
FROM agencies a
JOIN emulation_blocs bl ON bl.code = a.bloc_code
JOIN reporting_agency(true) ra ON ra.recorded_code = a.code
LEFT JOIN (
  SELECT * FROM agency_successions
  QUALIFY row_number() OVER (PARTITION BY predecessor_code ORDER BY effective_date DESC, successor_code) = 1
) s ON s.predecessor_code = a.code
LEFT JOIN agencies sa ON sa.code = s.successor_code
ORDER BY a.bloc_code, a.code;
