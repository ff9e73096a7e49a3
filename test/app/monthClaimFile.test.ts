// The claim file of an office's month from its closed version (claim-file.md), on both engines: the demo's
// July 2024 gives the very bytes `santei claim-file` writes for the example month it was seeded from, and
// its audit row; a re-closed month makes its file from the new version; the 審査月 is the clerk's. "Bad
// input": a patient without a 保険者番号, without a care-plan maker or without a certification period, and a
// 要支援 / 要介護 mismatch — the file is refused with every problem, each naming the patient (by name, with
// the patient's id), nothing written and nothing the clerk entered changed. The same problems are asked for
// before the close (the records now).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimFileName,
  claimFileProblems,
  closeMonth,
  isAppError,
  makeVersionClaimFile,
  versionClaimForms,
} from '../../src/app/index.js';
import { makeClaimFile, checkClaimFileBytes } from '../../src/app/claimFile.js';
import { canonicalJson, sha256Hex } from '../../src/app/monthInput.js';
import { ENGINE_VERSION } from '../../src/app/version.js';
import { withCheckDigit, withInsurerCheckDigit } from '../../src/contract/officeNumber.js';
import type { ClaimFileIssue } from '../../src/contract/api.js';
import type { Office, PatientInput } from '../../src/contract/types.js';
import { seedDemo } from '../../src/store/demo.js';
import type { KyselyStore, Store } from '../../src/store/index.js';
import { engines, newPharmacy } from '../store/engines.js';

const CLERK = 'user-clerk';
const NERIMA = withInsurerCheckDigit('13120');
const KYOTAKU = withCheckDigit('131200501');

