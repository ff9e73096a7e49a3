// The store's refusals, thrown by its methods (and by its SQLite driver, ./sqliteDriver.ts): the server
// maps `code` to 404 / 409 / 400 / 503 (busy: the database stayed locked by another writer for
// WRITE_LOCK_TIMEOUT_MS, nothing written).
import type { InputProblem } from '../core/validate.js';

export type StoreErrorCode = 'not_found' | 'conflict' | 'invalid' | 'busy';

export class StoreError extends Error {
  constructor(
    public readonly code: StoreErrorCode,
    message: string,
    /** Field-level problems (Japanese), for 'invalid' and some 'conflict'. */
    public readonly problems: InputProblem[] = [],
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}
