import { FIELD_LABELS as LABELS } from '../../../contracts/uploadFields.ts';

/**
 * The upload fields' Vietnamese names, for when the service does not send them (the preview
 * sends its own `fields`; a report's diagnosis names a field by its code): the contract's.
 */
const FIELD_LABELS: Record<string, string> = LABELS;

export const NOT_USED_LABEL = '— không dùng —';

export function fieldLabel(field: string | null, served: readonly { field: string; label: string }[] = []): string {
  if (field === null) return NOT_USED_LABEL;
  return served.find((f) => f.field === field)?.label ?? FIELD_LABELS[field] ?? field;
}

export function knownFields(): { field: string; label: string }[] {
  return Object.entries(FIELD_LABELS).map(([field, label]) => ({ field, label }));
}
