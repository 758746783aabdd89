-- @title Danh mục kế hoạch
-- @answers The registered plans: identity, province, period, submission deadline, how many movements and counted recognitions each has, and which is the plan of the latest period with data (the plan covering the newest recognised year; with no recognition, the newest plan).
-- @file danh_muc_ke_hoach
-- @column plan_code Mã kế hoạch
-- @column number Số kế hoạch
-- @column title Tên kế hoạch
-- @column issued_on Ngày ban hành
-- @column issued_by Cơ quan ban hành
-- @column province Mã tỉnh
-- @column province_name Tỉnh
-- @column first_year Năm đầu
-- @column last_year Năm cuối
-- @column submission_deadline Hạn gửi kế hoạch
-- @column synthetic Dữ liệu mô phỏng
-- @column movements Số phong trào
-- @column recognitions Số lượt công nhận
-- @column is_latest_with_data Giai đoạn gần nhất có số liệu
WITH counts AS (
  SELECT plan_code::VARCHAR AS plan_code, count(*) AS recognitions FROM fact_recognitions WHERE plan_code IS NOT NULL GROUP BY ALL
)
SELECT p.code AS plan_code, p.number, p.title, p.issued_on, p.issued_by, p.province, pr.name AS province_name,
       p.first_year::INTEGER AS first_year, p.last_year::INTEGER AS last_year, p.submission_deadline, p.synthetic,
       (SELECT count(*) FROM movements m WHERE m.plan_code = p.code)::INTEGER AS movements,
       coalesce(counts.recognitions, 0)::INTEGER AS recognitions,
       coalesce(p.code = (SELECT plan_code FROM latest_plan_with_data()), false) AS is_latest_with_data
FROM plans p
LEFT JOIN provinces pr ON pr.code = p.province
LEFT JOIN counts ON counts.plan_code = p.code
ORDER BY p.first_year, p.province, p.code;
