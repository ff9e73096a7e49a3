// santei migrate [--db FILE|URL] [--grant ROLE]: applies the pending migrations (on PostgreSQL, connected as
// the tables' owner) and, with --grant, gives the role the server runs as what it may do and no more
// (src/store/roles.ts): it owns nothing, so it cannot disable the append-only triggers.
import { migrateDatabase } from '../../app/index.js';
import { parseOptions } from '../args.js';
import { databaseTarget } from '../dbTarget.js';
import { writeOut } from '../io.js';

export async function migrateCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(
    'migrate',
    args,
    { db: { type: 'string' }, grant: { type: 'string' } },
    '使い方: santei migrate [--db FILE|URL] [--grant ROLE]',
    false,
  );
  if (!parsed) return 2;
  const target = databaseTarget(parsed.values.db);
  const { applied, grants } = await migrateDatabase(target, { grantRole: parsed.values.grant });
  const where = 'databaseUrl' in target ? 'PostgreSQL' : target.sqlitePath;
  writeOut(
    applied.length
      ? `${where} を移行しました: ${applied.join('、')}\n`
      : `${where} の移行は済んでいます（未適用の移行はありません）\n`,
  );
  if (grants.length)
    writeOut(
      `ロール「${parsed.values.grant}」の権限を設定しました:\n${grants.map((g) => `  ${g};\n`).join('')}`,
    );
  return 0;
}
