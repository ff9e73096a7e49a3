// santei CLI. Every command returns its exit code: 0 done, 1 failure, 2 bad input or usage.
import { calcCommand } from './commands/calc.js';
import { nextCommand } from './commands/next.js';
import { schedulesCommand } from './commands/schedules.js';
import { compareCommand } from './commands/compare.js';
import { backupCommand } from './commands/backup.js';
import { claimFileCommand } from './commands/claimFile.js';
import { migrateCommand } from './commands/migrate.js';
import { verifyCommand } from './commands/verify.js';
import { writeErr, writeOut } from './io.js';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { run: Command; help: string }> = {
  calc: {
    run: calcCommand,
    help: 'calc FILE.json | -  [--explain] [--schedule ID] | --ndjson [--workers N]   ひと月分を算定して結果の JSON を出力（--ndjson: 1行に1か月分）',
  },
  next: {
    run: nextCommand,
    help: 'next FILE.json --patient ID --profession P --date YYYY-MM-DD   その日に算定できるか、できなければ最も早い日',
  },
  schedules: { run: schedulesCommand, help: 'schedules [--json]   算定表と対象月・出典の一覧' },
  compare: { run: compareCommand, help: 'compare --schedule ID FILE.json [--json]   別の算定表との差' },
  'claim-file': {
    run: claimFileCommand,
    help: 'claim-file FILE.json [--submitted YYYY-MM] [--out FILE] | --check FILE.CSV [--input FILE.json]   国保連への伝送ファイル（居宅療養管理指導）の作成と検査',
  },
  backup: {
    run: backupCommand,
    help: 'backup [--out FILE] [--db FILE] [--force]   SQLite のデータベースの一貫したコピー（書き込み中でも。コピーは検査済み）',
  },
  verify: {
    run: verifyCommand,
    help: 'verify [--db FILE|URL] [--against FILE|URL]   請求の版と監査記録の鎖をたどり、最初に切れた箇所を示す（切れていれば終了コード 1。--against: 以前のバックアップの鎖がすべて残っているか）',
  },
  migrate: {
    run: migrateCommand,
    help: 'migrate [--db FILE|URL] [--grant ROLE]   データベースの移行（PostgreSQL は所有者で）と、サーバーのロールへの権限の付与',
  },
};

function usage(): string {
  return [
    '使い方: santei <コマンド> [引数]',
    ...Object.values(commands).map((c) => `  santei ${c.help}`),
    '',
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    writeOut(usage());
    return name === undefined ? 2 : 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    writeErr(`santei: "${name}" というコマンドはありません\n${usage()}`);
    return 2;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    // Never a stack trace for the user: one line saying what failed.
    writeErr(`santei ${name}: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}
