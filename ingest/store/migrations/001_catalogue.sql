-- 001: the plan's catalogue: movements, agencies, blocs, name variants, successions.

-- Matching key, same contract as foldKey() in ingest/text/normalise.ts.
-- Invisible characters (zero-width, bidi marks, soft hyphen) are dropped, not spaced.
CREATE OR REPLACE MACRO fold_key(s) AS
  trim(regexp_replace(lower(strip_accents(replace(replace(
    regexp_replace(s, '[\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{2064}\x{2066}-\x{206F}\x{FEFF}\x{00AD}\x{061C}\x{180E}]', '', 'g'),
    'đ', 'd'), 'Đ', 'D'))), '[^a-z0-9]+', ' ', 'g'));

CREATE TABLE emulation_blocs (
  code        VARCHAR PRIMARY KEY,
  name        VARCHAR NOT NULL,
  illustrative BOOLEAN NOT NULL DEFAULT true   -- bloc membership is not in the plan
);

CREATE TABLE agencies (
  code        VARCHAR PRIMARY KEY,
  name        VARCHAR NOT NULL,
  kind        VARCHAR NOT NULL CHECK (kind IN ('dang','so_nganh','dia_phuong','luc_luong_vu_trang','doan_the','hiep_hoi','bao_chi','noi_chinh')),
  bloc_code   VARCHAR NOT NULL REFERENCES emulation_blocs(code),
  active_from DATE,
  active_to   DATE
);

-- Name variants people type ("SYT", "Sở Y tế tỉnh Hưng Yên"); variant_key = fold_key(variant).
CREATE TABLE agency_name_variants (
  agency_code VARCHAR NOT NULL REFERENCES agencies(code),
  variant     VARCHAR NOT NULL,
  variant_key VARCHAR NOT NULL,
  PRIMARY KEY (agency_code, variant_key)
);

-- Mergers and renames during 2021–2025.
CREATE TABLE agency_successions (
  predecessor_code VARCHAR NOT NULL REFERENCES agencies(code),
  successor_code   VARCHAR NOT NULL REFERENCES agencies(code),
  effective_date   DATE NOT NULL,
  note             VARCHAR,
  PRIMARY KEY (predecessor_code, successor_code)
);

CREATE TABLE movements (
  no               INTEGER PRIMARY KEY CHECK (no BETWEEN 1 AND 20),
  name             VARCHAR NOT NULL,
  short_name       VARCHAR NOT NULL,
  lead_agency_code VARCHAR NOT NULL REFERENCES agencies(code),
  assignment       VARCHAR NOT NULL CHECK (assignment IN ('giao','de_nghi'))
);

-- Sub-movements where the plan names two under one number (3, 6, 18, 19).
CREATE TABLE movement_parts (
  movement_no INTEGER NOT NULL REFERENCES movements(no),
  part_no     INTEGER NOT NULL,
  name        VARCHAR NOT NULL,
  PRIMARY KEY (movement_no, part_no)
);