function example(kind: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../../examples/demo-2024-07-${kind}.json`, import.meta.url), 'utf8'),
  );
}

async function refusal(p: Promise<unknown>): Promise<ClaimFileIssue[]> {
  try {
    await p;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e.problems as ClaimFileIssue[];
  }
  throw new Error('expected the claim file to be refused');
}

const complete = (name: string, n: number): PatientInput => ({
  name,
  insurerNumber: NERIMA,
  insuredNumber: String(1_300_000_000 + n),
  birthDate: '1935-02-02',
  sex: n % 2 ? 'female' : 'male',
  certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
  carePlans: [{ maker: 'office', officeNumber: KYOTAKU, from: '2024-04-01' }],
});

for (const engine of engines) {
  describe.skipIf(!engine.available)(`the month's claim file on ${engine.name}`, () => {
    let store: KyselyStore & Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await engine.open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    const office = (): Promise<Office> => newPharmacy(store, CLERK);

    async function visit(officeId: string, patientId: string, date: string): Promise<void> {
      await store.createVisit(
        officeId,
        { kind: 'kyotaku', patientId, date, profession: 'pharmacist', reported: true },
        CLERK,
      );
    }

    it.runIf(engine.name === 'sqlite')(
      'the demo: July 2024 closed gives the bytes of `santei claim-file` on the example month, audited; a re-close makes the next file',
      async () => {
        const demo = await seedDemo(store);
        for (const o of demo.offices) {
          const before = await claimFileProblems(store, o.id, '2024-07');
          expect(before).toMatchObject({ source: { kind: 'records' }, submitted: '2024-08', problems: [] });
          const closed = await closeMonth(store, o.id, '2024-07', CLERK);
          if (!closed.ok) throw new Error(JSON.stringify(closed.problems));
          const file = await makeVersionClaimFile(store, o.id, '2024-07', 1, {}, CLERK);
          const cli = makeClaimFile(example(o.kind));
          if (!cli.ok) throw new Error(cli.problems.join('\n'));
          expect(Buffer.from(file.bytes).equals(Buffer.from(cli.bytes))).toBe(true);
          expect(file.fileName).toBe(claimFileName(o.number, '2024-07'));
          expect(file.fileName).toMatch(/^[A-Z][0-9A-Z]{1,7}\.CSV$/);
          const checked = checkClaimFileBytes(file.bytes, example(o.kind));
          expect(checked.ok && checked.report.ok).toBe(true);
          const audit = await store.listAudit(o.id, { entity: 'claim_file' });
          expect(audit).toHaveLength(1);
          expect(audit[0]).toMatchObject({
            actor: CLERK,
            entityId: closed.version.id,
            action: 'create',
            after: {
              versionId: closed.version.id,
              version: 1,
              submitted: '2024-08',
              fileName: file.fileName,
              sha256: sha256Bytes(file.bytes),
              bytes: file.bytes.byteLength,
              statements: before.statements,
            },
          });
        }
        const pharmacy = demo.offices.find((o) => o.kind === 'pharmacy')!;
        expect(claimFileName(pharmacy.number, '2024-07')).toBe('K2407789.CSV');
        // 審査月 chosen by the clerk: control record item 11.
        const later = await makeVersionClaimFile(
          store,
          pharmacy.id,
          '2024-07',
          1,
          { submitted: '2024-09' },
          CLERK,
        );
        expect(Buffer.from(later.bytes).toString('latin1').split('\r\n')[0]).toMatch(/,202409,1$/);
        expect(
          (
            await refusal(
              makeVersionClaimFile(store, pharmacy.id, '2024-07', 1, { submitted: '2024-07' }, CLERK),
            )
          )[0]!.message,
        ).toContain('審査月 "2024-07" はサービス提供月 2024-07 より後の年月');
        // Re-closed: version 2, its own file and audit row.
        const again = await closeMonth(store, pharmacy.id, '2024-07', CLERK);
        if (!again.ok) throw new Error('re-close');
        const second = await makeVersionClaimFile(store, pharmacy.id, '2024-07', 2, {}, CLERK);
        const rows = await store.listAudit(pharmacy.id, { entity: 'claim_file' });
        expect(rows.map((r) => (r.after as { version: number }).version)).toEqual([2, 1, 1]);
        expect(rows[0]!.entityId).toBe(again.version.id);
        expect(second.record.versionId).toBe(again.version.id);
        // The printed forms of the version: one 明細書 per patient of the file, names from the records.
        const html = await versionClaimForms(store, pharmacy.id, '2024-07', 2, {});
        expect(html.match(/<section class="sheet /g)).toHaveLength(1 + second.record.statements);
        expect(html).toContain('ひまわり薬局 高円寺店');
        expect(html).toContain('居宅介護支援事業所 ねりま');
      },
    );

    it('Bad input: no 保険者番号, no care-plan maker, no end of the certification period — every problem listed with its patient, nothing written or changed', async () => {
      const o = await office();
      const ok = await store.createPatient(o.id, complete('青木 正雄', 1), CLERK);
      const { insurerNumber: _i, ...noInsurer } = complete('石川 和子', 2);
      const a = await store.createPatient(o.id, noInsurer, CLERK);
      const { carePlans: _c, ...noPlan } = complete('上田 清', 3);
      const b = await store.createPatient(o.id, noPlan, CLERK);
      const c = await store.createPatient(
        o.id,
        { ...complete('遠藤 美代子', 4), certifications: [{ level: 'care1', copay: 1, from: '2024-04-01' }] },
        CLERK,
      );
      for (const p of [ok, a, b, c]) await visit(o.id, p.id, '2024-07-10');
      const patientsBefore = await store.listPatients(o.id);

      // Before the close: the records now.
      const now = await claimFileProblems(store, o.id, '2024-07');
      expect(now.source).toEqual({ kind: 'records' });
      expect(now.statements).toBe(0);
      const expected = [
        {
          path: `patients[${JSON.stringify(a.id)}].insured`,
          patientId: a.id,
          patientName: '石川 和子',
          message:
            '利用者「石川 和子」の被保険者証の保険者番号・被保険者番号（insured）がありません（伝送ファイルに必要です）',
        },
        {
          path: `patients[${JSON.stringify(b.id)}].carePlan`,
          patientId: b.id,
          patientName: '上田 清',
          message: expect.stringMatching(
            /^利用者「上田 清」の居宅サービス計画の作成者（carePlan: .*がありません/,
          ),
        },
        {
          path: `patients[${JSON.stringify(c.id)}].care.to`,
          patientId: c.id,
          patientName: '遠藤 美代子',
          message: '利用者「遠藤 美代子」の認定有効期間の終了日がありません（伝送ファイルに必要です）',
        },
      ];
      expect(sortByPatient(now.problems)).toEqual(sortByPatient(expected));

      const closed = await closeMonth(store, o.id, '2024-07', CLERK);
      if (!closed.ok) throw new Error(JSON.stringify(closed.problems));
      const listed = await claimFileProblems(store, o.id, '2024-07', { version: 1 });
      expect(listed.source).toEqual({ kind: 'version', version: 1 });
      expect(sortByPatient(listed.problems)).toEqual(sortByPatient(expected));
      expect(
        sortByPatient(await refusal(makeVersionClaimFile(store, o.id, '2024-07', 1, {}, CLERK))),
      ).toEqual(sortByPatient(expected));
      await expect(versionClaimForms(store, o.id, '2024-07', 1, {})).rejects.toSatisfy(isAppError);
      expect(await store.listAudit(o.id, { entity: 'claim_file' })).toEqual([]);
      expect(await store.listPatients(o.id)).toEqual(patientsBefore);

      // Fixed on the patient's screen and closed again: the new version makes the file.
      await store.updatePatient(o.id, a.id, { insurerNumber: NERIMA }, CLERK);
      await store.updatePatient(o.id, b.id, { carePlans: [{ maker: 'self', from: '2024-04-01' }] }, CLERK);
      await store.updatePatient(
        o.id,
        c.id,
        { certifications: [{ level: 'care1', copay: 1, from: '2024-04-01', to: '2025-03-31' }] },
        CLERK,
      );
      expect((await claimFileProblems(store, o.id, '2024-07', { version: 1 })).problems).toHaveLength(3);
      const v2 = await closeMonth(store, o.id, '2024-07', CLERK);
      if (!v2.ok) throw new Error('re-close');
      const file = await makeVersionClaimFile(store, o.id, '2024-07', 2, {}, CLERK);
      expect(file.record.statements).toBe(4);
    });

    it('Bad input: a 要介護 patient on 34 (a version whose stored input and result disagree) names the patient and the certification', async () => {
      const o = await office();
      const p = await store.createPatient(o.id, complete('小川 茂', 5), CLERK);
      const s = await store.createPatient(
        o.id,
        {
          ...complete('加藤 節子', 6),
          certifications: [{ level: 'support1', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
        },
        CLERK,
      );
      await visit(o.id, p.id, '2024-07-03');
      await visit(o.id, s.id, '2024-07-03');
      const closed = await closeMonth(store, o.id, '2024-07', CLERK);
      if (!closed.ok) throw new Error('close');
      const input = structuredClone(closed.version.input);
      input.patients.find((x) => x.id === s.id)!.care!.level = 'care1';
      const inputJson = canonicalJson(input);
      await store.saveClaimVersion(
        o.id,
        {
          month: '2024-07',
          scheduleId: closed.version.scheduleId,
          engineVersion: ENGINE_VERSION,
          inputJson,
          inputDigest: sha256Hex(inputJson),
          input,
          result: closed.version.result,
          reportWarnings: [],
        },
        CLERK,
      );
      expect((await claimFileProblems(store, o.id, '2024-07', { version: 2 })).problems).toEqual([
        {
          path: `patients[${JSON.stringify(s.id)}].care.level`,
          patientId: s.id,
          patientName: '加藤 節子',
          message:
            '利用者「加藤 節子」は要介護1ですが、介護予防居宅療養管理指導（種類34）の請求です（要支援は種類34、要介護は種類31）',
        },
      ]);
    });

    it('a version closed before its lines carried service codes: the problem, and what to do (close again)', async () => {
      const o = await office();
      const p = await store.createPatient(o.id, complete('木村 勇', 7), CLERK);
      await visit(o.id, p.id, '2024-07-03');
      const closed = await closeMonth(store, o.id, '2024-07', CLERK);
      if (!closed.ok) throw new Error('close');
      const result = structuredClone(closed.version.result);
      for (const cl of result.claims) for (const l of cl.lines) delete l.code;
      const inputJson = canonicalJson(closed.version.input);
      await store.saveClaimVersion(
        o.id,
        {
          month: '2024-07',
          scheduleId: closed.version.scheduleId,
          engineVersion: '0.0.9',
          inputJson,
          inputDigest: sha256Hex(inputJson),
          input: closed.version.input,
          result,
          reportWarnings: [],
        },
        CLERK,
      );
      const problems = (await claimFileProblems(store, o.id, '2024-07', { version: 2 })).problems;
      expect(problems[0]!.message).toContain('サービスコードがありません');
      expect(problems.at(-1)!.message).toMatch(
        /^第2版.*この月をもう一度締めると、新しい版から伝送ファイルを作成できます$/,
      );
      expect((await claimFileProblems(store, o.id, '2024-07', { version: 1 })).problems).toEqual([]);
    });

    it("another office's version, a version that does not exist: not found", async () => {
      const o = await office();
      const other = await office();
      const p = await store.createPatient(o.id, complete('久保 幸子', 8), CLERK);
      await visit(o.id, p.id, '2024-07-03');
      const closed = await closeMonth(store, o.id, '2024-07', CLERK);
      if (!closed.ok) throw new Error('close');
      for (const [officeId, version] of [
        [other.id, 1],
        [o.id, 2],
      ] as const) {
        await expect(
          makeVersionClaimFile(store, officeId, '2024-07', version, {}, CLERK),
        ).rejects.toMatchObject({
          code: 'not_found',
        });
        await expect(claimFileProblems(store, officeId, '2024-07', { version })).rejects.toMatchObject({
          code: 'not_found',
        });
      }
      expect(await store.listAudit(other.id, { entity: 'claim_file' })).toEqual([]);
    });
  });
}

function sortByPatient<T extends { patientName?: string }>(list: readonly T[]): T[] {
  return [...list].sort((x, y) => (x.patientName ?? '').localeCompare(y.patientName ?? '', 'ja'));
}

function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
