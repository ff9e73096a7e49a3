// The history cannot be rewritten unnoticed (migration 0006, src/store/chain.ts, src/store/chainVerify.ts),
// on both engines: every claim version and audit row links to the one before it in its office's chain; an
// INSERT over an existing row (SQLite's INSERT OR REPLACE, PostgreSQL's ON CONFLICT DO UPDATE) is refused;
// concurrent writes of one office do not fork its chain; and a row changed or deleted behind the triggers'
// back (as the owner) is named by the verify walk: the office, the table, the row and what differs.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { closeMonth } from '../../src/app/index.js';
import { GENESIS } from '../../src/store/chain.js';
import type { KyselyStore } from '../../src/store/index.js';
import type { ClaimVersion, Office } from '../../src/contract/types.js';
import { engines, newPharmacy } from './engines.js';
import { freshDatabase } from './freshDb.js';

/** An office with a patient, visits and two closes of 2024-07 (a visit added between them). */
async function closedOffice(store: KyselyStore): Promise<{ office: Office; versions: ClaimVersion[] }> {
  const office = await newPharmacy(store, 'admin');
  const p = await store.createPatient(
    office.id,
    { name: '鎖 太郎', certifications: [{ level: 'care1', copay: 1, from: '2024-01-01' }] },
    'admin',
  );
  const visit = (date: string) =>
    store.createVisit(
      office.id,
      { kind: 'kyotaku', patientId: p.id, date, profession: 'pharmacist', reported: true },
      'clerk',
    );
  await visit('2024-07-02');
  const v1 = await closeMonth(store, office.id, '2024-07', 'clerk');
  await visit('2024-07-16');
  const v2 = await closeMonth(store, office.id, '2024-07', 'clerk');
  if (!v1.ok || !v2.ok) throw new Error('the closes were refused');
  return { office, versions: [v1.version, v2.version] };
}

async function chainOf(store: KyselyStore, table: 'claim_versions' | 'audit_log', officeId: string) {
  return store.db
    .selectFrom(table as 'audit_log')
    .select(['chain_seq', 'prev_digest', 'digest'])
    .where('office_id', '=', officeId)
    .orderBy('chain_seq')
    .execute();
}

