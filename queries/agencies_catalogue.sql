-- @title Danh mục cơ quan, đơn vị
-- @answers Every agency (of one plan when given: its province's agencies whose kind reports under it and whose life meets its period) with its kind, province, emulation bloc (illustrative), active dates, direct successor and the agency its own figures roll up to (itself when not merged; for a split, the successor taking the rest, where exemplars are placed one by one).
-- @file danh_muc_don_vi
-- @param plan TEXT = NULL  Kế hoạch
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
-- @column province Mã tỉnh
-- @column province_name Tỉnh
-- @column kind_label Loại đơn vị
SELECT a.code AS agency_code, a.name AS agency_name, a.kind AS agency_kind,
       a.bloc_code, bl.name AS bloc_name, a.active_from, a.active_to,
       s.successor_code, sa.name AS successor_name, s.effective_date AS succession_date,
       ra.agency_code AS rollup_agency_code,
       a.province, pr.name AS province_name, coalesce(k.label, a.kind) AS kind_label
FROM agencies a
JOIN emulation_blocs bl ON bl.code = a.bloc_code
JOIN reporting_agency_for(true, $plan, NULL, NULL, NULL) ra ON ra.recorded_code = a.code
LEFT JOIN provinces pr ON pr.code = a.province
LEFT JOIN agency_kind_labels() k ON k.code = a.kind
-- the direct successor shown (of those followed over the plan's period): the one taking all or the rest, else the newest
LEFT JOIN (
  SELECT * FROM followed_successions((SELECT first_year FROM plans WHERE code = $plan), (SELECT last_year FROM plans WHERE code = $plan))
  QUALIFY row_number() OVER (PARTITION BY predecessor_code ORDER BY CASE takes_by WHEN 'all' THEN 0 WHEN 'rest' THEN 1 ELSE 2 END, effective_date DESC, successor_code) = 1
) s ON s.predecessor_code = a.code
LEFT JOIN agencies sa ON sa.code = s.successor_code
LEFT JOIN plans p ON p.code = $plan
WHERE $plan IS NULL
   OR (a.province = p.province AND list_contains(p.reporting_kinds, a.kind)
       AND (a.active_from IS NULL OR year(a.active_from) <= p.last_year)
       AND (a.active_to IS NULL OR year(a.active_to) >= p.first_year))
ORDER BY a.bloc_code, a.code;
