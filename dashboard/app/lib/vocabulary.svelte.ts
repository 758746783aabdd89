import { query, rows } from './query.ts';

/**
 * The closed vocabularies (kinds, categories, stages, forms, assignments, agency kinds) with
 * their Vietnamese labels, as Sở Nội vụ registered them (vocabulary_catalogue): the app keeps
 * no copy of its own.
 */
export type VocabularyList = 'kind' | 'category' | 'stage' | 'form' | 'assignment' | 'agency_kind';
export interface VocabularyEntry {
  code: string;
  label: string;
  ord: number;
}

export const vocabulary = $state<{ lists: Partial<Record<VocabularyList, VocabularyEntry[]>>; loaded: boolean; error: string | null }>({
  lists: {},
  loaded: false,
  error: null,
});

export async function loadVocabulary(): Promise<void> {
  const answer = await query('vocabulary_catalogue');
  if (!answer.ok) {
    vocabulary.error = answer.error.message;
    return;
  }
  const lists: Partial<Record<VocabularyList, VocabularyEntry[]>> = {};
  for (const r of rows(answer.table) as Array<{ list: VocabularyList; code: string; label: string; ord: number }>) {
    (lists[r.list] ??= []).push({ code: r.code, label: r.label, ord: Number(r.ord) });
  }
  for (const list of Object.values(lists)) list.sort((a, b) => a.ord - b.ord);
  vocabulary.lists = lists;
  vocabulary.loaded = true;
  vocabulary.error = null;
}

/** The entries of one list, in their registered order. */
export function vocabularyEntries(list: VocabularyList): VocabularyEntry[] {
  return vocabulary.lists[list] ?? [];
}

/** "Tập thể" for (kind, tap_the); the code itself when the list does not know it, '–' for none. */
export function vocabularyLabel(list: VocabularyList, code: string | null | undefined): string {
  if (code === null || code === undefined) return '–';
  return vocabulary.lists[list]?.find((e) => e.code === code)?.label ?? code;
}
