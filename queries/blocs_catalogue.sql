-- @title Danh mục khối thi đua
-- @answers The emulation blocs (membership illustrative: the plan does not list it) and how many agencies each holds (of one plan when given: its province's agencies whose kind reports under it and whose life meets its period).
-- @file danh_muc_khoi_thi_dua
-- @param plan TEXT = NULL  Kế hoạch
-- @column bloc_code Mã khối
-- @column bloc_name Khối thi đua
-- @column illustrative Minh họa
-- @column agencies Số đơn vị
SELECT bl.code AS bloc_code, bl.name AS bloc_name, bl.illustrative,
       count(a.agency_code)::INTEGER AS agencies
FROM emulation_blocs bl
LEFT JOIN agencies_in_view(false, NULL, NULL, $plan, NULL, NULL, NULL) a ON a.bloc_code = bl.code
GROUP BY ALL
HAVING $plan IS NULL OR count(a.agency_code) > 0
ORDER BY bl.code;
