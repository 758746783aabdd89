-- @title Danh mục đại hội thi đua yêu nước
-- @answers The registered congresses: identity, date, period, provinces (codes and names), the selection rule and form, how many delegations have seats allocated for it (newest committed allocation per agency) and the seats.
-- @file danh_muc_dai_hoi
-- @column congress_code Mã đại hội
-- @column name Tên đại hội
-- @column number Lần thứ
-- @column held_on Ngày tổ chức
-- @column first_year Năm đầu
-- @column last_year Năm cuối
-- @column provinces Mã các tỉnh
-- @column province_names Các tỉnh
-- @column rule Quy tắc chọn
-- @column form Hình thức tính
-- @column synthetic Dữ liệu mô phỏng
-- @column delegations Số đoàn được phân bổ
-- @column seats Số đại biểu được phân bổ
WITH allocation AS (
  SELECT da.congress_code, da.agency_code, da.seats
  FROM delegate_allocations da
  JOIN ingest_batches b ON b.id = da.batch_id AND b.status = 'committed'
  QUALIFY row_number() OVER (PARTITION BY da.congress_code, da.agency_code ORDER BY b.received_at DESC, b.id DESC) = 1
),
totals AS (
  SELECT congress_code, count(*) FILTER (WHERE seats > 0) AS delegations, sum(seats) AS seats FROM allocation GROUP BY congress_code
)
SELECT c.code AS congress_code, c.name, c.number, c.held_on,
       c.first_year::INTEGER AS first_year, c.last_year::INTEGER AS last_year,
       -- Text, "HY, TB" (answers carry no list kind): the app splits it (dashboard/app/congress/congressRows.ts listOf).
       array_to_string(c.provinces, ', ') AS provinces,
       (SELECT string_agg(pr.name, ', ' ORDER BY pr.name) FROM provinces pr WHERE list_contains(c.provinces, pr.code)) AS province_names,
       c.rule, c.form, c.synthetic,
       coalesce(t.delegations, 0)::INTEGER AS delegations, coalesce(t.seats, 0)::INTEGER AS seats
FROM congresses c
LEFT JOIN totals t ON t.congress_code = c.code
ORDER BY c.held_on DESC NULLS LAST, c.code DESC;
