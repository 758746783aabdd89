-- The agency's lifetime and, if it ended, its successors (several where it split): a list for
-- a year outside the agency's existence cannot be right. Parameters: $agency.
SELECT a.name, year(a.active_from)::INTEGER AS first_year, year(a.active_to)::INTEGER AS last_year,
       string_agg(s.successor_code, ', ' ORDER BY s.successor_code) AS successor_code,
       string_agg(sa.name, ', ' ORDER BY s.successor_code) AS successor_name,
       strftime(min(s.effective_date), '%d/%m/%Y') AS effective
FROM agencies a
LEFT JOIN agency_successions s ON s.predecessor_code = a.code
LEFT JOIN agencies sa ON sa.code = s.successor_code
WHERE a.code = $agency
GROUP BY a.name, a.active_from, a.active_to;
