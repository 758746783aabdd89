-- 003: agency plans (Section VII.1: sent to Sở Nội vụ before 31 Aug 2021) and the
-- congress delegate allocations of Section V.

CREATE TABLE agency_plans (
  agency_code  VARCHAR PRIMARY KEY REFERENCES agencies(code),
  document_no  VARCHAR NOT NULL DEFAULT '',
  submitted_on DATE NOT NULL,
  synthetic    BOOLEAN NOT NULL DEFAULT false
);

-- Targets for 2021–2025: number of exemplars per movement and kind.
CREATE TABLE plan_targets (
  agency_code VARCHAR NOT NULL REFERENCES agencies(code),
  movement_no INTEGER NOT NULL REFERENCES movements(no),
  kind        VARCHAR NOT NULL CHECK (kind IN ('tap_the','ca_nhan','ho_gia_dinh')),
  target      INTEGER NOT NULL CHECK (target >= 0),
  PRIMARY KEY (agency_code, movement_no, kind)
);

-- Versioned like other batches: the allocation in force is the one of the newest
-- committed 'allocations' (or 'demo') batch that names the agency.
CREATE TABLE delegate_allocations (
  batch_id    INTEGER NOT NULL,                 -- ingest_batches.id (no FK: see 002)
  agency_code VARCHAR NOT NULL REFERENCES agencies(code),
  seats       INTEGER NOT NULL CHECK (seats >= 0),
  PRIMARY KEY (batch_id, agency_code)
);
