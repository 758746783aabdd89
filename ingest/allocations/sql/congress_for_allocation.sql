-- The congress an allocation list is for: the one named, or else the newest by held_on, then
-- code (the order the reporting side picks its default congress by: queries/shared/1_reporting_agency.sql).
-- Parameters: $code (NULL: the newest).
SELECT code, name, first_year, last_year
FROM congresses
WHERE $code::VARCHAR IS NULL OR code = $code
ORDER BY held_on DESC NULLS LAST, code DESC
LIMIT 1;
