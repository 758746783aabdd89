-- The registered plans of the agency's province, earliest first, with the province's name.
-- Parameters: $agency.
SELECT p.code, p.number, p.first_year, p.last_year, coalesce(pr.name, p.province) AS province_name
FROM agencies a
JOIN plans p ON p.province = a.province
LEFT JOIN provinces pr ON pr.code = p.province
WHERE a.code = $agency
ORDER BY p.first_year;
