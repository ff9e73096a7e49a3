// The claim file of a month (伝送ファイル, claim-file.md; docs/api.md "Claim file"): what stops it (of a closed
// version, or of the records now before the close), the file of a closed version (MS932 bytes, audited), and
// the version's printable 請求書 / 明細書. The use cases are src/app/monthClaimFile.ts; these routes translate.
import { z } from 'zod';
import { claimFileProblems, makeVersionClaimFile, versionClaimForms, type Store } from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { userOf } from '../auth.js';
import { intParam, monthParam, withOffice } from '../params.js';
import { DOCUMENT_CSP } from '../reportDocument.js';

const issueSchema = z.object({
  path: z.string(),
  message: z.string(),
  patientId: z.string().optional(),
  patientName: z.string().optional(),
});

const checkSchema = z.object({
  month: z.string(),
  source: z.union([
    z.object({ kind: z.literal('version'), version: z.number().int() }),
    z.object({ kind: z.literal('records') }),
  ]),
  submitted: z.string(),
  problems: z.array(issueSchema),
  statements: z.number().int(),
  unconfirmedCodes: z.array(z.string()),
});

export function registerClaimFileRoutes({ define }: ServerContext, store: Store): void {
  const base = '/api/v1/offices/:officeId/months/:month';

  define({
    method: 'GET',
    url: `${base}/claim-file/problems`,
    summary:
      '伝送ファイルを作成できない理由の一覧（version で締めた版、省くと今の記録で締めた場合）。各項目に利用者',
    tags: ['claim-file'],
    access: 'user',
    params: withOffice({ month: monthParam }),
    query: z.strictObject({
      version: intParam(1_000_000).optional(),
      submitted: monthParam.optional(),
    }),
    response: { 200: checkSchema },
    handler: async (req) =>
      claimFileProblems(store, req.params.officeId, req.params.month, {
        version: req.query.version,
        submitted: req.query.submitted,
      }),
  });

  define({
    method: 'POST',
    url: `${base}/claims/:version/claim-file`,
    summary:
      '締めた版から伝送ファイル（介護給付費請求 CSV、MS932）を作成してダウンロード。作成できないときは 422 で理由をすべて',
    tags: ['claim-file'],
    access: 'write',
    params: withOffice({ month: monthParam, version: intParam(1_000_000) }),
    body: z.strictObject({ submitted: monthParam.optional() }),
    handler: async (req, reply) => {
      const { officeId, month, version } = req.params;
      const file = await makeVersionClaimFile(
        store,
        officeId,
        month,
        version,
        { submitted: req.body.submitted },
        userOf(req).id,
      );
      return reply
        .type('text/csv; charset=Shift_JIS')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-claim-file-sha256', file.record.sha256)
        .header('x-claim-file-submitted', file.record.submitted)
        .header('x-claim-file-statements', String(file.record.statements))
        .header('x-claim-file-unconfirmed', file.record.unconfirmedCodes.join(','))
        .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
    },
  });

  define({
    method: 'GET',
    url: `${base}/claims/:version/claim-forms`,
    summary: '締めた版の介護給付費請求書（様式第一）と明細書（様式第二・第二の二）の印刷用の文書（HTML、A4）',
    tags: ['claim-file'],
    access: 'user',
    params: withOffice({ month: monthParam, version: intParam(1_000_000) }),
    query: z.strictObject({ submitted: monthParam.optional() }),
    handler: async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DOCUMENT_CSP)
        .send(
          await versionClaimForms(store, req.params.officeId, req.params.month, req.params.version, {
            submitted: req.query.submitted,
          }),
        ),
  });
}
