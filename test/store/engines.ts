// The two engines the store tests run on: SQLite in a temp folder (always) and the run's PostgreSQL
// database (when pgSetup.ts found one).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openStore, type KyselyStore, type Store } from '../../src/store/index.js';
import { withCheckDigit } from '../../src/contract/officeNumber.js';
import type { Office } from '../../src/contract/types.js';

export const pgUrl = inject('pgUrl');

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  available: boolean;
  /** A store and how to get rid of it (SQLite: its folder is removed). */
  open(): Promise<{ store: KyselyStore & Store; dispose(): Promise<void>; sqlitePath?: string }>;
}

export const engines: TestEngine[] = [
  {
    name: 'sqlite',
    available: true,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'santei-store-'));
      const sqlitePath = join(dir, 'santei.sqlite');
      const store = await openStore({ sqlitePath, databaseUrl: '' });
      return {
        store,
        sqlitePath,
        async dispose() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: pgUrl !== '',
    async open() {
      const store = await openStore({ databaseUrl: pgUrl });
      return { store, dispose: () => store.close() };
    },
  },
];

let counter = 0;
/** A valid office number not used before in this run (random: the PostgreSQL database is shared). */
export function freshOfficeNumber(): string {
  counter += 1;
  const body = String(Math.floor(Math.random() * 1e5) * 10 + (counter % 10)).padStart(6, '0');
  const prefecture = String(10 + Math.floor(Math.random() * 38));
  return withCheckDigit(`${prefecture}7${body}`);
}

export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** A new pharmacy of its own for a test (a fresh number and name). */
export function newPharmacy(store: Store, actor: string): Promise<Office> {
  return store.createOffice(
    { number: freshOfficeNumber(), name: `テスト薬局${uniqueName('')}`, kind: 'pharmacy' },
    actor,
  );
}
