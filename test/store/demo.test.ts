// The demo seed (npm start on a fresh data folder): two offices, 35 patients (a 生活保護 and a 指定難病 patient among them), a building with 12
// residents, users admin and clerk; closing 2024-07 from the records gives exactly what the engine
// gives for the example months it was made from, refusals included — at both offices with `reported`
// derived from the seeded reports to the care manager (K24-2a), whose audit-risk warnings show at the close.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeMonth, monthInput } from '../../src/app/index.js';
import { calculate } from '../../src/santei.js';
import { missingParts } from '../../src/core/reports.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/store/demo.js';
import { engines } from './engines.js';

const sqlite = engines.find((e) => e.name === 'sqlite')!;

function example(file: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'));
}

describe('demo seed', () => {
  it('seeds the offices, users and the month, and the close equals the engine on the example months', async () => {
    const { store, dispose } = await sqlite.open();
    try {
      const demo = await seedDemo(store);
      expect(demo.username).toBe('admin');
      expect(demo.password).toBe(DEMO_PASSWORD);
      expect((await store.verifyPassword('admin', 'santei-demo'))?.role).toBe('admin');
      expect((await store.verifyPassword('clerk', 'santei-demo'))?.role).toBe('clerk');
      const offices = await store.listOffices();
      expect(offices.map((o) => o.kind).sort()).toEqual(['clinic', 'pharmacy']);
      let patients = 0;
      let biggest = 0;
      for (const o of offices) {
        const list = await store.listPatients(o.id);
        patients += list.length;
        const perBuilding = new Map<string, number>();
        for (const p of list)
          for (const r of p.residences)
            if (r.buildingId) perBuilding.set(r.buildingId, (perBuilding.get(r.buildingId) ?? 0) + 1);
        biggest = Math.max(biggest, ...perBuilding.values());
        expect(list.every((p) => p.name.length > 1 && p.kana)).toBe(true);
      }
      expect(patients).toBe(35);
      expect(biggest).toBe(12);

      const files: Record<string, string> = {
        clinic: 'demo-2024-07-clinic.json',
        pharmacy: 'demo-2024-07-pharmacy.json',
      };
      for (const o of offices) {
        const closed = await closeMonth(store, o.id, demo.month, 'admin');
        if (!closed.ok) throw new Error(JSON.stringify(closed.problems));
        const direct = calculate(example(files[o.kind]!));
        if (!direct.ok) throw new Error(JSON.stringify(direct.problems));
        expect(closed.version.result.totals).toEqual(direct.result.totals);
        const codes = (r: { code: string }[]) => r.map((x) => x.code).sort();
        expect(codes(closed.version.result.rejections)).toEqual(codes(direct.result.rejections));
        expect(closed.version.result.rejections.some((r) => r.code !== 'HISTORY')).toBe(true);
        const warnings = closed.version.reportWarnings.map((w) => w.code);
        // K24-2a: both offices bill the demo month on the report records, not on the visits' flags
        expect(o.reportsRequiredFrom).toBe('2024-06');
        const reports = await store.listReports(o.id, { month: demo.month });
        const covered = new Set(reports.flatMap((r) => r.visitIds));
        const visits = await store.listVisits(o.id, { month: demo.month, kind: 'kyotaku' });
        expect(visits.length).toBeGreaterThan(0);
        expect(visits.filter((v) => !covered.has(v.id))).toEqual([]); // every kyotaku visit has its report
        const input = await monthInput(store, o.id, demo.month);
        for (const r of input.records) {
          if (r.kind !== 'kyotaku' || !r.date.startsWith(demo.month)) continue;
          // the flag the engine sees is the report's verdict: reportIssue exactly when not reported
          expect(r.reported, r.id).toBe(r.reportIssue === undefined);
        }
        if (o.kind === 'clinic') {
          // K24-2a: the one report refusal comes from the record (a part left empty), not from a flag
          const refusal = closed.version.result.rejections.filter((r) => r.code === 'NO_CARE_MANAGER_REPORT');
          expect(refusal).toHaveLength(1);
          expect(refusal[0]!.message).toContain('「緊急時の対応方法」');
          expect(warnings).toEqual(['REPEATED_TEXT']);
          // the patient without a care manager reports to the 地域包括支援センター (seed 002)
          const patients = await store.listPatients(o.id);
          const selfPlan = patients.filter((p) => !p.careManagerName);
          expect(selfPlan).toHaveLength(1);
          expect(reports.find((r) => r.patientId === selfPlan[0]!.id)?.recipient.kind).toBe(
            'community_center',
          );
        } else {
          // the pharmacy: one complete report per visit, sent on the visit day; every visit reported by
          // its record, and the one stock-phrase report warned (it still bills: its parts are filled)
          expect(reports).toHaveLength(29);
          expect(reports.filter((r) => missingParts(r).length > 0)).toEqual([]);
          const billed = input.records.filter((r) => r.kind === 'kyotaku' && r.date.startsWith(demo.month));
          expect(billed.every((r) => r.kind === 'kyotaku' && r.reported)).toBe(true);
          expect(closed.version.result.rejections.map((r) => r.code)).not.toContain('NO_CARE_MANAGER_REPORT');
          expect(warnings).toEqual(['STOCK_PHRASE']);
        }
      }
    } finally {
      await dispose();
    }
  });
});
