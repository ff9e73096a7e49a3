// POST …/import/visits and …/import/patients: a CSV file (text/csv, UTF-8 or Shift_JIS) of the records
// offices keep in spreadsheets, imported by src/app/import.ts. A file with errors imports nothing (400,
// each error with its row and column) unless ?partial=true.
import { z } from 'zod';
import type { RowError } from '../../contract/api.js';
import {
  importPatients,
  importVisits,
  previewImport,
  type ImportOutcome,
  type Store,
} from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { userOf } from '../auth.js';
import { boolQuery, withOffice } from '../params.js';

export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

/** The CSV body as bytes (the content-type parser keeps text/csv as a Buffer). */
function bytesOf(body: unknown): Uint8Array {
  if (!Buffer.isBuffer(body)) throw badRequest('CSV を送ってください（Content-Type: text/csv）');
  return body;
}

/**
 * A file with errors and no ?partial=true: 400, nothing imported. Each error carries the common
 * `{ path, message }` (path "3行目「日付」") and the row-level `{ row, column }`.
 */
function answer(out: ImportOutcome) {
  if (out.ok) return out.result;
  throw badRequest(
    out.errors.map((x: RowError) => ({
      path: `${x.row}行目${x.column ? `「${x.column}」` : ''}`,
      row: x.row,
      column: x.column,
      message: x.message,
    })),
  );
}

export function registerImportRoutes({ define }: ServerContext, store: Store): void {
  const base = '/api/v1/offices/:officeId/import';
  const query = z.strictObject({ partial: boolQuery.optional() });
  const route = {
    method: 'POST' as const,
    tags: ['import'],
    access: 'write' as const,
    params: withOffice({}),
    query,
    bodyType: 'csv' as const,
    bodyLimit: IMPORT_BODY_LIMIT,
  };

  define({
    ...route,
    url: `${base}/visits`,
    summary:
      '訪問の記録を CSV から取り込む（誤りのある行があれば何も取り込みません。partial=true なら正しい行だけ）',
    handler: async (req) =>
      answer(await importVisits(store, req.params.officeId, bytesOf(req.body), req.query, userOf(req).id)),
  });

  define({
    ...route,
    url: `${base}/patients`,
    summary:
      '利用者を CSV から取り込む（誤りのある行があれば何も取り込みません。partial=true なら正しい行だけ）',
    handler: async (req) =>
      answer(await importPatients(store, req.params.officeId, bytesOf(req.body), req.query, userOf(req).id)),
  });

  // The dry run before an import: the same reading and checks, nothing written (src/app/importPreview.ts).
  for (const kind of ['visits', 'patients'] as const) {
    define({
      ...route,
      query: z.strictObject({}),
      url: `${base}/${kind}/preview`,
      summary: `${kind === 'visits' ? '訪問の記録' : '利用者'}の CSV 取り込みの下見: 取り込まれる行（ファイルの行番号つき）と誤りのある行（行番号・列・理由）。何も保存しません`,
      handler: async (req) =>
        previewImport(store, req.params.officeId, kind, bytesOf(req.body), userOf(req).id),
    });
  }
}
