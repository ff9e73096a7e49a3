// santei verify and santei migrate: the command translates the walk of the history chains
// (src/app/history.ts): exit 0 and a summary when every chain is whole; exit 1 naming the office, the
// table, the row and what differs when one is broken; a database not migrated is sent to santei migrate;
// migrate says what it applied, and --grant is for PostgreSQL only.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeMonth } from '../../../src/app/index.js';
import { openStore } from '../../../src/store/index.js';
import { withCheckDigit } from '../../../src/contract/officeNumber.js';
import { runCli as santei } from '../../support/cli.js';
import { englishIn } from '../../support/japanese.js';
import { pgUrl } from '../../store/engines.js';
import { freshDatabase } from '../../store/freshDb.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function closedDatabase(): Promise<{ db: string; officeName: string; versionId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'santei-verify-'));
  dirs.push(dir);
  const db = join(dir, 'santei.sqlite');
  const store = await openStore({ sqlitePath: db, databaseUrl: '' });
  try {
    const office = await store.createOffice(
      { number: withCheckDigit('137000002'), name: '検査薬局', kind: 'pharmacy' },
      'admin',
    );
    const p = await store.createPatient(
      office.id,
      { name: '検査 花子', certifications: [{ level: 'care3', copay: 1, from: '2024-01-01' }] },
      'admin',
    );
    await store.createVisit(
      office.id,
      { kind: 'kyotaku', patientId: p.id, date: '2024-07-09', profession: 'pharmacist', reported: true },
      'clerk',
    );
    const closed = await closeMonth(store, office.id, '2024-07', 'clerk');
    if (!closed.ok) throw new Error('the close was refused');
    return { db, officeName: office.name, versionId: closed.version.id };
  } finally {
    await store.close();
  }
}

