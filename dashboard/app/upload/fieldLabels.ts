/**
 * The upload fields' Vietnamese names, for when the service does not send them (the preview
 * sends its own `fields`; a report's diagnosis names a field by its code). Same words as the
 * template's headers (docs/upload-format.md).
 */
const FIELD_LABELS: Record<string, string> = {
  name: 'Tên tập thể/cá nhân',
  kind: 'Loại',
  unit: 'Chức vụ, đơn vị / địa chỉ',
  movement: 'Phong trào thi đua',
  category: 'Phân loại',
  stage: 'Khâu',
  year: 'Năm công nhận',
  form: 'Hình thức',
  decision_no: 'Số QĐ',
  decision_date: 'Ngày QĐ',
  code: 'Mã điển hình',
};

export const NOT_USED_LABEL = '— không dùng —';

export function fieldLabel(field: string | null, served: readonly { field: string; label: string }[] = []): string {
  if (field === null) return NOT_USED_LABEL;
  return served.find((f) => f.field === field)?.label ?? FIELD_LABELS[field] ?? field;
}

export function knownFields(): { field: string; label: string }[] {
  return Object.entries(FIELD_LABELS).map(([field, label]) => ({ field, label }));
}
