// PostgreSQL: the server's role owns nothing (src/store/roles.ts). Migrated by the owner and granted with
// `santei migrate --grant`, the role opens the store (no migration pending: nothing created), reads and writes
// records, closes a month and verifies the chains; it can neither set the append-only triggers aside (ALTER
// TABLE … DISABLE TRIGGER needs the owner) nor change or delete the history, nor be granted when it owns
// tables or is a superuser.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { closeMonth, migrateDatabase, RoleError } from '../../src/app/index.js';
import { openStore } from '../../src/store/index.js';
import { newPharmacy, pgUrl } from './engines.js';
import { freshDatabase } from './freshDb.js';

describe.skipIf(pgUrl === '')('the PostgreSQL role the server runs as', () => {
  it('may write records and add history, but not disable the triggers nor update or delete history', async () => {
    const db = await freshDatabase('postgres');
    const role = `santei_app_${randomBytes(4).toString('hex')}`;
    const { default: pg } = await import('pg');
    const owner = new pg.Client({ connectionString: db.target });
    await owner.connect();
    try {
      await owner.query(`CREATE ROLE ${role} LOGIN`);
      const { applied, grants } = await migrateDatabase({ databaseUrl: db.target }, { grantRole: role });
      expect(applied).toContain('0006_history_chain');
      expect(grants).toContain(`GRANT SELECT, INSERT ON "public"."audit_log" TO "${role}"`);
      expect(grants).toContain(`GRANT SELECT, INSERT ON "public"."claim_versions" TO "${role}"`);
      expect(grants).toContain(`GRANT SELECT, INSERT, UPDATE, DELETE ON "public"."patients" TO "${role}"`);

      const url = new URL(db.target);
      url.username = role;
      const store = await openStore({ databaseUrl: url.toString() });
      try {
        const office = await newPharmacy(store, 'admin');
        const p = await store.createPatient(
          office.id,
          { name: '権限 一郎', certifications: [{ level: 'care2', copay: 1, from: '2024-01-01' }] },
          'admin',
        );
        await store.updatePatient(office.id, p.id, { kana: 'ケンゲン イチロウ' }, 'admin');
        await store.createVisit(
          office.id,
          { kind: 'kyotaku', patientId: p.id, date: '2024-07-03', profession: 'pharmacist', reported: true },
          'clerk',
        );
        expect((await closeMonth(store, office.id, '2024-07', 'clerk')).ok).toBe(true);
        expect((await store.verifyHistory()).ok).toBe(true);

        const app = new pg.Client({ connectionString: url.toString() });
        await app.connect();
        try {
          for (const stmt of [
            'ALTER TABLE audit_log DISABLE TRIGGER ALL',
            'ALTER TABLE claim_versions DISABLE TRIGGER claim_versions_append_only',
            'DROP TRIGGER audit_log_append_only ON audit_log',
          ])
            await expect(app.query(stmt), stmt).rejects.toThrow(/must be owner/);
          for (const stmt of [
            "UPDATE audit_log SET actor = 'mallory'",
            'DELETE FROM audit_log',
            'UPDATE claim_versions SET yen = yen + 1',
            'DELETE FROM claim_versions',
            'TRUNCATE audit_log',
            "INSERT INTO santei_migrations (name, timestamp) VALUES ('9999_x', 'x')",
          ])
            await expect(app.query(stmt), stmt).rejects.toThrow(/permission denied/);
        } finally {
          await app.end();
        }
      } finally {
        await store.close();
      }
      // a superuser or an owner of tables is refused as the server's role
      await expect(migrateDatabase({ databaseUrl: db.target }, { grantRole: 'postgres' })).rejects.toThrow(
        RoleError,
      );
      await expect(
        migrateDatabase({ databaseUrl: db.target }, { grantRole: `${role}_none` }),
      ).rejects.toThrow(/ロール「santei_app_[0-9a-f]+_none」がありません/);
    } finally {
      await owner.end();
      await db.dispose();
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});
