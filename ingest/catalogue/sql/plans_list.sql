-- Registered plans, newest period first: identity, period, movement count and registration batch.
SELECT p.code, p.number, p.title, p.province, p.first_year, p.last_year,
       strftime(p.issued_on, '%Y-%m-%d') AS issued_on, strftime(p.submission_deadline, '%Y-%m-%d') AS submission_deadline,
       p.synthetic, p.batch_id,
       (SELECT count(*) FROM movements m WHERE m.plan_code = p.code)::INTEGER AS movements
FROM plans p
ORDER BY p.first_year DESC, p.province, p.code;
