// The month: preview (the engine on the records now, not stored), close (月締め: a new immutable claim
// version), the versions and what changed between them, the patient statement; and the audit log.
import { z } from 'zod';
import { auditActions, auditEntities } from '../../contract/types.js';
import {
  auditLog,
  claimVersions,
  closeMonth,
  monthReview,
  notFound,
  previewMonth,
  statement,
  withDiff,
  type Store,
} from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { userOf } from '../auth.js';
import { dateParam, idParam, intParam, monthParam, withOffice } from '../params.js';
import { resultSchema, reportWarningSchema } from '../shapes.js';

const previewSchema = resultSchema.extend({ reportWarnings: z.array(reportWarningSchema) });

export function registerMonthRoutes({ define }: ServerContext, store: Store): void {
  const base = '/api/v1/offices/:officeId';

  define({
    method: 'GET',
    url: `${base}/months/:month/preview`,
    summary: 'この月を今の記録で算定した結果と、情報提供書についての注意（保存しません）',
    tags: ['months'],
    access: 'user',
    params: withOffice({ month: monthParam }),
    response: { 200: previewSchema },
    handler: async (req) => previewMonth(store, req.params.officeId, req.params.month),
  });

  define({
    method: 'GET',
    url: `${base}/months/:month/review`,
    summary:
      'この月の訪問ごとの判定（情報提供書の要件を除いた算定の判定と、情報提供書の状態を別々に）と、締める前にすること',
    tags: ['months'],
    access: 'user',
    params: withOffice({ month: monthParam }),
    handler: async (req) => monthReview(store, req.params.officeId, req.params.month),
  });

  define({
    method: 'POST',
    url: `${base}/months/:month/close`,
    summary: '月締め: この月を算定し、新しい請求の版として保存（前の版との差分つき）',
    tags: ['months'],
    access: 'write',
    params: withOffice({ month: monthParam }),
    handler: async (req, reply) => {
      const out = await closeMonth(store, req.params.officeId, req.params.month, userOf(req).id);
      if (!out.ok) throw new HttpError(422, out.problems);
      return reply.status(201).send(await withDiff(store, out.version));
    },
  });

  define({
    method: 'GET',
    url: `${base}/months/:month/claims`,
    summary: 'この月の請求の版の一覧（新しい順）',
    tags: ['months'],
    access: 'user',
    params: withOffice({ month: monthParam }),
    handler: async (req) => claimVersions(store, req.params.officeId, req.params.month),
  });

  define({
    method: 'GET',
    url: `${base}/months/:month/claims/:version`,
    summary: '請求の版（入力・結果・前の版との差分）',
    tags: ['months'],
    access: 'user',
    params: withOffice({ month: monthParam, version: intParam(1_000_000) }),
    handler: async (req) => {
      const { officeId, month, version } = req.params;
      const v = await store.getClaimVersion(officeId, month, version);
      if (!v) throw notFound(`${month}の第${version}版`);
      return withDiff(store, v);
    },
  });

  define({
    method: 'GET',
    url: `${base}/months/:month/statements/:patientId`,
    summary: '利用者への明細（version を省くと最新の締め、締めていなければ今の記録での見込み）',
    tags: ['months'],
    access: 'user',
    params: withOffice({ month: monthParam, patientId: idParam }),
    query: z.strictObject({ version: intParam(1_000_000).optional() }),
    handler: async (req) =>
      statement(store, req.params.officeId, req.params.month, req.params.patientId, req.query.version),
  });

  define({
    method: 'GET',
    url: `${base}/audit`,
    summary:
      '変更の記録（誰が・いつ・変更前・変更後）、新しい順。from・to（日本の日付、両端を含む）/ actor / action / entity / entityId で絞り込み、before（前のページの最後の seq）で次のページ。読み取り専用',
    tags: ['audit'],
    access: 'user',
    params: withOffice({}),
    query: z.strictObject({
      from: dateParam.optional(),
      to: dateParam.optional(),
      actor: z.string().min(1).max(100).optional(),
      action: z.enum(auditActions).optional(),
      entity: z.enum(auditEntities).optional(),
      entityId: idParam.optional(),
      before: intParam(999_999_999).optional(),
      limit: intParam(1000).optional(),
    }),
    handler: async (req) => auditLog(store, req.params.officeId, req.query),
  });
}
