-- @title Thông tin và quá trình công nhận của một điển hình
-- @answers One exemplar with its recognition history: one row per counted recognition (year, form, decision, the batch it came from), oldest first, and its line across periods and successions (lineage_id; exemplar_lineage lists the line). Empty when the id is unknown or has no counted recognition.
-- @file thong_tin_dien_hinh
-- @access personal agency_code
-- @param exemplar_id INTEGER[1..2147483647]  Mã số điển hình
-- @column exemplar_id Mã số
-- @column exemplar_code Mã điển hình
-- @column name Tên điển hình
-- @column unit Đơn vị, địa chỉ
-- @column kind Mã loại
-- @column kind_label Loại
-- @column category Mã nhóm
-- @column category_label Nhóm
-- @column movement_no Số phong trào
-- @column movement_short_name Phong trào
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column stage Mã giai đoạn
-- @column stage_label Giai đoạn
-- @column year Năm
-- @column form Mã hình thức
-- @column form_label Hình thức
-- @column decision_no Số quyết định
-- @column decision_date Ngày quyết định
-- @column batch_id Lô dữ liệu
-- @column file_name Tệp nguồn
-- @column received_at Thời điểm nhận
-- @column lineage_id Mã dòng điển hình
SELECT e.id::INTEGER AS exemplar_id, e.code AS exemplar_code, e.name, e.unit,
       e.kind, k.label AS kind_label, e.category, cat.label AS category_label,
       e.movement_no::INTEGER AS movement_no, m.short_name AS movement_short_name,
       e.agency_code, a.name AS agency_name, e.stage, st.label AS stage_label,
       r.year::INTEGER AS year, r.form, f.label AS form_label, r.decision_no, r.decision_date,
       r.batch_id::INTEGER AS batch_id, b.file_name, b.received_at, coalesce(e.lineage_id, e.id)::INTEGER AS lineage_id
FROM exemplars e
JOIN recognitions r ON r.exemplar_id = e.id
JOIN ingest_batches b ON b.id = r.batch_id AND b.status = 'committed'
JOIN agencies a ON a.code = e.agency_code
JOIN movements m ON m.no = e.movement_no
JOIN kind_labels() k ON k.code = e.kind
JOIN category_labels() cat ON cat.code = e.category
JOIN stage_labels() st ON st.code = e.stage
JOIN form_labels() f ON f.code = r.form
WHERE e.id = $exemplar_id
ORDER BY r.year, r.form;
