-- The movements of a plan with the keys they were registered under. Parameters: $code.
SELECT number, no AS key, name FROM movements WHERE plan_code = $code ORDER BY number;
