-- Every registered movement with its sub-movements and aliases, for matching typed names.
SELECT m.no, m.plan_code, m.number, m.name, m.short_name, m.aliases, m.households,
       coalesce((SELECT list(p.name ORDER BY p.part_no) FROM movement_parts p WHERE p.movement_no = m.no), []) AS parts
FROM movements m ORDER BY m.no;
