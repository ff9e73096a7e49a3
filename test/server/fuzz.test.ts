// Fuzz: random requests to EVERY registered route (and some that do not exist) — random JSON, wrong types,
// huge strings, deep nesting, invalid UTF-8, non-JSON content types, odd URL parameters and query strings,
// with and without a session. The server must never answer 5xx, and every error must be the JSON shape
// { errors: [{ path, message }] } with a message and no stack trace. The ids are real ones half of the time
// (a closed month, a sent report), so that the handlers behind the checks run too; the printed documents
// (HTML) are reached with real ids and must come with their own Content-Security-Policy, with what the
// records hold escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { startTestServer, seedMonth, type TestServer } from './helpers.js';
import type { RouteInfo } from '../../src/server/route.js';
import { closeMonth } from '../../src/app/index.js';
import { withCheckDigit, withInsurerCheckDigit } from '../../src/contract/officeNumber.js';

let s: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
/** What a record holds that a printed document must show escaped. */
const INJECTED = '<script>alert(1)</script>';
const SENT = '2024-08-20';
const PRINTED_MONTH = '2024-08';

beforeAll(async () => {
  s = await startTestServer();
  const seeded = await seedMonth(s);
  const staff = await s.store.createStaff(s.a.id, { name: '職員', profession: 'pharmacist' }, 'system');
  const closed = await closeMonth(s.store, s.a.id, '2024-07', 'system');
  if (!closed.ok) throw new Error('the month does not close');
  userIds = {};
  for (const name of ['admin', 'clerk', 'readonly'])
    userIds[name] = (await s.store.getUserByUsername(name))!.id;
  ids = {
    officeId: s.a.id,
    patientId: seeded.patientIds[0]!,
    visitId: seeded.visitIds[0]!,
    buildingId: seeded.buildingId,
    staffId: staff.id,
    month: '2024-07',
    version: String(closed.version.version),
    reportId: (await printable()).reportId,
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
  fc.constantFrom(
    'month',
    'q',
    'limit',
    'offset',
    'partial',
    'version',
    'before',
    'entity',
    'schedule',
    'date',
    'format',
    'patientId',
    'profession',
    'x',
  ),
  fc.oneof(weirdString, fc.constantFrom(SENT, '2024-07', 'html', 'json', '1', 'pharmacist')),
  { maxKeys: 3 },
);

/**
 * The printed documents' records, made for their own test (the fuzz deletes what it finds): in August, a
 * patient with everything the claim file needs, two visits, a report sent by FAX on SENT, and the month closed.
 * The patient's name, the report's recipient and content hold INJECTED.
 */
let printables = 0;
async function printable(): Promise<{ reportId: string; patientId: string; version: string }> {
  const staff = await s.store.createStaff(s.a.id, { name: '印刷の職員', profession: 'pharmacist' }, 'system');
  const patient = await s.store.createPatient(
    s.a.id,
    {
      name: `印刷 ${INJECTED}`,
      kana: 'インサツ タロウ',
      insurerNumber: withInsurerCheckDigit('13120'),
      insuredNumber: String(1_300_009_000 + ++printables),
      birthDate: '1930-04-01',
      sex: 'male',
      certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
      carePlans: [
        {
          maker: 'office',
          officeNumber: withCheckDigit('131200501'),
          officeName: 'ねりま居宅',
          from: '2024-04-01',
        },
      ],
    },
    'system',
  );
  const visits = [];
  for (const date of ['2024-08-01', '2024-08-15']) {
    visits.push(
      await s.store.createVisit(
        s.a.id,
        {
          kind: 'kyotaku',
          patientId: patient.id,
          date,
          profession: 'pharmacist',
          staffId: staff.id,
          reported: true,
        },
        'system',
      ),
    );
  }
  const report = await s.store.createReport(
    s.a.id,
    {
      patientId: patient.id,
      profession: 'pharmacist',
      visitIds: visits.map((v) => v.id),
      recipient: { kind: 'care_manager', name: `ケアマネ ${INJECTED}` },
      method: 'fax',
      sentDate: SENT,
      staffId: staff.id,
      content: {
        condition: `状態 ${INJECTED}`,
        dailyLife: '水分をとってください',
        medication: '一包化しています',
        emergency: '当薬局へ連絡してください',
      },
    },
    'system',
  );
  const closed = await closeMonth(s.store, s.a.id, PRINTED_MONTH, 'system');
  if (!closed.ok) throw new Error(`${PRINTED_MONTH} does not close`);
  return { reportId: report.id, patientId: patient.id, version: String(closed.version.version) };
}

/**
 * The fuzzed routes log users out, change their passwords and roles: before each route the three users are
 * as they were (enabled, their role, office A) with a new session each, made by the store (no login, so no
 * failed-login wait of this client gets in the way).
 */
async function freshSessions(): Promise<void> {
  for (const [name, role] of [
    ['admin', 'admin'],
    ['clerk', 'clerk'],
    ['readonly', 'readonly'],
  ] as const) {
    const u = (await s.store.getUser(userIds[name]!))!;
    if (u.role !== role || u.disabled || u.officeIds.join() !== s.a.id) {
      await s.store.updateUser(u.id, { role, disabled: false, officeIds: [s.a.id] }, 'system');
    }
    const session = await s.store.createSession(u.id, 60 * 60 * 1000);
    s.cookie[name] = `santei_session=${session.token}`;
  }
}

/** The printed documents' answers seen, by route. */
const documentsSeen = new Map<string, number>();

function urlOf(route: RouteInfo, useReal: boolean[], fake: string[]): string {
  let i = 0;
  return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const k = i++;
    return useReal[k] ? encodeURIComponent(ids[name] ?? 'x') : encodeURIComponent(fake[k] ?? '');
  });
}

