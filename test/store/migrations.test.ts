// Migration 0003 (K24-2a, reports required by default) on both engines: a database as 0002 left it, with an
// office created before the default existed and one that had chosen its month, is opened by the store; the
// first gets the month it was created in Japan (with an audit row), the second keeps its month, and opening
// again changes nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, type Kysely, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connectPostgres, connectSqlite, type Connection, type DB } from '../../src/store/db.js';
import * as m0001 from '../../src/store/migrations/0001_initial.js';
import * as m0002 from '../../src/store/migrations/0002_care_reports.js';
import * as m0003 from '../../src/store/migrations/0003_reports_required.js';
import { claimFileProblems, closeMonth } from '../../src/app/index.js';
import { openStore } from '../../src/store/index.js';
import type { Office } from '../../src/contract/types.js';
import { engines, freshOfficeNumber, pgUrl } from './engines.js';

/** A database of its own for the test: a SQLite file, or a new PostgreSQL database next to the run's. */
async function emptyDatabase(engine: 'sqlite' | 'postgres'): Promise<{
  connect(): Promise<Connection>;
  open: () => ReturnType<typeof openStore>;
  dispose(): Promise<void>;
}> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'santei-migrate-'));
    const sqlitePath = join(dir, 'santei.sqlite');
    return {
      connect: () => connectSqlite(sqlitePath),
      open: () => openStore({ sqlitePath, databaseUrl: '' }),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { default: pg } = await import('pg');
  // The name the run's setup sweeps when a killed run leaves it behind.
  const name = `santei_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    connect: () => connectPostgres(url.toString()),
    open: () => openStore({ databaseUrl: url.toString() }),
    dispose: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Applies the given migrations only, under the store's migration table (as an earlier release did). */
async function migrateOnly(
  db: Kysely<DB>,
  engine: 'sqlite' | 'postgres',
  ups: Record<string, (db: Kysely<unknown>, engine: 'sqlite' | 'postgres') => Promise<void>>,
): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, up] of Object.entries(ups)) migrations[name] = { up: (d) => up(d, engine) };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'santei_migrations',
    migrationLockTableName: 'santei_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/** 0001 and 0002 only (a release before 0003). */
const migrateTo0002 = (db: Kysely<DB>, engine: 'sqlite' | 'postgres') =>
  migrateOnly(db, engine, { '0001_initial': m0001.up, '0002_care_reports': m0002.up });

/** 0001 … 0003 only (a release before 0004). */
const migrateTo0003 = (db: Kysely<DB>, engine: 'sqlite' | 'postgres') =>
  migrateOnly(db, engine, {
    '0001_initial': m0001.up,
    '0002_care_reports': m0002.up,
    '0003_reports_required': m0003.up,
  });

for (const engine of engines) {
  describe.skipIf(!engine.available)(`migration 0003 on ${engine.name}`, () => {
    it('K24-2a an office without reportsRequiredFrom gets its creation month in Japan, audited; a chosen month is kept', async () => {
      const target = await emptyDatabase(engine.name);
      try {
        const conn = await target.connect();
        await migrateTo0002(conn.db, engine.name);
        const row = (number: string, data: Record<string, unknown>, createdAt: string) => ({
          id: `office-${number}`,
          number,
          name: `移行前の事業所 ${number}`,
          kind: 'pharmacy',
          data: JSON.stringify(data),
          created_at: createdAt,
          updated_at: createdAt,
        });
        const old = row(freshOfficeNumber(), { region: 'otsu' }, '2024-07-31T15:30:00.000Z'); // 8/1 in Japan
        const oldJuly = row(freshOfficeNumber(), {}, '2024-07-31T14:59:59.999Z'); // 7/31 23:59 in Japan
        const chosen = row(
          freshOfficeNumber(),
          { reportsRequiredFrom: '2024-05' },
          '2024-09-02T01:00:00.000Z',
        );
        await conn.db.insertInto('offices').values([old, oldJuly, chosen]).execute();
        await conn.db.destroy();

        const store = await target.open();
        try {
          const byId = async (id: string): Promise<Office> => (await store.getOffice(id))!;
          expect((await byId(old.id)).reportsRequiredFrom).toBe('2024-08');
          expect((await byId(old.id)).region).toBe('otsu'); // the other settings stay
          expect((await byId(oldJuly.id)).reportsRequiredFrom).toBe('2024-07');
          expect((await byId(chosen.id)).reportsRequiredFrom).toBe('2024-05');
          // stored, not only read with the default
          const stored = await store.db.selectFrom('offices').select(['id', 'data']).execute();
          const dataOf = (id: string) =>
            JSON.parse(stored.find((r) => r.id === id)!.data) as Record<string, unknown>;
          expect(dataOf(old.id)).toEqual({ region: 'otsu', reportsRequiredFrom: '2024-08' });
          expect(dataOf(chosen.id)).toEqual({ reportsRequiredFrom: '2024-05' });

          const audit = await store.listAudit(old.id, { entity: 'office' });
          expect(audit).toHaveLength(1);
          expect(audit[0]).toMatchObject({ actor: 'system', action: 'update', entityId: old.id });
          expect((audit[0]!.before as Partial<Office>).reportsRequiredFrom).toBeUndefined();
          expect((audit[0]!.after as Office).reportsRequiredFrom).toBe('2024-08');
          expect(await store.listAudit(chosen.id, { entity: 'office' })).toEqual([]);
        } finally {
          await store.close();
        }

        // Opening again: 0003 is applied; nothing more changes.
        const again = await target.open();
        try {
          expect(await again.listAudit(old.id, { entity: 'office' })).toHaveLength(1);
          expect((await again.getOffice(old.id))!.reportsRequiredFrom).toBe('2024-08');
        } finally {
          await again.close();
        }
      } finally {
        await target.dispose();
      }
    });
  });
}

for (const engine of engines) {
  describe.skipIf(!engine.available)(`migration 0004 on ${engine.name}`, () => {
    it('claim-file.md: an office with patients and visits gets the new fields empty; nothing entered changes; the file then names who lacks what', async () => {
      const target = await emptyDatabase(engine.name);
      try {
        const conn = await target.connect();
        await migrateTo0003(conn.db, engine.name);
        const at = '2024-06-20T01:00:00.000Z';
        const officeId = 'office-before-0004';
        const db = conn.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
        await db
          .insertInto('offices')
          .values({
            id: officeId,
            number: freshOfficeNumber(),
            name: '移行前の薬局',
            kind: 'pharmacy',
            data: JSON.stringify({ reportsRequiredFrom: '2024-08' }),
            created_at: at,
            updated_at: at,
          })
          .execute();
        const patientData = JSON.stringify({ sex: 'female', careManagerOffice: 'ケアプランセンター ひかり' });
        await db
          .insertInto('patients')
          .values({
            office_id: officeId,
            id: 'p-1',
            name: '石川 和子',
            kana: 'イシカワ カズコ',
            insured_number: '1300001037',
            birth_date: '1935-02-02',
            data: patientData,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await db
          .insertInto('certifications')
          .values({
            office_id: officeId,
            patient_id: 'p-1',
            seq: 0,
            level: 'care2',
            copay: 1,
            valid_from: '2024-04-01',
            valid_to: '2025-03-31',
          })
          .execute();
        await db
          .insertInto('visits')
          .values({
            office_id: officeId,
            id: 'v-1',
            patient_id: 'p-1',
            kind: 'kyotaku',
            date: '2024-07-10',
            month: '2024-07',
            staff_id: null,
            data: JSON.stringify({
              kind: 'kyotaku',
              patientId: 'p-1',
              date: '2024-07-10',
              profession: 'pharmacist',
              reported: true,
            }),
            created_at: at,
            updated_at: at,
          })
          .execute();
        const rowsBefore = await db.selectFrom('patients').selectAll().execute();
        await conn.db.destroy();

        const store = await target.open();
        try {
          const rowsAfter = await store.db.selectFrom('patients').selectAll().execute();
          expect(rowsAfter).toEqual(rowsBefore.map((r) => ({ ...r, insurer_number: null })));
          expect(await store.db.selectFrom('care_plans').selectAll().execute()).toEqual([]);
          expect(await store.listAudit(officeId)).toEqual([]);
          const p = (await store.getPatient(officeId, 'p-1'))!;
          expect(p).toMatchObject({
            insuredNumber: '1300001037',
            birthDate: '1935-02-02',
            sex: 'female',
            careManagerOffice: 'ケアプランセンター ひかり',
            certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
            carePlans: [],
          });
          expect(p.insurerNumber).toBeUndefined();
          // The file is refused until the clerk enters them, naming the patient and what is missing.
          const closed = await closeMonth(store, officeId, '2024-07', 'system');
          if (!closed.ok) throw new Error(JSON.stringify(closed.problems));
          const check = await claimFileProblems(store, officeId, '2024-07', { version: 1 });
          expect(check.problems.map((x) => [x.patientName, x.path])).toEqual([
            ['石川 和子', 'patients["p-1"].insured'],
            ['石川 和子', 'patients["p-1"].carePlan'],
          ]);
        } finally {
          await store.close();
        }
      } finally {
        await target.dispose();
      }
    });
  });
}
