import type { Table } from 'apache-arrow';

/** A tick formatter from a code column to a label column of the same table
 *  ("3" → "3. Y tế: …"), so Plot keeps reading the Arrow columns themselves. */
export function labelFrom(table: Table, codeColumn: string, labelColumn: string, withCode = false): (value: unknown) => string {
  const codes = table.getChild(codeColumn)?.toArray() as ArrayLike<unknown> | undefined;
  const labels = table.getChild(labelColumn)?.toArray() as ArrayLike<unknown> | undefined;
  const map = new Map<unknown, string>();
  if (codes && labels) for (let i = 0; i < codes.length; i++) map.set(codes[i], String(labels[i]));
  return (value) => {
    const text = map.get(value) ?? String(value);
    return withCode ? `${String(value)}. ${text}` : text;
  };
}
