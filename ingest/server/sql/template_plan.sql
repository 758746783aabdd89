-- The plan a template is for: the one named, or the newest registered. Parameters: $plan (or NULL).
SELECT code, number, first_year, last_year FROM plans
WHERE $plan::VARCHAR IS NULL OR code = $plan::VARCHAR
ORDER BY first_year DESC, code LIMIT 1;
