-- @title Danh mục 20 phong trào thi đua
-- @answers The 20 movements of Section III with their lead agency and assignment (giao / đề nghị), for the UI's filters and labels.
-- @file danh_muc_phong_trao
-- @column movement_no Số phong trào
-- @column name Tên phong trào
-- @column short_name Tên ngắn
-- @column lead_agency_code Mã cơ quan chủ trì
-- @column lead_agency_name Cơ quan chủ trì
-- @column assignment Mã hình thức giao
-- @column assignment_label Giao / Đề nghị
-- @column parts Nội dung thành phần
SELECT m.no::INTEGER AS movement_no, m.name, m.short_name, m.lead_agency_code, a.name AS lead_agency_name,
       m.assignment, CASE m.assignment WHEN 'giao' THEN 'Giao' ELSE 'Đề nghị' END AS assignment_label,
       (SELECT string_agg(p.name, '; ' ORDER BY p.part_no) FROM movement_parts p WHERE p.movement_no = m.no) AS parts
FROM movements m JOIN agencies a ON a.code = m.lead_agency_code
ORDER BY m.no;
