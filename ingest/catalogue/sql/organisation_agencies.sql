-- The agencies in force for the organisation template, with the names clerks type besides the
-- name and the code (which registration adds itself).
SELECT a.code, a.name, a.kind, a.bloc_code, a.province,
       strftime(a.active_from, '%Y-%m-%d') AS active_from, strftime(a.active_to, '%Y-%m-%d') AS active_to,
       coalesce((SELECT list(v.variant ORDER BY v.variant) FROM agency_name_variants v
                 WHERE v.agency_code = a.code AND v.variant_key NOT IN (fold_key(a.name), fold_key(a.code))), []) AS variants
FROM agencies a
ORDER BY a.province, a.kind, a.code;
