-- What an organisation table may name by label rather than code: agency kinds, blocs, provinces.
SELECT 'kind' AS list, code, label, ord FROM vocabulary WHERE list = 'agency_kind'
UNION ALL SELECT 'bloc', code, name, 0 FROM emulation_blocs
UNION ALL SELECT 'province', code, name, 0 FROM provinces
ORDER BY list, ord, code;
