-- @title Số liệu chính giai đoạn đã chọn
-- @answers One row of headline figures for the overview: recognitions, distinct exemplars (all and by kind), by form, agencies and movements with recognitions, and progress against the plans' targets (targets ignore the category and form filters: plans set no target per category).
-- @file so_lieu_chinh
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới
-- @param form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column year_from Từ năm
-- @column year_to Đến năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- @column exemplars_tap_the Điển hình tập thể
-- @column exemplars_ca_nhan Điển hình cá nhân
-- @column exemplars_ho_gia_dinh Điển hình hộ gia đình
-- @column recognitions_cong_nhan_dhtt Lượt công nhận ĐHTT
-- @column recognitions_bang_khen_ubnd Lượt Bằng khen UBND tỉnh
-- @column agencies Số đơn vị có điển hình
-- @column movements Số phong trào có điển hình
-- @column target_total Chỉ tiêu theo kế hoạch
-- @column target_for_years Chỉ tiêu tính cho các năm đã chọn
-- @column share_achieved:share Tỷ lệ đạt chỉ tiêu
WITH c AS (
  SELECT * FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup)
),
targets AS (
  SELECT sum(pt.target) AS target_total
  FROM plan_targets pt
  JOIN reporting_agency($rollup) ra ON ra.recorded_code = pt.agency_code
  JOIN agencies a ON a.code = ra.agency_code
  WHERE ($movement IS NULL OR pt.movement_no = $movement)
    AND ($agency IS NULL OR ra.agency_code = $agency)
    AND ($bloc IS NULL OR a.bloc_code = $bloc)
    AND ($kind IS NULL OR pt.kind = $kind)
),
-- Plans set five-year targets (2021–2025): for fewer years selected, the target is pro-rated
-- (3 of 5 years: 3/5 of it), so 2023–2025 is not measured against the whole plan (issue 14 §5).
plan_share AS (SELECT ($year_to - $year_from + 1) AS years),
-- Distinct exemplars by grouping once per exemplar (kind, agency and movement belong to the
-- exemplar), then counting groups: one hash aggregate instead of five count(DISTINCT ...),
-- 2–3× faster at 1M recognitions. Same answers as the direct form
-- (test/fixtures/queries/reference/overview_headline.sql, test/queries-fact-equivalence.test.ts).
per_exemplar AS (
  SELECT exemplar_id, any_value(kind) AS kind, any_value(agency_code) AS agency_code, any_value(movement_no) AS movement_no,
         count(*) AS recognitions,
         count(*) FILTER (WHERE form = 'cong_nhan_dhtt') AS recognitions_cong_nhan_dhtt,
         count(*) FILTER (WHERE form = 'bang_khen_ubnd') AS recognitions_bang_khen_ubnd
  FROM c
  GROUP BY exemplar_id
),
totals AS (
  SELECT coalesce(sum(recognitions), 0) AS recognitions,
         count(*) AS exemplars,
         count(*) FILTER (WHERE kind = 'tap_the') AS exemplars_tap_the,
         count(*) FILTER (WHERE kind = 'ca_nhan') AS exemplars_ca_nhan,
         count(*) FILTER (WHERE kind = 'ho_gia_dinh') AS exemplars_ho_gia_dinh,
         coalesce(sum(recognitions_cong_nhan_dhtt), 0) AS recognitions_cong_nhan_dhtt,
         coalesce(sum(recognitions_bang_khen_ubnd), 0) AS recognitions_bang_khen_ubnd,
         count(DISTINCT agency_code) AS agencies,
         count(DISTINCT movement_no) AS movements
  FROM per_exemplar
)
SELECT $year_from::INTEGER AS year_from, $year_to::INTEGER AS year_to,
       totals.recognitions::INTEGER AS recognitions,
       totals.exemplars::INTEGER AS exemplars,
       totals.exemplars_tap_the::INTEGER AS exemplars_tap_the,
       totals.exemplars_ca_nhan::INTEGER AS exemplars_ca_nhan,
       totals.exemplars_ho_gia_dinh::INTEGER AS exemplars_ho_gia_dinh,
       totals.recognitions_cong_nhan_dhtt::INTEGER AS recognitions_cong_nhan_dhtt,
       totals.recognitions_bang_khen_ubnd::INTEGER AS recognitions_bang_khen_ubnd,
       totals.agencies::INTEGER AS agencies,
       totals.movements::INTEGER AS movements,
       targets.target_total::INTEGER AS target_total,
       round(targets.target_total * plan_share.years / 5.0, 1)::DOUBLE AS target_for_years,
       CASE WHEN targets.target_total > 0 THEN round(totals.exemplars / (targets.target_total * plan_share.years / 5.0), 4) END::DOUBLE AS share_achieved
FROM totals CROSS JOIN targets CROSS JOIN plan_share;
