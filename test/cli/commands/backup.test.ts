// santei backup: a consistent, checked copy of the SQLite database; PostgreSQL is sent to pg_dump.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeMonth } from '../../../src/app/index.js';
import { backupCommand } from '../../../src/cli/commands/backup.js';
import { openStore } from '../../../src/store/index.js';
import { withCheckDigit } from '../../../src/contract/officeNumber.js';

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
