-- The successions in force for the organisation template.
SELECT predecessor_code, successor_code, strftime(effective_date, '%Y-%m-%d') AS effective_date,
       coalesce(note, '') AS note, takes_by, takes_values
FROM agency_successions
ORDER BY effective_date, predecessor_code, successor_code;
