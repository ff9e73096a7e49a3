// The audit log, read only: its rows are written with every change (shared.ts `audit`), newest first.
import type { AuditAction, AuditEntity } from '../../contract/types.js';
import { num } from '../db.js';
import type { Store } from '../store.js';
import type { StoreContext } from './shared.js';
import { clampLimit, parse } from './util.js';

export function auditRepo(ctx: StoreContext): Pick<Store, 'listAudit'> {
  return {
    async listAudit(officeId, query = {}) {
      let q = ctx.db.selectFrom('audit_log').selectAll().where('office_id', '=', officeId);
      if (query.entity) q = q.where('entity', '=', query.entity);
      if (query.entityId) q = q.where('entity_id', '=', query.entityId);
      if (query.atFrom !== undefined) q = q.where('at', '>=', query.atFrom);
      if (query.atBefore !== undefined) q = q.where('at', '<', query.atBefore);
      if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
      if (query.action !== undefined) q = q.where('action', '=', query.action);
      if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
      const rows = await q
        .orderBy('seq', 'desc')
        .limit(clampLimit(query.limit, 100, 1000))
        .execute();
      return rows.map((r) => ({
        seq: num(r.seq),
        officeId: r.office_id,
        at: r.at,
        actor: r.actor,
        entity: r.entity as AuditEntity,
        entityId: r.entity_id,
        action: r.action as AuditAction,
        before: parse(r.before_json),
        after: parse(r.after_json),
      }));
    },
  };
}
