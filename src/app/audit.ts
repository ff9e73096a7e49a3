// GET …/audit: the office's audit log, newest first, filtered as a clerk asks for it: the days it was
// written on (in Japan, inclusive), who did it, what was done and to which kind of record. Pages backwards
// by `before` (the last seq shown). Read only: the rows are written by the store with every change.
import { addDays, japanDayStart } from '../contract/dates.js';
import type { AuditAction, AuditEntity, AuditEntry } from '../contract/types.js';
import { StoreError, type Store } from '../store/index.js';

export interface AuditLogQuery {
  /** The first day ("YYYY-MM-DD", in Japan). */
  from?: string;
  /** The last day ("YYYY-MM-DD", in Japan), included. */
  to?: string;
  actor?: string;
  action?: AuditAction;
  entity?: AuditEntity;
  entityId?: string;
  /** Entries with seq below this (the next page). */
  before?: number;
  limit?: number;
}

export async function auditLog(store: Store, officeId: string, q: AuditLogQuery): Promise<AuditEntry[]> {
  if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
    const message = '終了日は開始日と同じ日かそれより後の日にしてください';
    throw new StoreError('invalid', message, [{ path: 'to', message }]);
  }
  return store.listAudit(officeId, {
    entity: q.entity,
    entityId: q.entityId,
    actor: q.actor,
    action: q.action,
    atFrom: q.from === undefined ? undefined : japanDayStart(q.from),
    atBefore: q.to === undefined ? undefined : japanDayStart(addDays(q.to, 1)),
    beforeSeq: q.before,
    limit: q.limit ?? 100,
  });
}
