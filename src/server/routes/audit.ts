// The audit log, read only (the store writes a row with every change): an office's rows, for its users, and
// the rows of no office (users, sessions, known clients, failed logins), for an admin of every office.
import { z } from 'zod';
import { auditActions, auditEntities } from '../../contract/types.js';
import { auditLog, globalAuditLog, type Store } from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { userOf } from '../auth.js';
import { dateParam, idParam, intParam, withOffice } from '../params.js';

const FILTERS =
  'from・to（日本の日付、両端を含む）/ actor / action / entity / entityId で絞り込み、before（前のページの最後の seq）で次のページ。読み取り専用';

const auditQuery = z.strictObject({
  from: dateParam.optional(),
  to: dateParam.optional(),
  actor: z.string().min(1).max(100).optional(),
  action: z.enum(auditActions).optional(),
  entity: z.enum(auditEntities).optional(),
  entityId: idParam.optional(),
  before: intParam(999_999_999).optional(),
  limit: intParam(1000).optional(),
});

export function registerAuditRoutes({ define }: ServerContext, store: Store): void {
  define({
    method: 'GET',
    url: '/api/v1/offices/:officeId/audit',
    summary: `変更の記録（誰が・いつ・変更前・変更後）、新しい順。${FILTERS}`,
    tags: ['audit'],
    access: 'user',
    params: withOffice({}),
    query: auditQuery,
    handler: async (req) => auditLog(store, req.params.officeId, req.query),
  });

  define({
    method: 'GET',
    url: '/api/v1/audit',
    summary: `事業所に属さない記録（ユーザー・セッション・既知の端末・ログインの失敗）、新しい順。すべての事業所の管理者だけ。${FILTERS}`,
    tags: ['audit'],
    access: 'admin',
    query: auditQuery,
    handler: async (req) => globalAuditLog(store, userOf(req), req.query),
  });
}
