// POST /api/v1/calculate answers exactly what `santei calc` prints (contract.md): the same result JSON for
// good input, the same problem lines (as a 400) for bad input — for every worked example.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, json, type TestServer } from './helpers.js';
import { runCli as cli } from '../support/cli.js';
import { exampleFiles } from '../support/examples.js';

const examples = exampleFiles();

let s: TestServer;
let tmp: string;
beforeAll(async () => {
  s = await startTestServer();
  tmp = mkdtempSync(join(tmpdir(), 'santei-calc-'));
});
afterAll(async () => {
  await s.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('POST /api/v1/calculate equals santei calc (contract)', () => {
  it('has worked examples to compare', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const { file, json: example } of examples) {
    it(`contract: ${file}`, async () => {
      const ex = example as { input: unknown };
      const path = join(tmp, file.replace('/', '-'));
      writeFileSync(path, JSON.stringify(ex.input));
      const c = await cli(['calc', path]);
      const r = await s.as('readonly', {
        method: 'POST',
        url: '/api/v1/calculate',
        payload: ex.input as object,
      });
      if (c.code === 0) {
        expect(r.statusCode).toBe(200);
        expect(json(r)).toEqual(JSON.parse(c.out));
        expect(r.body + '\n').toBe(c.out);
      } else {
        expect(c.code).toBe(2);
        expect(r.statusCode).toBe(400);
        const lines = json<{ errors: { path: string; message: string }[] }>(r).errors.map((p) =>
          p.path ? `${p.path}: ${p.message}` : p.message,
        );
        expect(lines.join('\n') + '\n').toBe(c.err);
      }
    });
  }

  it('contract: bad input gives the CLI problem lines (unknown enum, impossible date, unknown patient)', async () => {
    const input = {
      month: '2024-07',
      office: { id: '1310000001', kind: 'pharmacy' },
      patients: [{ id: 'P1', care: { level: 'care9', copay: 1 } }],
      records: [
        {
          kind: 'kyotaku',
          id: 'V1',
          patientId: 'P2',
          date: '2024-02-30',
          profession: 'pharmacist',
          reported: true,
        },
      ],
    };
    const path = join(tmp, 'bad.json');
    writeFileSync(path, JSON.stringify(input));
    const c = await cli(['calc', path]);
    expect(c.code).toBe(2);
    const r = await s.as('clerk', { method: 'POST', url: '/api/v1/calculate', payload: input });
    expect(r.statusCode).toBe(400);
    const body = json<{ errors: { path: string; message: string }[] }>(r);
    expect(body.errors.map((p) => `${p.path}: ${p.message}\n`).join('')).toBe(c.err);
    expect(body.errors.map((p) => p.path)).toContain('patients[0].care.level');
    expect(body.errors.map((p) => p.path)).toContain('records[0].date');
  });

  it('contract: a month no schedule covers is a 400 naming month', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: '/api/v1/calculate',
      payload: {
        month: '1999-01',
        office: { id: '1310000001', kind: 'pharmacy' },
        patients: [],
        records: [],
      },
    });
    expect(r.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(r).errors[0]!.path).toBe('month');
  });

  it('needs a login', async () => {
    const r = await s.as(null, { method: 'POST', url: '/api/v1/calculate', payload: {} });
    expect(r.statusCode).toBe(401);
  });
});
