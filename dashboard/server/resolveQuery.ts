import type { ParamDeclaration, QueryDefinition } from './queryDefinition.ts';
import type { SnapshotFacts } from './snapshotFacts.ts';

/**
 * A query's declaration with the snapshot's ranges and defaults filled in: `INTEGER[years]`
 * becomes the plans' years, `INTEGER[movements]` the movement keys, `= period.first` /
 * `= period.last` the latest period with data. Requests are validated against this, and the
 * query catalogue lists it, so the bounds a page offers are the bounds the service accepts.
 */
export function resolveQuery(def: QueryDefinition, facts: SnapshotFacts): QueryDefinition {
  if (!def.params.some((p) => (p.type.kind === 'INTEGER' && p.type.range) || p.defaultFrom)) return def;
  return { ...def, params: def.params.map((p) => resolveParam(p, facts)) };
}

function resolveParam(p: ParamDeclaration, facts: SnapshotFacts): ParamDeclaration {
  if (p.type.kind !== 'INTEGER' || !p.type.range) return p;
  const bounds = p.type.range === 'years' ? facts.years : facts.movements;
  const resolved: ParamDeclaration = { ...p, type: { ...p.type, min: bounds.min, max: bounds.max } };
  if (p.defaultFrom === 'period.first') resolved.default = facts.period.first;
  if (p.defaultFrom === 'period.last') resolved.default = facts.period.last;
  return resolved;
}
