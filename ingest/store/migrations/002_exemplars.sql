-- 002: ingest batches, exemplars and their recognitions.
-- No FOREIGN KEY points at exemplars or ingest_batches: DuckDB refuses any UPDATE of a
-- referenced row (even of a non-key column such as stage or status), measured with 1.5.6.
-- exemplars and recognitions (the big tables) carry no PRIMARY KEY, UNIQUE or FOREIGN KEY
-- either: each is an ART index maintained row by row, and inserting 1M exemplars and
-- recognitions took 11 s with them and 2.1 s without. Ids still come from the sequences;
-- what the constraints guaranteed (unique ids, codes and identities, one recognition per
-- exemplar, year and form, every reference resolving) is checked set-wise inside each
-- write transaction before COMMIT (ingest/commit/sql/integrity_violations.sql,
-- test/ingest-integrity.test.ts).

CREATE SEQUENCE batch_id_seq START 1;
CREATE SEQUENCE exemplar_id_seq START 1;
CREATE SEQUENCE recognition_id_seq START 1;

-- Every upload that reached the commit step, with who/when/what. A re-upload for the same
-- agency-year supersedes the earlier batch (status 'superseded'); its rows move to history.
CREATE TABLE ingest_batches (
  id              INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
  kind            VARCHAR NOT NULL CHECK (kind IN ('recognitions','allocations','plans','demo')),
  agency_code     VARCHAR REFERENCES agencies(code),
  year            INTEGER,
  submitted_by    VARCHAR NOT NULL,           -- token label
  received_at     TIMESTAMP NOT NULL,
  file_name       VARCHAR NOT NULL,
  file_sha256     VARCHAR NOT NULL,
  rows_total      INTEGER NOT NULL,
  rows_accepted   INTEGER NOT NULL,
  rows_refused    INTEGER NOT NULL,
  rows_ignored    INTEGER NOT NULL,
  status          VARCHAR NOT NULL CHECK (status IN ('committed','superseded')),
  superseded_by   INTEGER,
  synthetic       BOOLEAN NOT NULL DEFAULT false
);

-- Stable identity across years: the same agency, kind, lower(name) and lower(unit), or the
-- same explicit code. name and unit are stored clean (NFC, invisibles removed, spaces
-- collapsed), so lower(name) is lower(clean_text(typed name)). Diacritics are part of a
-- Vietnamese name: "Hùng" and "Hưng" are two people, so identity never uses the fold keys.
-- Unique per agency (checked set-wise, see above); codes are unique across agencies.
CREATE TABLE exemplars (
  id            INTEGER NOT NULL DEFAULT nextval('exemplar_id_seq'),
  code          VARCHAR NOT NULL,
  name          VARCHAR NOT NULL,              -- NFC, collapsed spaces
  name_key      VARCHAR NOT NULL,              -- fold_key(name): search and near-matches, not identity
  unit          VARCHAR NOT NULL DEFAULT '',   -- unit or address
  unit_key      VARCHAR NOT NULL DEFAULT '',   -- fold_key(unit)
  kind          VARCHAR NOT NULL CHECK (kind IN ('tap_the','ca_nhan','ho_gia_dinh')),
  category      VARCHAR NOT NULL CHECK (category IN ('dien_hinh_tien_tien','mo_hinh_moi','nhan_to_moi')),
  agency_code   VARCHAR NOT NULL,              -- agencies.code (checked set-wise)
  movement_no   INTEGER NOT NULL,              -- movements.no (checked set-wise)
  stage         VARCHAR NOT NULL CHECK (stage IN ('phat_hien','boi_duong','tong_ket','nhan_rong')),
  first_batch_id INTEGER NOT NULL,
  synthetic     BOOLEAN NOT NULL DEFAULT false,
  -- Households are recognised only in movement 8 (Section III.8.b).
  CHECK (kind <> 'ho_gia_dinh' OR movement_no = 8)
);

CREATE TABLE recognitions (
  id            BIGINT NOT NULL DEFAULT nextval('recognition_id_seq'),
  exemplar_id   INTEGER NOT NULL,               -- exemplars.id (see header: checked set-wise)
  year          INTEGER NOT NULL CHECK (year BETWEEN 2021 AND 2025),
  form          VARCHAR NOT NULL CHECK (form IN ('cong_nhan_dhtt','bang_khen_ubnd')),
  decision_no   VARCHAR NOT NULL DEFAULT '',
  decision_date DATE,
  batch_id      INTEGER NOT NULL,               -- ingest_batches.id
  source_row    INTEGER                         -- row number in the uploaded file
  -- one row per (exemplar_id, year, form): checked set-wise (see header)
);

-- Rows of superseded batches, kept for the audit trail; never counted.
CREATE TABLE recognitions_history (
  id            BIGINT NOT NULL,
  exemplar_id   INTEGER NOT NULL,
  year          INTEGER NOT NULL,
  form          VARCHAR NOT NULL,
  decision_no   VARCHAR NOT NULL,
  decision_date DATE,
  batch_id      INTEGER NOT NULL,
  source_row    INTEGER,
  superseded_at TIMESTAMP NOT NULL
);
