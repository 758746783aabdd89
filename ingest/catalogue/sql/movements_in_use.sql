-- Movements (by key) that exemplars are recorded under: a plan version may not drop them.
-- Parameters: $keys (JSON list of movement keys).
SELECT m.number, count(e.id)::INTEGER AS exemplars
FROM movements m JOIN exemplars e ON e.movement_no = m.no
WHERE list_contains($keys::INTEGER[], m.no)
GROUP BY m.number ORDER BY m.number;
