-- The template's drop-down lists: the plan's movements (by their number within the plan) and
-- the vocabularies' labels, in display order. Parameters: $plan.
SELECT 'movement' AS list, number AS ord, name AS label, short_name, number FROM movements WHERE plan_code = $plan
UNION ALL
SELECT list, ord, label, NULL, NULL FROM vocabulary WHERE list IN ('kind', 'category', 'stage', 'form')
ORDER BY list, ord;
