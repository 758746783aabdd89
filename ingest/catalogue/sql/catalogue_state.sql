-- What a catalogue file may refer to: provinces, blocs, agencies (with their validity and
-- province), movement keys and vocabulary codes, as (what, code, a, b, c) rows.
SELECT 'province' AS what, code, NULL AS a, NULL AS b, NULL AS c FROM provinces
UNION ALL SELECT 'bloc', code, NULL, NULL, NULL FROM emulation_blocs
UNION ALL SELECT 'agency', code, strftime(active_from, '%Y-%m-%d'), strftime(active_to, '%Y-%m-%d'), province FROM agencies
UNION ALL SELECT 'movement', no::VARCHAR, NULL, NULL, NULL FROM movements
UNION ALL SELECT 'vocabulary', code, list, NULL, NULL FROM vocabulary;
