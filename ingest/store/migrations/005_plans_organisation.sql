-- 005: plans, periods, the organisation with time, and congresses become data
-- (docs/plans-and-organisation.md). The catalogue files (catalogue/*.json) are registered by
-- the data step of this version (ingest/catalogue/registerShipped.ts), in this transaction.
--
-- Tables whose CHECK named Plan 90's years, movements or agency kinds are rebuilt without it
-- (DuckDB cannot drop a constraint); what the checks guarded is validated against the
-- registered plans at ingest. The catalogue tables lose their FOREIGN KEYs for the reason of
-- 002: DuckDB refuses any UPDATE of a referenced row, and an organisation upload updates
-- agencies; references are checked when a file is registered (registerOrganisation.ts,
-- registerPlan.ts) and set-wise at commit (integrity_violations.sql).

CREATE TABLE provinces (
  code       VARCHAR PRIMARY KEY,
  name       VARCHAR NOT NULL,
  valid_from DATE,
  valid_to   DATE
);

-- The closed vocabularies and their labels (catalogue/vocabulary.json): the reporting service
-- reads labels from here, not from ingest code.
CREATE TABLE vocabulary (
  list  VARCHAR NOT NULL,
  code  VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  ord   INTEGER NOT NULL,
  PRIMARY KEY (list, code)
);

CREATE TABLE plans (
  code                VARCHAR PRIMARY KEY,
  number              VARCHAR NOT NULL,
  title               VARCHAR NOT NULL,
  issued_on           DATE NOT NULL,
  issued_by           VARCHAR NOT NULL,
  province            VARCHAR NOT NULL,
  first_year          INTEGER NOT NULL,
  last_year           INTEGER NOT NULL,
  submission_deadline DATE NOT NULL,
  reporting_kinds     VARCHAR[] NOT NULL,
  synthetic           BOOLEAN NOT NULL DEFAULT false,
  batch_id            INTEGER,            -- the registration batch (NULL: shipped with the release)
  document            VARCHAR NOT NULL    -- the plan file as registered (JSON)
);

CREATE TABLE plan_goals (
  plan_code   VARCHAR NOT NULL,
  ord         INTEGER NOT NULL,
  text        VARCHAR NOT NULL,
  movement_no INTEGER,                    -- movement key, if the target is a movement's
  value       DOUBLE,
  unit        VARCHAR NOT NULL DEFAULT '',
  PRIMARY KEY (plan_code, ord)
);

CREATE TABLE congresses (
  code       VARCHAR PRIMARY KEY,
  name       VARCHAR NOT NULL,
  number     VARCHAR NOT NULL,
  held_on    DATE,
  first_year INTEGER NOT NULL,
  last_year  INTEGER NOT NULL,
  provinces  VARCHAR[] NOT NULL,
  rule       VARCHAR NOT NULL,
  form       VARCHAR NOT NULL,
  synthetic  BOOLEAN NOT NULL DEFAULT false,
  batch_id   INTEGER
);

-- Rebuilt catalogue tables -----------------------------------------------------------------
CREATE TEMP TABLE v4_blocs AS SELECT * FROM emulation_blocs;
CREATE TEMP TABLE v4_agencies AS SELECT * FROM agencies;
CREATE TEMP TABLE v4_variants AS SELECT * FROM agency_name_variants;
CREATE TEMP TABLE v4_successions AS SELECT * FROM agency_successions;
CREATE TEMP TABLE v4_movements AS SELECT * FROM movements;
CREATE TEMP TABLE v4_parts AS SELECT * FROM movement_parts;
CREATE TEMP TABLE v4_agency_plans AS SELECT * FROM agency_plans;
CREATE TEMP TABLE v4_targets AS SELECT * FROM plan_targets;
CREATE TEMP TABLE v4_allocations AS SELECT * FROM delegate_allocations;
CREATE TEMP TABLE v4_batches AS SELECT * FROM ingest_batches;

DROP TABLE agency_name_variants;
DROP TABLE agency_successions;
DROP TABLE movement_parts;
DROP TABLE plan_targets;
DROP TABLE agency_plans;
DROP TABLE delegate_allocations;
DROP TABLE ingest_batches;
DROP TABLE movements;
DROP TABLE agencies;
DROP TABLE emulation_blocs;

CREATE TABLE emulation_blocs (
  code         VARCHAR PRIMARY KEY,
  name         VARCHAR NOT NULL,
  illustrative BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO emulation_blocs SELECT code, name, illustrative FROM v4_blocs;

CREATE TABLE agencies (
  code        VARCHAR PRIMARY KEY,
  name        VARCHAR NOT NULL,
  kind        VARCHAR NOT NULL,             -- vocabulary 'agency_kind'
  bloc_code   VARCHAR NOT NULL,
  province    VARCHAR NOT NULL,             -- provinces.code
  active_from DATE,                         -- inclusive; NULL: before any record
  active_to   DATE                          -- inclusive; NULL: still in force
);
-- Every agency of a release before 005 was of the province Plan 90 was written for; the data
-- step sets it from the organisation file (a placeholder until then).
INSERT INTO agencies SELECT code, name, kind, bloc_code, '?', active_from, active_to FROM v4_agencies;

CREATE TABLE agency_name_variants (
  agency_code VARCHAR NOT NULL,
  variant     VARCHAR NOT NULL,
  variant_key VARCHAR NOT NULL,
  PRIMARY KEY (agency_code, variant_key)
);
INSERT INTO agency_name_variants SELECT agency_code, variant, variant_key FROM v4_variants;

-- Successions, many-to-many; where a predecessor has several successors each says which part
-- of the history it takes (takes_by: all, movement, commune, list, rest; takes_values).
CREATE TABLE agency_successions (
  predecessor_code VARCHAR NOT NULL,
  successor_code   VARCHAR NOT NULL,
  effective_date   DATE NOT NULL,
  note             VARCHAR,
  takes_by         VARCHAR NOT NULL DEFAULT 'all',
  takes_values     VARCHAR[] NOT NULL DEFAULT [],
  PRIMARY KEY (predecessor_code, successor_code)
);
INSERT INTO agency_successions SELECT predecessor_code, successor_code, effective_date, note, 'all', [] FROM v4_successions;

-- no is the movement's key (Plan 90's keys are its numbers 1–20; a later plan's movements get
-- new keys); number is its number within its plan.
CREATE TABLE movements (
  no               INTEGER PRIMARY KEY,
  plan_code        VARCHAR NOT NULL,
  number           INTEGER NOT NULL,
  name             VARCHAR NOT NULL,
  short_name       VARCHAR NOT NULL,
  lead_agency_code VARCHAR NOT NULL,
  assignment       VARCHAR NOT NULL,
  households       BOOLEAN NOT NULL DEFAULT false,
  aliases          VARCHAR[] NOT NULL DEFAULT [],
  UNIQUE (plan_code, number)
);
INSERT INTO movements SELECT no, '?', no, name, short_name, lead_agency_code, assignment, false, [] FROM v4_movements;

CREATE TABLE movement_parts (
  movement_no INTEGER NOT NULL,
  part_no     INTEGER NOT NULL,
  name        VARCHAR NOT NULL,
  PRIMARY KEY (movement_no, part_no)
);
INSERT INTO movement_parts SELECT movement_no, part_no, name FROM v4_parts;

-- An agency's own plan for a period (Section VII.1 of Plan 90), per plan.
CREATE TABLE agency_plans (
  plan_code    VARCHAR NOT NULL,
  agency_code  VARCHAR NOT NULL,
  document_no  VARCHAR NOT NULL DEFAULT '',
  submitted_on DATE NOT NULL,
  synthetic    BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (plan_code, agency_code)
);
INSERT INTO agency_plans SELECT '?', agency_code, document_no, submitted_on, synthetic FROM v4_agency_plans;

-- Targets per movement key (which names the plan) and kind.
CREATE TABLE plan_targets (
  agency_code VARCHAR NOT NULL,
  movement_no INTEGER NOT NULL,
  kind        VARCHAR NOT NULL CHECK (kind IN ('tap_the','ca_nhan','ho_gia_dinh')),
  target      INTEGER NOT NULL CHECK (target >= 0),
  PRIMARY KEY (agency_code, movement_no, kind)
);
INSERT INTO plan_targets SELECT agency_code, movement_no, kind, target FROM v4_targets;

-- Seats per delegation for one congress (versioned like other batches).
CREATE TABLE delegate_allocations (
  batch_id      INTEGER NOT NULL,
  congress_code VARCHAR NOT NULL,
  agency_code   VARCHAR NOT NULL,
  seats         INTEGER NOT NULL CHECK (seats >= 0),
  PRIMARY KEY (batch_id, agency_code)
);
INSERT INTO delegate_allocations SELECT batch_id, '?', agency_code, seats FROM v4_allocations;

CREATE TABLE ingest_batches (
  id              INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
  kind            VARCHAR NOT NULL CHECK (kind IN ('recognitions','allocations','plans','demo','plan','organisation','congress')),
  agency_code     VARCHAR,
  year            INTEGER,
  submitted_by    VARCHAR NOT NULL,
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
INSERT INTO ingest_batches SELECT * FROM v4_batches;

-- Big tables: the year CHECK (Plan 90's period) and the household CHECK (Plan 90's movement 8)
-- go; the plan in force validates both at ingest. exemplars gains plan_code (identity holds
-- within one plan's period: agency, plan, kind, name, unit) and lineage_id: the first exemplar
-- of its line across periods and successions (NULL for an exemplar that starts its own line,
-- as every existing row does; readers take coalesce(lineage_id, id)).
CREATE TEMP TABLE v4_recognitions AS SELECT * FROM recognitions;
DROP TABLE recognitions;
CREATE TABLE recognitions (
  id            BIGINT NOT NULL DEFAULT nextval('recognition_id_seq'),
  exemplar_id   INTEGER NOT NULL,
  year          INTEGER NOT NULL,
  form          VARCHAR NOT NULL CHECK (form IN ('cong_nhan_dhtt','bang_khen_ubnd')),
  decision_no   VARCHAR NOT NULL DEFAULT '',
  decision_date DATE,
  batch_id      INTEGER NOT NULL,
  source_row    INTEGER
);
INSERT INTO recognitions SELECT * FROM v4_recognitions;
DROP TABLE v4_recognitions;

CREATE TEMP TABLE v4_exemplars AS SELECT * FROM exemplars;
DROP TABLE exemplars;
CREATE TABLE exemplars (
  id            INTEGER NOT NULL DEFAULT nextval('exemplar_id_seq'),
  code          VARCHAR NOT NULL,
  name          VARCHAR NOT NULL,
  name_key      VARCHAR NOT NULL,
  unit          VARCHAR NOT NULL DEFAULT '',
  unit_key      VARCHAR NOT NULL DEFAULT '',
  kind          VARCHAR NOT NULL CHECK (kind IN ('tap_the','ca_nhan','ho_gia_dinh')),
  category      VARCHAR NOT NULL CHECK (category IN ('dien_hinh_tien_tien','mo_hinh_moi','nhan_to_moi')),
  agency_code   VARCHAR NOT NULL,
  movement_no   INTEGER NOT NULL,
  stage         VARCHAR NOT NULL CHECK (stage IN ('phat_hien','boi_duong','tong_ket','nhan_rong')),
  first_batch_id INTEGER NOT NULL,
  synthetic     BOOLEAN NOT NULL DEFAULT false,
  plan_code     VARCHAR NOT NULL,            -- the plan (period) it was recognised under
  lineage_id    INTEGER                      -- NULL: the exemplar starts its own line
);
INSERT INTO exemplars
SELECT id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, first_batch_id, synthetic, '?', NULL
FROM v4_exemplars;
DROP TABLE v4_exemplars;

DROP TABLE v4_blocs; DROP TABLE v4_agencies; DROP TABLE v4_variants; DROP TABLE v4_successions;
DROP TABLE v4_movements; DROP TABLE v4_parts; DROP TABLE v4_agency_plans; DROP TABLE v4_targets;
DROP TABLE v4_allocations; DROP TABLE v4_batches;
