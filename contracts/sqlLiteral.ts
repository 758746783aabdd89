/**
 * The one quoting helper for what DuckDB cannot bind (file paths in ATTACH/COPY,
 * identifiers). Values from users never go through here: they are bound as parameters.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('NUL in SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('NUL in SQL identifier');
  return `"${name.replaceAll('"', '""')}"`;
}
