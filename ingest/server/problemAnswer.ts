import type { UploadProblemValue } from '../parse/uploadProblem.ts';

/**
 * A whole-file refusal as the clerk gets it: the Vietnamese message, the code, the file's
 * name and the details a person can act on. The parser's own text (details.reason, English,
 * from exceljs, DuckDB or csv-parse) goes to the log only: a 500 never carries internals.
 */
export function problemAnswer(
  problem: UploadProblemValue,
  fileName: string,
  log: (line: string) => void,
): { error: UploadProblemValue & { file: string } } {
  const { details, ...rest } = problem;
  let shown = details;
  if (details && typeof details === 'object' && !Array.isArray(details) && 'reason' in details) {
    const { reason, ...others } = details as Record<string, unknown>;
    log(`refused ${problem.code} file="${fileName}": ${String(reason)}`);
    shown = Object.keys(others).length > 0 ? others : undefined;
  }
  return { error: { ...rest, file: fileName, ...(shown === undefined ? {} : { details: shown }) } };
}
