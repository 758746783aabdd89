-- has_invalid_char(s): the SQL twin of INVALID_CHARACTER in ingest/text/invalidCharacters.ts:
-- C0 controls but tab, LF, CR; DEL; C1 controls; noncharacters U+FDD0–U+FDEF, U+FFFE, U+FFFF
-- (U+FDD0 also carries a lone surrogate from JSON or XLSX: markLoneSurrogates). Such text is
-- refused row by row (TEXT_INVALID_CHARACTER), never stored. A macro of the upload workspace, made per upload.
CREATE OR REPLACE MACRO has_invalid_char(s) AS
  regexp_matches(s, '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\x{FDD0}-\x{FDEF}\x{FFFE}\x{FFFF}]');

-- invalid_char_excerpt(s): what a report shows of a long value with such a character: up to
-- 100 characters either side of the first one, "…" where cut (a short value whole).
CREATE OR REPLACE MACRO invalid_char_excerpt(s) AS
  CASE WHEN length(s) <= 200 THEN s ELSE (
    WITH e AS (SELECT regexp_extract(s, '(?s).{0,100}?[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\x{FDD0}-\x{FDEF}\x{FFFE}\x{FFFF}].{0,100}') AS x)
    SELECT CASE WHEN starts_with(s, x) THEN '' ELSE '…' END || x || CASE WHEN ends_with(s, x) THEN '' ELSE '…' END FROM e
  ) END;
