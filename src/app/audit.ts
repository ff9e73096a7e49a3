// GET …/audit: the office's audit log, newest first, filtered as a clerk asks for it: the days it was
// written on (in Japan, inclusive), who did it, what was done and to which kind of record. Pages backwards
// by `before` (the last seq shown). Read only: the rows are written by the store with every change.
// GET /audit: the rows that belong to no office (users, sessions, known clients, failed logins), read as
// the office's are, by an admin of every office only: they name users of every office.
import { addDays, japanDayStart } from '../contract/dates.js';
import type { AuditAction, AuditEntity, AuditEntry, User } from '../contract/types.js';
import { StoreError, type Store } from '../store/index.js';
import { AppError } from './errors.js';
import { administers } from './users.js';

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

/** The audit rows of no office ('' in the store), for an admin of every office; others are refused (403). */
export async function globalAuditLog(store: Store, user: User, q: AuditLogQuery): Promise<AuditEntry[]> {
  const offices = await store.listOffices();
  if (!offices.every((o) => administers(user, o.id))) {
    throw new AppError(
      [
        {
          path: '',
          message:
            'ユーザーとログインの記録は、すべての事業所の管理者だけが見られます（事業所の記録は「変更の記録」で見られます）',
        },
      ],
      'forbidden',
    );
  }
  return auditLog(store, '', q);
}
