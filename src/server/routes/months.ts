// The month: preview (the engine on the records now, not stored), close (月締め: a new immutable claim
// version), the versions and what changed between them, the patient statement. The audit log: ./audit.ts.
import { z } from 'zod';
import {
  claimVersions,
  closeMonthOnce,
  IDEMPOTENCY_HEADER,
  monthReview,
  notFound,
  previewMonth,
  statement,
  type Store,
  type Workers,
} from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { userOf } from '../auth.js';
import { idParam, intParam, monthParam, withOffice } from '../params.js';
import { claimVersionSummarySchema, resultSchema, reportWarningSchema } from '../shapes.js';

const previewSchema = resultSchema.extend({ reportWarnings: z.array(reportWarningSchema) });

export function registerMonthRoutes({ define }: ServerContext, store: Store, workers: Workers): void {
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
    summary:
      '月締め: この月を算定し、新しい請求の版として保存。答えは版の要約（版そのものは Location の GET で）。' +
      'Idempotency-Key が同じなら最初の締めの答えを返します',
    tags: ['months'],
    access: 'write',
    params: withOffice({ month: monthParam }),
    response: { 201: claimVersionSummarySchema },
    handler: async (req, reply) => {
      const { officeId, month } = req.params;
      const key = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
      const out = await closeMonthOnce(workers, store, {
        officeId,
        month,
        actor: userOf(req).id,
        key: Array.isArray(key) ? key.join(',') : key,
        body: req.body,
      });
      if (!out.ok) throw new HttpError(422, out.problems);
      const v = out.summary;
      void reply.header('location', `/api/v1/offices/${v.officeId}/months/${v.month}/claims/${v.version}`);
      if (out.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(v);
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
    handler: async (req, reply) => {
      const { officeId, month, version } = req.params;
      // Read, diffed and written as JSON in a worker thread (a large version is tens of megabytes).
      const { json } = await workers.run({ kind: 'version', officeId, month, version });
      if (json === null) throw notFound(`${month}の第${version}版`);
      return reply.type('application/json; charset=utf-8').send(json);
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
}
