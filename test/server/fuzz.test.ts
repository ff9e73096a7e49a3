// Fuzz: random requests to EVERY registered route (and some that do not exist) — random JSON, wrong types,
// huge strings, deep nesting, invalid UTF-8, non-JSON content types, odd URL parameters and query strings,
// with and without a session. The server must never answer 5xx, and every error must be the JSON shape
// { errors: [{ path, message }] } with a message and no stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { startTestServer, seedMonth, type TestServer } from './helpers.js';
import type { RouteInfo } from '../../src/server/route.js';

let s: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  s = await startTestServer();
  const seeded = await seedMonth(s);
  const staff = await s.store.createStaff(s.a.id, { name: '職員', profession: 'pharmacist' }, 'system');
  ids = {
    officeId: s.a.id,
    patientId: seeded.patientIds[0]!,
    visitId: seeded.visitIds[0]!,
    buildingId: seeded.buildingId,
    staffId: staff.id,
    month: '2024-07',
    version: '1',
    userId: (await s.store.getUserByUsername('clerk'))!.id,
  };
});
afterAll(async () => {
  await s.close();
});

const fieldNames = [
  'name',
  'kind',
  'patientId',
  'date',
  'profession',
  'reported',
  'month',
  'office',
  'patients',
  'records',
  'certifications',
  'residences',
  'stays',
  'number',
  'username',
  'password',
  'officeIds',
  'role',
  'units',
  'minutes',
  'dwellings',
  'copay',
  'level',
  'from',
  'to',
  'buildingId',
  'staffId',
  'insuredNumber',
  'insurerNumber',
  'carePlans',
  'maker',
  'officeNumber',
  'submitted',
  '__proto__',
  'constructor',
];

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../..',
    '%00',
    '\u0000',
    'null',
    'true',
    '-1',
    '0',
    '1e309',
    'NaN',
    '2024-02-30',
    '2024-13',
    '９９',
    '<script>',
  ),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'あ'.repeat(n)),
);

const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(fc.jsonValue({ maxDepth: 3 }), weirdString), {
    maxKeys: 8,
  }),
  fc.record({
    kind: fc.constantFrom('kyotaku', 'c006', 'care_management', 'x'),
    patientId: fc.oneof(weirdString, fc.constant('P')),
    date: weirdString,
    profession: fc.constantFrom('pharmacist', 'doctor', 7),
    reported: fc.oneof(fc.boolean(), fc.constant('yes')),
  }),
);

type Body = Pick<InjectOptions, 'payload' | 'headers'>;

const body: fc.Arbitrary<Body> = fc.oneof(
  {
    weight: 4,
    arbitrary: jsonish.map((v): Body => ({
      payload: JSON.stringify(v),
      headers: { 'content-type': 'application/json' },
    })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n): Body => ({
      payload: '['.repeat(n) + ']'.repeat(n),
      headers: { 'content-type': 'application/json' },
    })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 50_000 }).map((n): Body => ({
      payload: '{"a":'.repeat(n) + '1' + '}'.repeat(n),
      headers: { 'content-type': 'application/json' },
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 300 })
      .map((b): Body => ({ payload: Buffer.from(b), headers: { 'content-type': 'application/json' } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'text/csv',
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'application/json; charset=shift_jis',
          'image/png',
        ),
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        ),
      )
      .map(([type, payload]): Body => ({ payload, headers: { 'content-type': type } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string()
      .map((t): Body => ({ payload: t, headers: { 'content-type': 'application/json' } })),
  },
  { weight: 1, arbitrary: fc.constant<Body>({}) },
  {
    weight: 1,
    arbitrary: fc.constant<Body>({
      payload: 'x'.repeat(11 * 1024 * 1024),
      headers: { 'content-type': 'application/json' },
    }),
  },
);

const query = fc.dictionary(
  fc.constantFrom('month', 'q', 'limit', 'offset', 'partial', 'version', 'before', 'entity', 'schedule', 'x'),
  weirdString,
  { maxKeys: 3 },
);

function urlOf(route: RouteInfo, useReal: boolean[], fake: string[]): string {
  let i = 0;
  return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const k = i++;
    return useReal[k] ? encodeURIComponent(ids[name] ?? 'x') : encodeURIComponent(fake[k] ?? '');
  });
}

function checkAnswer(label: string, status: number, text: string): void {
  expect(status, `${label} → ${status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(text, label).not.toMatch(/\n\s+at |Error: /);
  if (status === 204) return;
  const parsed = JSON.parse(text) as { errors?: { path: unknown; message: unknown }[] };
  if (status >= 400) {
    expect(Array.isArray(parsed.errors), label).toBe(true);
    expect(parsed.errors!.length, label).toBeGreaterThan(0);
    for (const e of parsed.errors!) {
      expect(typeof e.path, label).toBe('string');
      expect(typeof e.message, label).toBe('string');
      expect(e.message as string, label).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese
    }
  }
}

describe('fuzz: random requests to every route never answer 5xx, always JSON errors', () => {
  it('the table has every route', () => {
    expect(s.table.routes.length).toBeGreaterThanOrEqual(40);
  });

  it('every route, random bodies, parameters, queries and users', async () => {
    const routes = [
      ...s.table.routes,
      { method: 'POST', url: '/api/v1/nothing/:x', access: 'user', officeScoped: false } as RouteInfo,
    ];
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          body,
          query,
          fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
          fc.array(weirdString, { minLength: 4, maxLength: 4 }),
          fc.constantFrom('admin', 'admin', 'clerk', 'readonly', null),
          fc.constantFrom(route.method, route.method, route.method, 'GET', 'PUT', 'DELETE', 'OPTIONS'),
          async (b, q, useReal, fake, user, method) => {
            const url = urlOf(route, useReal, fake);
            const qs = new URLSearchParams(q).toString();
            const withBody = method !== 'GET' && method !== 'DELETE' && method !== 'OPTIONS';
            const r = await s.as(user as 'admin' | null, {
              method: method as 'POST',
              url: qs ? `${url}?${qs}` : url,
              ...(withBody ? b : {}),
            });
            checkAnswer(`${user} ${method} ${route.url}`, r.statusCode, r.body);
          },
        ),
        { numRuns: 20, seed: 20240701 },
      );
    }
  }, 300_000);
});