function checkAnswer(
  label: string,
  status: number,
  text: string,
  headers: Record<string, unknown> = {},
  route?: RouteInfo,
): void {
  expect(status, `${label} → ${status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(text, label).not.toMatch(/\n\s+at |Error: /);
  if (status === 204) return;
  if (String(headers['content-type'] ?? '').startsWith('text/csv')) {
    // The claim file of a closed version: a download, never an error.
    expect(status, label).toBe(200);
    expect(String(headers['content-disposition']), label).toMatch(/^attachment;/);
    return;
  }
  if (String(headers['content-type'] ?? '').startsWith('text/html')) {
    // A printed document: only from a route that says it prints one, with its own policy, escaped.
    expect(route?.document, `${label} answered HTML`).toBe(true);
    expect(status, label).toBe(200);
    expect(String(headers['content-security-policy']), label).toContain("default-src 'none'");
    expect(text, label).not.toContain(INJECTED);
    expect(text, label).toMatch(/(&lt;|&#60;)script(&gt;|&#62;)/);
    if (route) documentsSeen.set(route.url, (documentsSeen.get(route.url) ?? 0) + 1);
    return;
  }
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
      await freshSessions();
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
            checkAnswer(`${user} ${method} ${route.url}`, r.statusCode, r.body, r.headers, route);
          },
        ),
        { numRuns: 20, seed: 20240701 },
      );
    }
  }, 300_000);

  it('the documents, with real ids and random queries: the printed ones print (HTML, their own policy, escaped), the statement and the claim version answer', async () => {
    const printed = s.table.routes.filter((r) => r.document);
    expect(printed.map((r) => r.url).sort()).toEqual([
      '/api/v1/offices/:officeId/months/:month/claims/:version/claim-forms',
      '/api/v1/offices/:officeId/reports/:reportId/document',
      '/api/v1/offices/:officeId/reports/fax-cover',
    ]);
    // The month's documents the web app prints from JSON: the patient's statement, the claim version.
    const monthly = s.table.routes.filter((r) =>
      /\/months\/:month\/(statements\/:patientId|claims\/:version)$/.test(r.url),
    );
    expect(monthly).toHaveLength(2);
    const documents = [...printed, ...monthly];
    const answered = new Map<string, number>();
    const made = await printable();
    Object.assign(ids, { ...made, month: PRINTED_MONTH });

    for (const route of documents) {
      await freshSessions();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 3, arbitrary: fc.constant<Record<string, string>>({ date: SENT }) },
            { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
            { weight: 1, arbitrary: query },
          ),
          fc.constantFrom('admin', 'clerk', 'readonly', null),
          fc.nat({ max: 9 }),
          async (q, user, swapped) => {
            // The real ids, now and then one of them swapped for a weird one.
            const url = urlOf(
              route,
              [0, 1, 2, 3].map((i) => i !== swapped),
              ['x', '..', '%00', '<script>'],
            );
            const qs = new URLSearchParams(q).toString();
            const r = await s.as(user as 'admin' | null, { method: 'GET', url: qs ? `${url}?${qs}` : url });
            checkAnswer(`${user} GET ${route.url}?${qs}`, r.statusCode, r.body, r.headers, route);
            if (r.statusCode === 200) answered.set(route.url, (answered.get(route.url) ?? 0) + 1);
          },
        ),
        { numRuns: 40, seed: 20240702 },
      );
      expect(answered.get(route.url) ?? 0, `${route.url} answered`).toBeGreaterThan(5);
      if (route.document)
        expect(documentsSeen.get(route.url), `${route.url} printed`).toBe(answered.get(route.url));
    }
  }, 120_000);
});
