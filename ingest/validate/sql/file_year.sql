-- The year the rows agree on most (the file's year when the upload does not name one).
SELECT year FROM upload_norm
WHERE year BETWEEN 2021 AND 2025
GROUP BY year ORDER BY count(*) DESC, year DESC LIMIT 1;
