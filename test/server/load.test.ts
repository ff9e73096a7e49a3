// A small bounded load test on a real listening server (127.0.0.1, an ephemeral port): /calculate with a
// 50-patient month interleaved with visit writes for 2 s. The server keeps answering (no error, no 5xx)
// and loses no write: every write it acknowledged is in the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, syntheticMonth } from '../../bench/load.mjs';
import { login, startTestServer, seedMonth, type TestServer } from './helpers.js';

let s: TestServer;
let url: string;
let patientIds: string[];

beforeAll(async () => {
  s = await startTestServer();
  patientIds = (await seedMonth(s)).patientIds;
  await s.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = s.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${addr.port}`;
});
afterAll(async () => {
  await s.close();
});

describe('load (bounded)', () => {
  it('keeps answering and loses no acknowledged write', async () => {
    const before = (await s.store.listVisits(s.a.id)).length;
    const cookie = await login(s.app, 'clerk');
    const { result, acked, refused, attempted } = await runLoad({
      url,
      cookie,
      month: syntheticMonth(50),
      duration: 2,
      connections: 4,
      write: {
        officeId: s.a.id,
        visit: (i) => ({
          kind: 'kyotaku',
          patientId: patientIds[i % patientIds.length],
          date: `2024-09-${String(1 + (i % 30)).padStart(2, '0')}`,
          profession: 'pharmacist',
          reported: true,
        }),
      },
    });
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(refused).toEqual([]);
    expect(acked.length).toBeGreaterThan(10);
    // In flight when the run stopped: attempted but neither acknowledged nor refused.
    expect(attempted - acked.length).toBeLessThanOrEqual(4);
    const stored = new Set((await s.store.listVisits(s.a.id)).map((v) => v.id));
    for (const id of acked) expect(stored.has(id), id).toBe(true);
    expect(stored.size - before).toBeGreaterThanOrEqual(acked.length);
    expect(stored.size - before).toBeLessThanOrEqual(attempted);
    const health = await fetch(`${url}/api/v1/health`);
    expect(health.status).toBe(200);
  }, 30_000);
});
