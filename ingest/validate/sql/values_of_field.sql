-- The distinct raw values of one column (distinct_values.sql), matched once each in JavaScript. Parameters: $field.
SELECT raw FROM upload_values WHERE field = $field;
