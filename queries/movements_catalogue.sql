-- @title Danh mục phong trào thi đua
-- @answers The movements of the registered plans (of one plan when given) with their plan, their number within it, their lead agency and assignment (giao / đề nghị), for the UI's filters and labels. movement_no is the movement's key (what the `movement` filter takes); number is its number in its plan.
-- @file danh_muc_phong_trao
-- @param plan TEXT = NULL  Kế hoạch
-- @column movement_no Mã phong trào
-- @column name Tên phong trào
-- @column short_name Tên ngắn
-- @column lead_agency_code Mã cơ quan chủ trì
-- @column lead_agency_name Cơ quan chủ trì
-- @column assignment Mã hình thức giao
-- @column assignment_label Giao / Đề nghị
-- @column parts Nội dung thành phần
-- @column plan_code Kế hoạch
-- @column number Số phong trào trong kế hoạch
SELECT m.no::INTEGER AS movement_no, m.name, m.short_name, m.lead_agency_code, a.name AS lead_agency_name,
       m.assignment, coalesce(al.label, m.assignment) AS assignment_label,
       (SELECT string_agg(p.name, '; ' ORDER BY p.part_no) FROM movement_parts p WHERE p.movement_no = m.no) AS parts,
       m.plan_code, m.number::INTEGER AS number
FROM movements m
JOIN agencies a ON a.code = m.lead_agency_code
LEFT JOIN assignment_labels() al ON al.code = m.assignment
WHERE $plan IS NULL OR m.plan_code = $plan
ORDER BY m.no;
