/**
 * A whole-file refusal (as opposed to a refused row): wrong type, truncated, too big, no
 * header… `status` is the HTTP status a route should answer with; the parsers themselves
 * know nothing of HTTP, they only pick the class of problem.
 */
export interface UploadProblemValue {
  code: string;
  message: string; // Vietnamese, shown to the clerk
  status: 400 | 403 | 409 | 413 | 415 | 422;
  details?: unknown;
}

/** Thrown inside the pipeline, caught once at its boundary and returned as a value. */
export class UploadProblem extends Error {
  readonly value: UploadProblemValue;
  constructor(value: UploadProblemValue) {
    super(`${value.code}: ${value.message}`);
    this.value = value;
  }
}

export function problem(code: string, message: string, status: UploadProblemValue['status'] = 422, details?: unknown): UploadProblem {
  return new UploadProblem({ code, message, status, ...(details === undefined ? {} : { details }) });
}
