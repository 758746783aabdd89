-- @title Danh mục khối thi đua
-- @answers The emulation blocs (membership illustrative: the plan does not list it) and how many agencies each holds.
-- @file danh_muc_khoi_thi_dua
-- @column bloc_code Mã khối
-- @column bloc_name Khối thi đua
-- @column illustrative Minh họa
-- @column agencies Số đơn vị
SELECT bl.code AS bloc_code, bl.name AS bloc_name, bl.illustrative,
       count(a.code)::INTEGER AS agencies
FROM emulation_blocs bl LEFT JOIN agencies a ON a.bloc_code = bl.code
GROUP BY ALL
ORDER BY bl.code;
