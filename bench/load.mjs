// A bounded load against a listening santei server on this machine (127.0.0.1 only): POST
// /api/v1/calculate with one office-month, optionally interleaved with visit writes. Returns autocannon's
// figures and the id of every write the server acknowledged (201), so that the caller can check that the
// store holds each of them. Used by bench/api.mjs and by test/server/load.test.ts.
import autocannon from 'autocannon';

/**
 * @param {object} o
 * @param {string} o.url            base URL, http://127.0.0.1:PORT
 * @param {string} o.cookie         santei_session=…
 * @param {unknown} o.month         the body of /calculate
 * @param {{ officeId: string, visit: (i: number) => unknown }} [o.write]  visit writes, one per cycle
 * @param {number} [o.duration]     seconds (default 5)
 * @param {number} [o.connections]  default 10
 */
export async function runLoad({ url, cookie, month, write, duration = 5, connections = 10 }) {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/.test(url)) {
    throw new Error(`load only against this machine: ${url}`);
  }
  const headers = { cookie, 'content-type': 'application/json' };
  const acked = [];
  const refused = [];
  let attempted = 0;
  const requests = [{ method: 'POST', path: '/api/v1/calculate', headers, body: JSON.stringify(month) }];
  if (write) {
    requests.push({
      method: 'POST',
      path: `/api/v1/offices/${write.officeId}/visits`,
      headers,
      setupRequest: (req) => ({ ...req, body: JSON.stringify(write.visit(attempted++)) }),
      onResponse: (status, body) => {
        if (status === 201) acked.push(JSON.parse(body).id);
        else refused.push({ status, body: String(body).slice(0, 200) });
      },
    });
  }
  const result = await autocannon({ url, connections, duration, requests, timeout: 10 });
  return { result, acked, refused, attempted };
}

/** A deterministic month of `n` patients for /calculate: pharmacist visits, some buildings, some refusals. */
export function syntheticMonth(n = 50) {
  const patients = [];
  const records = [];
  for (let i = 0; i < n; i++) {
    const id = `P${String(i + 1).padStart(3, '0')}`;
    const building = i % 5 === 0 ? undefined : `B${i % 4}`;
    patients.push({
      id,
      care: { level: ['care1', 'care2', 'care3', 'support1', 'care5'][i % 5], copay: [1, 1, 2, 3][i % 4] },
      residence: building ? { kind: 'sakoju', buildingId: building } : { kind: 'home' },
      ...(i % 17 === 0 ? { conditions: ['terminal_cancer'] } : {}),
    });
    const days = [2, 9, 16, 23, 30].slice(0, 2 + (i % 4));
    if (i % 7 === 0) days.push(4); // too soon after the 2nd: 中6日
    days.forEach((d, j) => {
      records.push({
        kind: 'kyotaku',
        id: `V${i + 1}-${j + 1}`,
        patientId: id,
        date: `2024-07-${String(d).padStart(2, '0')}`,
        profession: 'pharmacist',
        reported: i % 11 !== 3,
        ...(i % 13 === 0 ? { additions: ['narcotic'] } : {}),
      });
    });
    records.push({
      kind: 'kyotaku',
      id: `H${i + 1}`,
      patientId: id,
      date: '2024-06-25',
      profession: 'pharmacist',
      reported: true,
    });
  }
  return { month: '2024-07', office: { id: '1310000001', kind: 'pharmacy' }, patients, records };
}
