// Migration 0006 on both engines: a database as 0005 left it, with audit rows and a claim version written
// before the chains, gets its chains back-filled in the order the rows were written (each office's own, the
// global rows theirs), verifies whole, and the next write links after the last back-filled row.
import { createHash } from 'node:crypto';
import { Migrator, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connectPostgres, connectSqlite } from '../../src/store/db.js';
import * as m0001 from '../../src/store/migrations/0001_initial.js';
import * as m0002 from '../../src/store/migrations/0002_care_reports.js';
import * as m0003 from '../../src/store/migrations/0003_reports_required.js';
import * as m0004 from '../../src/store/migrations/0004_claim_records.js';
import * as m0005 from '../../src/store/migrations/0005_login_throttle.js';
import { GENESIS } from '../../src/store/chain.js';
import { engines, freshOfficeNumber } from './engines.js';
import { freshDatabase } from './freshDb.js';

const before0006 = { m0001, m0002, m0003, m0004, m0005 };
const names = [
  '0001_initial',
  '0002_care_reports',
  '0003_reports_required',
  '0004_claim_records',
  '0005_login_throttle',
];

for (const engine of engines) {
  describe.skipIf(!engine.available)(`migration 0006 on ${engine.name}`, () => {
    it('back-fills each office’s chains in the order the rows were written; the next write links after them', async () => {
      const db = await freshDatabase(engine.name);
      try {
        // the database of a release before 0006 (no store opened on it yet)
        const conn =
          engine.name === 'sqlite' ? await connectSqlite(db.target) : await connectPostgres(db.target);
        const migrations: Record<string, Migration> = {};
        Object.values(before0006).forEach(
          (m, i) => (migrations[names[i]!] = { up: (d) => m.up(d, engine.name) }),
        );
        const migrator = new Migrator({
          db: conn.db,
          provider: { getMigrations: () => Promise.resolve(migrations) },
          migrationTableName: 'santei_migrations',
          migrationLockTableName: 'santei_migrations_lock',
        });
        const { error } = await migrator.migrateToLatest();
        if (error) throw error;
        const t = '2024-08-01T00:00:00.000Z';
        const officeId = 'office-before-0006';
        await conn.db
          .insertInto('offices')
          .values({
            id: officeId,
            number: freshOfficeNumber(),
            name: '移行前の薬局',
            kind: 'pharmacy',
            data: '{}',
            created_at: t,
            updated_at: t,
          })
          .execute();
        const inputJson = '{"month":"2024-07"}';
        const result = {
          totals: { units: 518, yen: 5180, insurer: 4662, copay: 518 },
          claims: [{}],
          rejections: [],
        };
        const version = {
          office_id: officeId,
          id: 'version-before-0006',
          month: '2024-07',
          version: 1,
          schedule_id: 'r6',
          engine_version: 'old',
          input_digest: createHash('sha256').update(inputJson).digest('hex'),
          closed_by: 'clerk',
          closed_at: t,
          units: 518,
          yen: 5180,
          insurer: 4662,
          copay: 518,
          claim_count: 1,
          rejection_count: 0,
          input_json: inputJson,
          result_json: JSON.stringify(result),
          report_warnings_json: '[]',
        };
        // (the chain columns do not exist yet: the rows are written as 0005 knew them)
        await conn.db
          .insertInto('claim_versions')
          .values(version as never)
          .execute();
        const audit = (office_id: string, entity: string, entity_id: string, action: string) => ({
          office_id,
          at: t,
          actor: 'clerk',
          entity,
          entity_id,
          action,
          before_json: null,
          after_json: '{}',
        });
        for (const row of [
          audit(officeId, 'office', officeId, 'create'),
          audit('', 'user', 'u1', 'create'),
          audit(officeId, 'claim_version', version.id, 'close'),
          audit('', 'user', 'u1', 'update'),
        ])
          await conn.db
            .insertInto('audit_log')
            .values(row as never)
            .execute();
        await conn.db.destroy();

        const store = await db.open();
        try {
          const chain = (officeId: string) =>
            store.db
              .selectFrom('audit_log')
              .select(['action', 'chain_seq', 'prev_digest', 'digest'])
              .where('office_id', '=', officeId)
              .orderBy('seq')
              .execute();
          for (const [o, actions] of [
            [officeId, ['create', 'close']],
            ['', ['create', 'update']],
          ] as const) {
            const rows = await chain(o);
            expect(rows.map((r) => r.action)).toEqual(actions);
            expect(rows.map((r) => Number(r.chain_seq))).toEqual([1, 2]);
            expect(rows[0]!.prev_digest).toBe(GENESIS);
            expect(rows[1]!.prev_digest).toBe(rows[0]!.digest);
          }
          const report = await store.verifyHistory();
          expect(report.breaks).toEqual([]);
          expect(report).toMatchObject({ ok: true, offices: 2, claimVersions: 1, auditRows: 4 });
          // the next write of the office is its third link
          await store.createStaff(officeId, { name: '移行後 花子', profession: 'pharmacist' }, 'clerk');
          const rows = await chain(officeId);
          expect(Number(rows[2]!.chain_seq)).toBe(3);
          expect(rows[2]!.prev_digest).toBe(rows[1]!.digest);
          expect((await store.verifyHistory()).ok).toBe(true);
        } finally {
          await store.close();
        }
      } finally {
        await db.dispose();
      }
    });
  });
}
