// The application's refusals. A record that is not there is the store's StoreError('not_found') (HTTP
// 404) wherever it is found missing; records the engine cannot price are the office's data to fix:
// AppError('unprocessable') (HTTP 422), each problem naming the patient or record it is about.
import type { InputProblem } from '../core/validate.js';
import { StoreError } from '../store/index.js';

export class AppError extends Error {
  readonly code = 'unprocessable';
  constructor(
    /** What is wrong, in Japanese, one problem per field or record. */
    public readonly problems: InputProblem[],
  ) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'));
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A record of the office that is not there, named in the clerk's words. */
export function notFound(what: string): StoreError {
  return new StoreError('not_found', `${what}が見つかりません`);
}
