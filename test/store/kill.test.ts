// A close is one transaction: a real child process closing a large month is killed with SIGKILL
// inside the transaction, just before its commit (made deterministic by the store's test seam); the
// previous version stays intact and no partial version, audit row or lock is left behind; the office's
// history chains verify whole, and the next close links after the last row that was committed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { closeMonth } from '../../src/app/index.js';
import { openStore } from '../../src/store/index.js';
import { seedSyntheticOffice } from '../../src/store/synthetic.js';
import { engines, freshOfficeNumber } from './engines.js';

const child = new URL('./fixtures/closeChild.mjs', import.meta.url).pathname;
const dist = new URL('../../dist/store/index.js', import.meta.url).pathname;

for (const engine of engines) {
  describe.skipIf(!engine.available)(`kill -9 during a close on ${engine.name}`, () => {
    it('keeps the previous version and whole chains; no partial version', { timeout: 120_000 }, async () => {
      expect(existsSync(dist), 'the child runs the built store: run `npm run build` first').toBe(true);
      const { store, dispose, sqlitePath } = await engine.open();
      const dir = mkdtempSync(join(tmpdir(), 'santei-kill-'));
      try {
        const office = await seedSyntheticOffice(store, {
          patients: 1000,
          visits: 4000,
          month: '2024-07',
          numberPrefix: freshOfficeNumber().slice(0, 9),
        });
        const v1 = await closeMonth(store, office.id, '2024-07', 'first-close');
        if (!v1.ok) throw new Error(JSON.stringify(v1.problems));
        // a change after the first close, so that the killed close would have made a different version
        const [p] = await store.listPatients(office.id, { limit: 1 });
        await store.createVisit(
          office.id,
          { kind: 'kyotaku', patientId: p!.id, date: '2024-07-30', profession: 'pharmacist', reported: true },
          'clerk',
        );
        const auditBefore = (await store.listAudit(office.id, { limit: 1000 })).length;
        const chainBefore = (await store.verifyHistory({ officeIds: [office.id] })).auditRows;

        const pauseFile = join(dir, 'paused');
        const target = engine.name === 'sqlite' ? sqlitePath! : (await import('./engines.js')).pgUrl;
        const proc = spawn(process.execPath, [child, target, office.id, '2024-07', pauseFile], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          proc.on('exit', (_code, signal) => resolve(signal)),
        );
        const deadline = Date.now() + 90_000;
        while (!existsSync(pauseFile)) {
          if (proc.exitCode !== null || Date.now() > deadline)
            throw new Error(`the child did not reach the pause: ${stderr}`);
          await sleep(50);
        }
        // The child has written version 2 and its audit row and waits before COMMIT.
        expect(readFileSync(pauseFile, 'utf8').trim()).toBe('2');
        proc.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');

        // Reopen (a new connection, as after a crash) and look.
        const again =
          engine.name === 'sqlite'
            ? await openStore({ sqlitePath: sqlitePath!, databaseUrl: '' })
            : await openStore({ databaseUrl: target });
        try {
          if (engine.name === 'sqlite') {
            const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(again.db);
            expect(check.rows[0]?.integrity_check).toBe('ok');
          }
          const versions = await again.listClaimVersions(office.id, '2024-07');
          expect(versions.map((v) => v.version)).toEqual([1]);
          const kept = await again.getClaimVersion(office.id, '2024-07', 1);
          expect(kept?.inputDigest).toBe(v1.version.inputDigest);
          expect(kept?.result).toEqual(v1.version.result);
          expect(await again.getClaimVersion(office.id, '2024-07', 2)).toBeNull();
          const audit = await again.listAudit(office.id, { limit: 1000 });
          expect(audit.length).toBe(auditBefore);
          expect(audit.some((e) => e.actor === 'killed-close')).toBe(false);
          const chains = await again.verifyHistory({ officeIds: [office.id] });
          expect(chains.breaks).toEqual([]);
          expect(chains).toMatchObject({ ok: true, claimVersions: 1, auditRows: chainBefore });
          // nothing is left locked: the next close makes version 2
          const v2 = await closeMonth(again, office.id, '2024-07', 'after-crash');
          expect(v2.ok && v2.version.version).toBe(2);
          expect(v2.ok && v2.version.inputDigest).not.toBe(v1.version.inputDigest);
          const after = await again.verifyHistory({ officeIds: [office.id] });
          expect(after).toMatchObject({ ok: true, claimVersions: 2, auditRows: chainBefore + 1 });
        } finally {
          await again.close();
        }
      } finally {
        await dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