for (const engine of engines) {
  describe.skipIf(!engine.available)(`the history's hash chains on ${engine.name}`, () => {
    it('each claim version and audit row links to the one before it (the first to GENESIS); verify finds them whole', async () => {
      const { store, dispose } = await engine.open();
      try {
        const { office } = await closedOffice(store);
        for (const table of ['claim_versions', 'audit_log'] as const) {
          const rows = await chainOf(store, table, office.id);
          expect(rows.length).toBeGreaterThan(1);
          rows.forEach((r, i) => {
            expect(Number(r.chain_seq)).toBe(i + 1);
            expect(r.prev_digest).toBe(i === 0 ? GENESIS : rows[i - 1]!.digest);
            expect(r.digest).toMatch(/^[0-9a-f]{64}$/);
          });
        }
        const report = await store.verifyHistory({ officeIds: [office.id] });
        expect(report.breaks).toEqual([]);
        expect(report).toMatchObject({ ok: true, offices: 1, claimVersions: 2 });
        // office, patient, two visits, two closes
        expect(report.auditRows).toBe(6);
      } finally {
        await dispose();
      }
    });

    it("refuses an INSERT over an existing row: a claim's yen and an audit actor stay as written", async () => {
      const { store, dispose } = await engine.open();
      try {
        const { office, versions } = await closedOffice(store);
        const v = versions[0]!;
        const cols = `office_id, id, month, version, schedule_id, engine_version, input_digest, closed_by, closed_at,
          units, %YEN%, insurer, copay, claim_count, rejection_count, input_json, result_json, report_warnings_json,
          chain_seq, prev_digest, digest`;
        const auditCols = `%SEQ%office_id, at, %ACTOR%, entity, entity_id, action, before_json, after_json, chain_seq, prev_digest, digest`;
        const into = (c: string) =>
          c.replace('%YEN%', 'yen').replace('%SEQ%', 'seq, ').replace('%ACTOR%', 'actor');
        const claimRewrite =
          engine.name === 'sqlite'
            ? `INSERT OR REPLACE INTO claim_versions (${into(cols)})
               SELECT ${cols.replace('%YEN%', 'yen + 100000')} FROM claim_versions WHERE id = '${v.id}'`
            : `INSERT INTO claim_versions (${into(cols)})
               SELECT ${cols.replace('%YEN%', 'yen + 100000')} FROM claim_versions WHERE id = '${v.id}'
               ON CONFLICT (office_id, id) DO UPDATE SET yen = EXCLUDED.yen`;
        await expect(sql.raw(claimRewrite).execute(store.db)).rejects.toThrow(/append-only/);
        const [first] = await store.db
          .selectFrom('audit_log')
          .select('seq')
          .where('office_id', '=', office.id)
          .orderBy('chain_seq')
          .limit(1)
          .execute();
        const auditRewrite =
          engine.name === 'sqlite'
            ? `INSERT OR REPLACE INTO audit_log (${into(auditCols)})
               SELECT ${auditCols.replace('%SEQ%', 'seq, ').replace('%ACTOR%', "'mallory'")} FROM audit_log WHERE seq = ${first!.seq}`
            : `INSERT INTO audit_log (${into(auditCols)})
               SELECT ${auditCols.replace('%SEQ%', 'seq, ').replace('%ACTOR%', "'mallory'")} FROM audit_log WHERE seq = ${first!.seq}
               ON CONFLICT (office_id, seq) DO UPDATE SET actor = EXCLUDED.actor`;
        await expect(sql.raw(auditRewrite).execute(store.db)).rejects.toThrow(/append-only/);
        // a new row under an existing key (its own seq, the chain place of another) is refused too
        const fork = `INSERT INTO audit_log (${into(auditCols).replace('seq, ', '')})
          SELECT ${auditCols.replace('%SEQ%', '').replace('%ACTOR%', "'mallory'")} FROM audit_log WHERE seq = ${first!.seq}`;
        await expect(sql.raw(fork).execute(store.db)).rejects.toThrow(/append-only|unique|duplicate/);
        expect((await store.getClaimVersion(office.id, '2024-07', 1))?.totals.yen).toBe(v.totals.yen);
        expect((await store.listAudit(office.id)).some((e) => e.actor === 'mallory')).toBe(false);
        expect((await store.verifyHistory({ officeIds: [office.id] })).ok).toBe(true);
      } finally {
        await dispose();
      }
    });

    it('concurrent writes of one office do not fork its chain', async () => {
      const { store, dispose } = await engine.open();
      try {
        const office = await newPharmacy(store, 'admin');
        await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            store.createStaff(office.id, { name: `職員${i}`, profession: 'pharmacist' }, 'admin'),
          ),
        );
        const rows = await chainOf(store, 'audit_log', office.id);
        expect(rows.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
        expect((await store.verifyHistory({ officeIds: [office.id] })).ok).toBe(true);
      } finally {
        await dispose();
      }
    });
  });

  describe.skipIf(!engine.available)(`tampering found by verify on ${engine.name}`, () => {
    /** Statements that set the append-only triggers aside, as the owner can. */
    const untrigger =
      engine.name === 'sqlite'
        ? [
            'DROP TRIGGER claim_versions_no_update',
            'DROP TRIGGER audit_log_no_update',
            'DROP TRIGGER audit_log_no_delete',
            'DROP TRIGGER claim_versions_no_delete',
          ]
        : ['ALTER TABLE claim_versions DISABLE TRIGGER ALL', 'ALTER TABLE audit_log DISABLE TRIGGER ALL'];

    it("a claim version's yen edited: verify names the office, the version and the yen against its result", async () => {
      const db = await freshDatabase(engine.name);
      try {
        let store = await db.open();
        const { office, versions } = await closedOffice(store);
        await store.close();
        const v = versions[1]!;
        await db.raw([...untrigger, `UPDATE claim_versions SET yen = yen + 5000 WHERE id = '${v.id}'`]);
        store = await db.open();
        try {
          const report = await store.verifyHistory();
          expect(report.ok).toBe(false);
          expect(report.breaks).toHaveLength(1);
          const [b] = report.breaks;
          expect(b).toMatchObject({
            officeId: office.id,
            table: 'claim_versions',
            chainSeq: 2,
            row: '2024-07 第2版',
            kind: 'totals',
          });
          expect(b!.message).toContain(office.name);
          expect(b!.message).toContain('請求の版');
          expect(b!.message).toContain(
            `金額（yen）が ${v.totals.yen + 5000} ですが、結果（result_json）の合計では ${v.totals.yen} です`,
          );
        } finally {
          await store.close();
        }
        // the yen and the result changed alike: the digest no longer matches the content
        await db.raw([
          `UPDATE claim_versions SET yen = yen - 5000 WHERE id = '${v.id}'`,
          `UPDATE claim_versions SET units = units + 1, yen = yen + 10,
             result_json = replace(result_json, '"yen":${v.totals.yen},', '"yen":${v.totals.yen + 10},')
           WHERE id = '${v.id}'`,
          `UPDATE claim_versions SET result_json = replace(result_json, '"units":${v.totals.units},', '"units":${v.totals.units + 1},') WHERE id = '${v.id}'`,
        ]);
        store = await db.open();
        try {
          const [b] = (await store.verifyHistory()).breaks;
          expect(b).toMatchObject({
            officeId: office.id,
            table: 'claim_versions',
            chainSeq: 2,
            kind: 'content',
          });
          expect(b!.message).toMatch(/連番 2（2024-07 第2版）の内容が記録されたときと違います/);
        } finally {
          await store.close();
        }
      } finally {
        await db.dispose();
      }
    });

    it("an audit row's actor edited, then a middle row deleted: verify names that row, then the gap", async () => {
      const db = await freshDatabase(engine.name);
      try {
        let store = await db.open();
        const { office } = await closedOffice(store);
        await store.close();
        const edit = `UPDATE audit_log SET actor = 'mallory' WHERE office_id = '${office.id}' AND chain_seq = 3`;
        await db.raw([...untrigger, edit]);
        store = await db.open();
        try {
          const report = await store.verifyHistory();
          expect(report.breaks).toHaveLength(1);
          expect(report.breaks[0]).toMatchObject({
            officeId: office.id,
            table: 'audit_log',
            chainSeq: 3,
            kind: 'content',
          });
          expect(report.breaks[0]!.message).toMatch(
            /の監査記録: 連番 3（seq \d+）の内容が記録されたときと違います/,
          );
        } finally {
          await store.close();
        }
        await db.raw([`DELETE FROM audit_log WHERE office_id = '${office.id}' AND chain_seq = 3`]);
        store = await db.open();
        try {
          const [b] = (await store.verifyHistory()).breaks;
          expect(b).toMatchObject({ officeId: office.id, table: 'audit_log', chainSeq: 4, kind: 'gap' });
          expect(b!.message).toContain('連番 3 の行がありません（連番 2 の次が連番 4');
        } finally {
          await store.close();
        }
      } finally {
        await db.dispose();
      }
    });

    it('the newest claim version deleted: its close audit row names the missing version', async () => {
      const db = await freshDatabase(engine.name);
      try {
        let store = await db.open();
        const { office, versions } = await closedOffice(store);
        await store.close();
        await db.raw([...untrigger, `DELETE FROM claim_versions WHERE id = '${versions[1]!.id}'`]);
        store = await db.open();
        try {
          const [b] = (await store.verifyHistory()).breaks;
          expect(b).toMatchObject({ officeId: office.id, table: 'claim_versions', kind: 'missing' });
          expect(b!.message).toContain(`締めの版 ${versions[1]!.id} がありません`);
        } finally {
          await store.close();
        }
      } finally {
        await db.dispose();
      }
    });
  });
}
