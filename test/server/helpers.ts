// A server on a temporary SQLite store, driven with app.inject (no port): two offices (A and B), and
// users of every role. Each test file starts its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { RouteTable } from '../../src/server/route.js';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import type { Workers } from '../../src/app/index.js';
import { withCheckDigit } from '../../src/contract/officeNumber.js';
import { SYSTEM_ACTOR, type Store } from '../../src/store/store.js';
import type { Office } from '../../src/contract/types.js';

export const PASSWORD = 'correct horse battery';

export interface TestServer {
  app: FastifyInstance;
  table: RouteTable;
  store: KyselyStore & Store;
  a: Office;
  b: Office;
  /** Session cookies by user: admin (A), clerk (A), readonly (A), clerkB (B). */
  cookie: { admin: string; clerk: string; readonly: string; clerkB: string; adminB: string };
  /** app.inject with a user's cookie. */
  as(user: keyof TestServer['cookie'] | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const c = r.cookies.find((x) => x.name === 'santei_session');
  if (!c) throw new Error('no session cookie');
  return `santei_session=${c.value}`;
}

/**
 * A temporary SQLite store by default; with `pgUrl`, the run's PostgreSQL database (shared by the test
 * files of the run: office numbers and usernames are made unique, and nothing is dropped).
 */
export async function startTestServer(
  opts: { pgUrl?: string; workers?: (store: KyselyStore) => Workers } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'santei-api-'));
  const store = opts.pgUrl
    ? await openStore({ databaseUrl: opts.pgUrl })
    : await openStore({ databaseUrl: '', sqlitePath: join(dir, 'santei.sqlite') });
  const unique = opts.pgUrl ? randomOfficeDigits() : undefined;
  const a = await store.createOffice(
    { number: withCheckDigit(unique ? `${unique}1` : '131000001'), name: 'みどり薬局', kind: 'pharmacy' },
    SYSTEM_ACTOR,
  );
  const b = await store.createOffice(
    { number: withCheckDigit(unique ? `${unique}2` : '131000002'), name: 'あおぞら診療所', kind: 'clinic' },
    SYSTEM_ACTOR,
  );
  const suffix = unique ? `_${unique}` : '';
  const users: [string, 'admin' | 'clerk' | 'readonly', string[]][] = [
    ['admin', 'admin', [a.id]],
    ['clerk', 'clerk', [a.id]],
    ['readonly', 'readonly', [a.id]],
    ['clerkB', 'clerk', [b.id]],
    ['adminB', 'admin', [b.id]],
  ];
  for (const [username, role, officeIds] of users) {
    await store.createUser(
      { username: username + suffix, role, officeIds, password: PASSWORD },
      SYSTEM_ACTOR,
    );
  }
  const { app, table } = await buildApp({ store, workers: opts.workers?.(store) });
  const cookie = {
    admin: await login(app, `admin${suffix}`),
    clerk: await login(app, `clerk${suffix}`),
    readonly: await login(app, `readonly${suffix}`),
    clerkB: await login(app, `clerkB${suffix}`),
    adminB: await login(app, `adminB${suffix}`),
  };
  return {
    app,
    table,
    store,
    a,
    b,
    cookie,
    as: (user, opts) =>
      app.inject({
        ...opts,
        headers: { ...(opts.headers ?? {}), ...(user ? { cookie: cookie[user] } : {}) },
      }),
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A realistic small month for office A: a building of 3 patients and a house, pharmacist visits. */
export async function seedMonth(
  s: TestServer,
  officeId = s.a.id,
): Promise<{ buildingId: string; patientIds: string[]; visitIds: string[] }> {
  const building = await s.store.createBuilding(
    officeId,
    { name: 'ひだまり荘', kind: 'sakoju', dwellings: 40 },
    SYSTEM_ACTOR,
  );
  const patientIds: string[] = [];
  const visitIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    const p = await s.store.createPatient(
      officeId,
      {
        name: `利用者${i + 1}`,
        insuredNumber: String(1000000000 + i),
        certifications: [{ level: 'care2', copay: i === 0 ? 2 : 1, from: '2024-04-01', to: '2025-03-31' }],
        residences:
          i < 3
            ? [{ kind: 'sakoju', buildingId: building.id, from: '2023-01-01' }]
            : [{ kind: 'home', from: '2020-01-01' }],
      },
      SYSTEM_ACTOR,
    );
    patientIds.push(p.id);
    for (const date of ['2024-07-03', '2024-07-17']) {
      const v = await s.store.createVisit(
        officeId,
        { kind: 'kyotaku', patientId: p.id, date, profession: 'pharmacist', reported: true },
        SYSTEM_ACTOR,
      );
      visitIds.push(v.id);
    }
  }
  return { buildingId: building.id, patientIds, visitIds };
}

/** 8 random digits: with the office digit appended, the first 9 characters of an office number. */
function randomOfficeDigits(): string {
  return `${10 + Math.floor(Math.random() * 38)}7${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
}

export function json<T = unknown>(r: LightMyRequestResponse): T {
  return JSON.parse(r.body) as T;
}
