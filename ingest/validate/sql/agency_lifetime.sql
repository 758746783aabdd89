-- The agency's lifetime and, if it was merged, its successor: a list for a year outside the
-- agency's existence cannot be right. Parameters: $agency.
SELECT a.name, year(a.active_from)::INTEGER AS first_year, year(a.active_to)::INTEGER AS last_year,
       s.successor_code, sa.name AS successor_name, strftime(s.effective_date, '%d/%m/%Y') AS effective
FROM agencies a
LEFT JOIN agency_successions s ON s.predecessor_code = a.code
LEFT JOIN agencies sa ON sa.code = s.successor_code
WHERE a.code = $agency
LIMIT 1;