describe('santei verify', () => {
  it('exit 0 with what it walked when every chain is whole', async () => {
    const { db } = await closedDatabase();
    const r = await santei(['verify', '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /^履歴の鎖はすべてつながっています: 事業所 1、請求の版 1、監査記録 4、全体の要約値 [0-9a-f]{64}\n$/,
    );
    expect(englishIn(r.out)).toEqual([]);
  });

  it('exit 1 naming the office, the version and what differs when a version was rewritten', async () => {
    const { db, officeName, versionId } = await closedDatabase();
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw.exec('DROP TRIGGER claim_versions_no_update');
    raw.prepare('UPDATE claim_versions SET copay = copay + 1 WHERE id = ?').run(versionId);
    raw.close();
    const r = await santei(['verify', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^履歴の鎖が切れています（1 か所）:\n/);
    expect(r.err).toContain(`事業所「${officeName}」（`);
    expect(r.err).toMatch(
      /の請求の版: 連番 1（2024-07 第1版）の利用者負担（copay）が \d+ ですが、結果（result_json）の合計では \d+ です/,
    );
  });

  it('a missing file is named; a database before the chains is sent to santei migrate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'santei-verify-'));
    dirs.push(dir);
    const missing = join(dir, 'none.sqlite');
    const r = await santei(['verify', '--db', missing]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`データベース ${missing} がありません`);
    const { default: Database } = await import('better-sqlite3');
    new Database(join(dir, 'empty.sqlite')).close();
    const empty = await santei(['verify', '--db', join(dir, 'empty.sqlite')]);
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(
      /データベースの移行が済んでいません（0001_initial、.*0006_history_chain、0007_kohi、0008_idempotency_keys）。先に santei migrate を実行してください/,
    );
  });
});

describe('santei migrate', () => {
  it('applies the pending migrations, then says there are none; --grant is refused on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'santei-migrate-'));
    dirs.push(dir);
    const db = join(dir, 'santei.sqlite');
    const first = await santei(['migrate', '--db', db]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe(
      `${db} を移行しました: 0001_initial、0002_care_reports、0003_reports_required、0004_claim_records、0005_login_throttle、0006_history_chain、0007_kohi、0008_idempotency_keys\n`,
    );
    const again = await santei(['migrate', '--db', db]);
    expect(again.out).toBe(`${db} の移行は済んでいます（未適用の移行はありません）\n`);
    expect((await santei(['verify', '--db', db])).code).toBe(0);
    const grant = await santei(['migrate', '--db', db, '--grant', 'santei_app']);
    expect(grant.code).toBe(1);
    expect(grant.err).toContain('--grant は PostgreSQL のときだけ使えます');
  });
});

describe('santei verify --against a backup', () => {
  it('rows cut from the end of a chain: not seen by the walk alone, named against the earlier copy', async () => {
    const { db, officeName } = await closedDatabase();
    const backup = join(dirs[dirs.length - 1]!, 'earlier.sqlite');
    const staff = async (name: string) => {
      const store = await openStore({ sqlitePath: db, databaseUrl: '' });
      const [office] = await store.listOffices();
      await store.createStaff(office!.id, { name, profession: 'pharmacist' }, 'admin');
      await store.close();
      return office!;
    };
    await staff('前から 一郎'); // the office's audit row 5
    expect((await santei(['backup', '--db', db, '--out', backup])).code).toBe(0);
    // more history after the backup: the earlier copy's heads are still there
    const office = await staff('後から 二郎');
    expect((await santei(['verify', '--db', db, '--against', backup])).code).toBe(0);

    // the newest audit rows of the office deleted as the owner, back to before the backup's head
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE office_id = ? AND chain_seq >= 5').run(office.id);
    raw.close();
    expect((await santei(['verify', '--db', db])).code).toBe(0);
    const r = await santei(['verify', '--db', db, '--against', backup]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `事業所「${officeName}」（${office.id}）の監査記録: 以前のコピーにある連番 5（要約値 `,
    );
    expect(r.err).toContain('がありません（鎖の末尾が削られています）');
  });
});

describe.skipIf(pgUrl === '')('santei migrate and verify on PostgreSQL', () => {
  it('migrate --grant prints the grants; verify --db URL: whole, then the link edited as the owner', async () => {
    const fresh = await freshDatabase('postgres');
    const role = `santei_app_${randomBytes(4).toString('hex')}`;
    try {
      await fresh.raw([`CREATE ROLE ${role} LOGIN`]);
      const m = await santei(['migrate', '--db', fresh.target, '--grant', role]);
      expect(m.code, m.err).toBe(0);
      expect(m.out).toContain('PostgreSQL を移行しました: 0001_initial、');
      expect(m.out).toContain(`ロール「${role}」の権限を設定しました:\n`);
      expect(m.out).toContain(`  GRANT SELECT, INSERT ON "public"."audit_log" TO "${role}";\n`);
      const store = await fresh.open();
      const office = await store.createOffice(
        { number: withCheckDigit('137000003'), name: '鎖薬局', kind: 'pharmacy' },
        'admin',
      );
      await store.createStaff(office.id, { name: '鎖 一郎', profession: 'pharmacist' }, 'admin');
      await store.close();
      const ok = await santei(['verify', '--db', fresh.target]);
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toMatch(/^履歴の鎖はすべてつながっています: 事業所 1、請求の版 0、監査記録 2、/);
      await fresh.raw([
        'ALTER TABLE audit_log DISABLE TRIGGER ALL',
        `UPDATE audit_log SET prev_digest = digest WHERE office_id = '${office.id}' AND chain_seq = 2`,
      ]);
      const bad = await santei(['verify', '--db', fresh.target]);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(
        /事業所「鎖薬局」（[^）]+）の監査記録: 連番 2（seq \d+）が指す前の行の要約値 [0-9a-f]{12}… が、連番 1 の要約値 [0-9a-f]{12}… と違います/,
      );
    } finally {
      await fresh.dispose();
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});
