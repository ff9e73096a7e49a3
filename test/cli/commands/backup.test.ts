// santei backup: a consistent, checked copy of the SQLite database (VACUUM INTO, then integrity_check and
// the history chains), made while another process keeps writing; PostgreSQL is sent to pg_dump.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeMonth } from '../../../src/app/index.js';
import { backupCommand } from '../../../src/cli/commands/backup.js';
import { openStore } from '../../../src/store/index.js';
import { withCheckDigit } from '../../../src/contract/officeNumber.js';
import { seedSyntheticOffice } from '../../../src/store/synthetic.js';

const writer = new URL('../fixtures/writerChild.mjs', import.meta.url).pathname;
const dist = new URL('../../../dist/store/index.js', import.meta.url).pathname;

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('santei backup', () => {
  it('copies the database while it is open, checks the copy, and refuses to overwrite without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'santei-backup-'));
    dirs.push(dir);
    const db = join(dir, 'santei.sqlite');
    const store = await openStore({ sqlitePath: db, databaseUrl: '' });
    const office = await store.createOffice(
      { number: withCheckDigit('137000001'), name: 'バックアップ薬局', kind: 'pharmacy' },
      'admin',
    );
    const p = await store.createPatient(
      office.id,
      { name: '保存 太郎', certifications: [{ level: 'care1', copay: 1, from: '2024-01-01' }] },
      'admin',
    );
    await store.createVisit(
      office.id,
      { kind: 'kyotaku', patientId: p.id, date: '2024-07-02', profession: 'pharmacist', reported: true },
      'admin',
    );
    const closed = await closeMonth(store, office.id, '2024-07', 'admin');
    expect(closed.ok).toBe(true);

    const out = join(dir, 'copy.sqlite');
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (printed.push(String(s)), true));
    expect(await backupCommand(['--db', db, '--out', out])).toBe(0);
    expect(printed.join('')).toMatch(/バックアップしました.*利用者 1、訪問記録 1、請求の版 1/);
    await store.close();

    const copy = await openStore({ sqlitePath: out, databaseUrl: '' });
    try {
      const v = await copy.getClaimVersion(office.id, '2024-07', 1);
      expect(v?.result).toEqual(closed.ok ? closed.version.result : null);
      expect((await copy.getPatient(office.id, p.id))?.name).toBe('保存 太郎');
    } finally {
      await copy.close();
    }
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await backupCommand(['--db', db, '--out', out])).toBe(2);
    expect(await backupCommand(['--db', db, '--out', out, '--force'])).toBe(0);
  });

  it(
    'completes while another process writes without pause, and the copy verifies (integrity, chains)',
    { timeout: 120_000 },
    async () => {
      expect(existsSync(dist), 'the writer runs the built store: run `npm run build` first').toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'santei-backup-'));
      dirs.push(dir);
      const db = join(dir, 'santei.sqlite');
      const store = await openStore({ sqlitePath: db, databaseUrl: '' });
      // a database of some megabytes, so that a copy takes many pages while the writer writes
      const office = await seedSyntheticOffice(store, { patients: 1500, visits: 4000, month: '2024-07' });
      const staff = await store.createStaff(
        office.id,
        { name: '書き込み 前', profession: 'pharmacist' },
        'admin',
      );
      const auditRows = async () => (await store.verifyHistory()).auditRows;
      const started = join(dir, 'started');
      const stop = join(dir, 'stop');
      const proc = spawn(process.execPath, [writer, db, office.id, staff.id, started, stop], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
      try {
        while (!existsSync(started)) {
          if (proc.exitCode !== null) throw new Error(`the writer stopped: ${stderr}`);
          await sleep(20);
        }
        const before = await auditRows();
        const out = join(dir, 'copy.sqlite');
        const printed: string[] = [];
        vi.spyOn(process.stdout, 'write').mockImplementation((s) => (printed.push(String(s)), true));
        const code = await backupCommand(['--db', db, '--out', out]);
        vi.restoreAllMocks();
        const after = await auditRows();
        expect(code, printed.join('')).toBe(0);
        // the writer kept writing while the copy was made
        expect(after).toBeGreaterThan(before);
        expect(printed.join('')).toMatch(/バックアップの検査: 破損なし、履歴の鎖はすべてつながっています/);
        const copy = await openStore({ sqlitePath: out, databaseUrl: '', migrate: false });
        try {
          const chains = await copy.verifyHistory();
          expect(chains.ok).toBe(true);
          expect(chains.auditRows).toBeGreaterThanOrEqual(before);
          expect(chains.auditRows).toBeLessThanOrEqual(after);
          expect((await copy.getStaff(office.id, staff.id))?.name).toMatch(/^書き込み 中 \d+$/);
        } finally {
          await copy.close();
        }
      } finally {
        writeFileSync(stop, '');
        await exited;
        await store.close();
      }
      expect(Number(stdout.trim())).toBeGreaterThan(0);
    },
  );

  it('sends PostgreSQL to pg_dump, and says when the database file is missing', async () => {
    const errors: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (errors.push(String(s)), true));
    vi.stubEnv('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/santei');
    expect(await backupCommand([])).toBe(2);
    expect(errors.join('')).toMatch(/pg_dump/);
    vi.stubEnv('DATABASE_URL', '');
    const dir = mkdtempSync(join(tmpdir(), 'santei-backup-'));
    dirs.push(dir);
    expect(await backupCommand(['--db', join(dir, 'none.sqlite')])).toBe(1);
    expect(errors.join('')).toMatch(/がありません/);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});
