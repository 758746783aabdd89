-- One registered plan: the file as registered and the keys its movements got. Parameters: $code.
SELECT p.document, p.batch_id,
       (SELECT list({'number': m.number, 'key': m.no} ORDER BY m.number) FROM movements m WHERE m.plan_code = p.code) AS keys
FROM plans p
WHERE p.code = $code;
