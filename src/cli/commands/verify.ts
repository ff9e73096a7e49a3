// santei verify [--db FILE|URL] [--against FILE|URL]: walks the history's hash chains (every office's claim
// versions and audit rows, src/app/history.ts) and names each chain's first broken link; with --against, an
// earlier copy (a backup) whose chains must all still be there; exit 0 when all are whole, 1 when not.
import type { ChainReport } from '../../app/index.js';
import { verifyDatabase } from '../../app/index.js';
import { parseOptions } from '../args.js';
import { databaseTarget, missingDatabase } from '../dbTarget.js';
import { writeErr, writeOut } from '../io.js';

export function chainSummary(r: ChainReport): string {
  return `事業所 ${r.offices}、請求の版 ${r.claimVersions}、監査記録 ${r.auditRows}、全体の要約値 ${r.head}`;
}

export async function verifyCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(
    'verify',
    args,
    { db: { type: 'string' }, against: { type: 'string' } },
    '使い方: santei verify [--db FILE|URL] [--against FILE|URL]',
    false,
  );
  if (!parsed) return 2;
  const target = databaseTarget(parsed.values.db);
  const missing = missingDatabase(target);
  if (missing) {
    writeErr(`${missing}\n`);
    return 1;
  }
  let against;
  if (parsed.values.against !== undefined) {
    against = databaseTarget(parsed.values.against);
    const gone = missingDatabase(against);
    if (gone) {
      writeErr(`${gone}\n`);
      return 1;
    }
  }
  const report = await verifyDatabase(target, { against });
  if (!report.ok) {
    writeErr(
      `履歴の鎖が切れています（${report.breaks.length} か所）:\n` +
        report.breaks.map((b) => `  ${b.message}\n`).join('') +
        `調べた記録: ${chainSummary(report)}\n`,
    );
    return 1;
  }
  writeOut(`履歴の鎖はすべてつながっています: ${chainSummary(report)}\n`);
  return 0;
}
