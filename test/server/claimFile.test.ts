// The claim file through the API (docs/api.md "Claim file"): the problems of a month (before the close, and of
// a closed version), 「伝送ファイルを作成」 on a closed version (MS932 bytes the checker accepts, audited; or 422
// with every problem naming the patient), and the printed 請求書 / 明細書. Roles as the other routes (a write
// for the file, reads for the rest); a user of another office gets 404. The patient records it needs go
// through the patients routes with the same Japanese messages.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, json, type TestServer } from './helpers.js';
import { checkClaimFile } from '../../src/core/claimFile/index.js';
import { codesForMonth } from '../../src/app/claimFile.js';
import { withCheckDigit, withInsurerCheckDigit } from '../../src/contract/officeNumber.js';
import type { ClaimFileCheck } from '../../src/contract/api.js';
import type { AuditEntry, Patient } from '../../src/contract/types.js';
import { SYSTEM_ACTOR } from '../../src/store/store.js';

const NERIMA = withInsurerCheckDigit('13120');
const KYOTAKU = withCheckDigit('131200501');

let s: TestServer;
let base: string;
let patients: Patient[];

beforeAll(async () => {
  s = await startTestServer();
  base = `/api/v1/offices/${s.a.id}`;
  patients = [];
  for (const [i, name] of ['青木 正雄', '石川 和子', '上田 清'].entries()) {
    const p = await s.store.createPatient(
      s.a.id,
      {
        name,
        insurerNumber: NERIMA,
        insuredNumber: String(1_300_001_000 + i),
        birthDate: '1930-04-01',
        sex: i % 2 ? 'female' : 'male',
        certifications: [
          { level: i === 2 ? 'support2' : 'care3', copay: 1, from: '2024-04-01', to: '2025-03-31' },
        ],
        carePlans: [
          {
            maker: 'office',
            officeNumber: KYOTAKU,
            officeName: '居宅介護支援事業所 ねりま',
            from: '2024-04-01',
          },
        ],
      },
      SYSTEM_ACTOR,
    );
    patients.push(p);
    for (const date of ['2024-07-03', '2024-07-17'])
      await s.store.createVisit(
        s.a.id,
        { kind: 'kyotaku', patientId: p.id, date, profession: 'pharmacist', reported: true },
        SYSTEM_ACTOR,
      );
  }
});
afterAll(async () => {
  await s.close();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the claim file of a month (claim-file.md)', () => {
  it('before the close: the problems of the records now (none); a version not closed is 404', async () => {
    const r = await s.as('readonly', { method: 'GET', url: `${base}/months/2024-07/claim-file/problems` });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<ClaimFileCheck>(r)).toEqual({
      month: '2024-07',
      source: { kind: 'records' },
      submitted: '2024-08',
      problems: [],
      statements: 3,
      unconfirmedCodes: ['341223'], // type 34 codes are unconfirmed ([U])
    });
    const none = await s.as('clerk', {
      method: 'POST',
      url: `${base}/months/2024-07/claims/1/claim-file`,
      payload: {},
    });
    expect(none.statusCode).toBe(404);
    expect(json<{ errors: { message: string }[] }>(none).errors[0]!.message).toBe(
      '2024-07の第1版が見つかりません',
    );
  });

  it('「伝送ファイルを作成」 on version 1: MS932 CSV with its name, the checker accepts it, the audit row keeps digest, version and who', async () => {
    const closed = await s.as('clerk', { method: 'POST', url: `${base}/months/2024-07/close` });
    expect(closed.statusCode).toBe(201);
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/months/2024-07/claims/1/claim-file`,
      payload: {},
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    const name = `K2407${s.a.number.slice(6, 9)}.CSV`;
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    const bytes = r.rawPayload;
    expect(r.headers['x-claim-file-sha256']).toBe(sha256(bytes));
    expect(r.headers['x-claim-file-statements']).toBe('3');
    const report = checkClaimFile(new Uint8Array(bytes), { codesFor: codesForMonth });
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({
      serviceMonth: '2024-07',
      submitted: '2024-08',
      officeNumber: s.a.number,
    });
    expect(report.summary!.statements).toEqual({ '7131': 2, '7132': 1 });

    const audit = json<AuditEntry[]>(
      await s.as('readonly', { method: 'GET', url: `${base}/audit?entity=claim_file` }),
    );
    const clerk = (await s.store.getUserByUsername('clerk'))!;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: clerk.id,
      action: 'create',
      after: { version: 1, fileName: name, sha256: sha256(bytes), submitted: '2024-08', statements: 3 },
    });

    // 審査月 chosen: the control record's item 11, and a new audit row.
    const later = await s.as('admin', {
      method: 'POST',
      url: `${base}/months/2024-07/claims/1/claim-file`,
      payload: { submitted: '2024-10' },
    });
    expect(later.statusCode).toBe(200);
    expect(later.rawPayload.toString('latin1').split('\r\n')[0]).toMatch(/,202410,1$/);
    expect(later.headers['x-claim-file-submitted']).toBe('2024-10');
  });

  it('the printed 請求書 and 明細書 of the version: HTML with its own CSP, one sheet per form, names from the records', async () => {
    const r = await s.as('readonly', { method: 'GET', url: `${base}/months/2024-07/claims/1/claim-forms` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.body.match(/<section class="sheet /g)).toHaveLength(4);
    expect(r.body).toContain('data-form="様式第二の二"');
    expect(r.body).toContain('青木 正雄');
    expect(r.body).toContain('居宅介護支援事業所 ねりま');
    expect(r.body).toContain(s.a.name);
  });

  it('a patient without a 保険者番号 (entered, month closed again): 422 naming the patient, the problems route says the same; nothing written', async () => {
    // A patient entered without it (as in an office that kept none before migration 0004).
    const p = await s.store.createPatient(
      s.a.id,
      {
        name: '遠藤 美代子',
        insuredNumber: '1300009999',
        birthDate: '1931-01-01',
        sex: 'female',
        certifications: [{ level: 'care1', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
      },
      SYSTEM_ACTOR,
    );
    await s.store.createVisit(
      s.a.id,
      { kind: 'kyotaku', patientId: p.id, date: '2024-07-10', profession: 'pharmacist', reported: true },
      SYSTEM_ACTOR,
    );
    expect((await s.as('clerk', { method: 'POST', url: `${base}/months/2024-07/close` })).statusCode).toBe(
      201,
    );
    const auditBefore = await s.store.listAudit(s.a.id, { entity: 'claim_file' });

    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/months/2024-07/claims/2/claim-file`,
      payload: {},
    });
    expect(r.statusCode, r.body).toBe(422);
    const errors = json<{
      errors: { path: string; message: string; patientId?: string; patientName?: string }[];
    }>(r).errors;
    expect(errors).toEqual([
      {
        path: `patients[${JSON.stringify(p.id)}].insured`,
        patientId: p.id,
        patientName: '遠藤 美代子',
        message:
          '利用者「遠藤 美代子」の被保険者証の保険者番号・被保険者番号（insured）がありません（伝送ファイルに必要です）',
      },
      {
        path: `patients[${JSON.stringify(p.id)}].carePlan`,
        patientId: p.id,
        patientName: '遠藤 美代子',
        message: expect.stringContaining('利用者「遠藤 美代子」の居宅サービス計画の作成者'),
      },
    ]);
    const check = json<ClaimFileCheck>(
      await s.as('readonly', { method: 'GET', url: `${base}/months/2024-07/claim-file/problems?version=2` }),
    );
    expect(check.source).toEqual({ kind: 'version', version: 2 });
    expect(check.problems).toEqual(errors);
    expect(check.statements).toBe(0);
    const forms = await s.as('clerk', { method: 'GET', url: `${base}/months/2024-07/claims/2/claim-forms` });
    expect(forms.statusCode).toBe(422);
    expect(await s.store.listAudit(s.a.id, { entity: 'claim_file' })).toEqual(auditBefore);
    // Version 1 still makes its file: a version is what it was when it was closed.
    const v1 = await s.as('clerk', {
      method: 'POST',
      url: `${base}/months/2024-07/claims/1/claim-file`,
      payload: {},
    });
    expect(v1.statusCode).toBe(200);
  });

  it('a wrong check digit of the 保険者番号 is refused where it is entered, at its field, in Japanese', async () => {
    const r = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/patients/${patients[0]!.id}`,
      payload: { insurerNumber: '131202' },
    });
    expect(r.statusCode).toBe(400);
    expect(json<{ errors: unknown[] }>(r).errors).toEqual([
      {
        path: 'insurerNumber',
        message:
          '"131202" は保険者番号の検証番号（6桁目）が合いません（被保険者証の保険者番号を確かめてください）',
      },
    ]);
    const plan = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/patients/${patients[0]!.id}`,
      payload: { carePlans: [{ maker: 'office', officeNumber: '1312005010', from: '2024-04-01' }] },
    });
    expect(plan.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(plan).errors.map((e) => e.path)).toEqual([
      'carePlans[0].officeNumber',
    ]);
    expect((await s.store.getPatient(s.a.id, patients[0]!.id))!.insurerNumber).toBe(NERIMA);
  });

  it('roles and offices: readonly may not make the file (403); a user of another office gets 404 on every claim-file route', async () => {
    const file = { method: 'POST' as const, url: `${base}/months/2024-07/claims/1/claim-file`, payload: {} };
    expect((await s.as('readonly', file)).statusCode).toBe(403);
    expect((await s.as(null, file)).statusCode).toBe(401);
    for (const req of [
      file,
      { method: 'GET' as const, url: `${base}/months/2024-07/claim-file/problems` },
      { method: 'GET' as const, url: `${base}/months/2024-07/claim-file/problems?version=1` },
      { method: 'GET' as const, url: `${base}/months/2024-07/claims/1/claim-forms` },
    ]) {
      const r = await s.as('clerkB', req);
      expect(r.statusCode, req.url).toBe(404);
      expect(r.body).not.toContain('青木');
    }
  });

  it('bad parameters: a 審査月 that is not a month is 400 naming it; an unknown body field is 400', async () => {
    const q = await s.as('clerk', {
      method: 'GET',
      url: `${base}/months/2024-07/claim-file/problems?submitted=2024-13`,
    });
    expect(q.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(q).errors[0]!.path).toBe('submitted');
    const b = await s.as('clerk', {
      method: 'POST',
      url: `${base}/months/2024-07/claims/1/claim-file`,
      payload: { submitted: '2024-08', name: 'x' },
    });
    expect(b.statusCode).toBe(400);
  });

  it('the OpenAPI document agrees: the patient fields in the body and the answer, the claim-file routes with their answers', async () => {
    const doc = json<{ paths: Record<string, Record<string, Record<string, unknown>>> }>(
      await s.app.inject({ method: 'GET', url: '/docs/json' }),
    );
    const post = JSON.stringify(doc.paths['/api/v1/offices/{officeId}/patients']!.post);
    for (const field of [
      'insurerNumber',
      'insuredNumber',
      'birthDate',
      'sex',
      'carePlans',
      'officeNumber',
      'maker',
    ])
      expect(post, field).toContain(`"${field}"`);
    const got = JSON.stringify(doc.paths['/api/v1/offices/{officeId}/patients/{patientId}']!.get);
    expect(got).toContain('"carePlans"');
    expect(got).toContain('"insurerNumber"');
    const problems = JSON.stringify(
      doc.paths['/api/v1/offices/{officeId}/months/{month}/claim-file/problems']!.get,
    );
    for (const field of ['patientId', 'patientName', 'statements', 'unconfirmedCodes', 'submitted'])
      expect(problems, field).toContain(`"${field}"`);
    expect(
      doc.paths['/api/v1/offices/{officeId}/months/{month}/claims/{version}/claim-file']!.post,
    ).toBeDefined();
  });
});
