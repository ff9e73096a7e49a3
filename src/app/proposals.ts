// Copying last month's pattern (POST …/visits/check-all): the proposed visits are checked together with the
// month's saved visits in one engine run, so that each proposal gets the limits, intervals and column the
// month will give it — three visits of one patient in one week are not each "billable" alone, and a copy of
// last month's 5th visit meets this month's 月4回 (K24-5a). K24-2a is set aside as in the month's review
// (asIfReported): a proposal of a month billed on the reports says that it will need its report.
import { calculateMonth } from '../core/calculate.js';
import { monthOf } from '../core/dates.js';
import type { ServiceRecord } from '../core/input.js';
import type { ProposalsAnswer } from '../contract/api.js';
import { referenceProblems } from '../contract/references.js';
import { visitBilledOnReports } from '../contract/reportsRequired.js';
import { proposalsInputSchema } from '../contract/schemas.js';
import type { Patient, Staff, VisitInput } from '../contract/types.js';
import { parseOrThrow, StoreError, type Store } from '../store/index.js';
import { notFound } from './errors.js';
import { asIfReported, enginePatient } from './monthInput.js';
import { monthRecordsAndInput } from './months.js';
import { reportPending } from './planning.js';
import { preparedOrThrow } from './problems.js';
import { verdictIn } from './review.js';

/** The id a proposal has in the engine run: never a stored visit's. */
const proposalId = (i: number) => `__proposal_${i}__`;

export async function checkProposals(store: Store, officeId: string, raw: unknown): Promise<ProposalsAnswer> {
  const { visits: proposals } = parseOrThrow(proposalsInputSchema, raw, '訪問の提案');
  const office = await store.getOffice(officeId);
  if (!office) throw notFound('事業所');
  const dates = proposals.map((v) => ('date' in v ? v.date : undefined));
  const month = dates[0] === undefined ? undefined : monthOf(dates[0]);
  const problems = dates.flatMap((d, i) =>
    d === undefined || monthOf(d) !== month
      ? [{ path: `visits[${i}].date`, message: '提案はすべて同じ月の日付のある訪問にしてください' }]
      : [],
  );
  const patients = new Map<string, Patient | null>();
  const staff = new Map<string, Staff | null>();
  for (const v of proposals) {
    if (!patients.has(v.patientId)) patients.set(v.patientId, await store.getPatient(officeId, v.patientId));
    if (v.kind === 'kyotaku' && v.staffId !== undefined && !staff.has(v.staffId))
      staff.set(v.staffId, await store.getStaff(officeId, v.staffId));
  }
  proposals.forEach((v, i) => {
    problems.push(
      ...referenceProblems(
        v.kind === 'kyotaku'
          ? { patientId: v.patientId, staffId: v.staffId, profession: v.profession }
          : { patientId: v.patientId },
        { hasPatient: (id) => Boolean(patients.get(id)), staff: (id) => staff.get(id) ?? undefined },
        { what: '訪問', professionPath: 'profession', prefix: ['visits', i] },
      ),
    );
  });
  if (problems.length || month === undefined)
    throw new StoreError('invalid', '訪問の提案に誤りがあります', problems);

  const { records, input, names } = await monthRecordsAndInput(store, officeId, month);
  const buildings = new Map(records.buildings.map((b) => [b.id, b]));
  for (const p of patients.values()) {
    if (!p || input.patients.some((x) => x.id === p.id)) continue;
    input.patients.push(enginePatient(p, buildings, month));
    names.set(p.id, p.name);
  }
  const base = preparedOrThrow(asIfReported(input, office), names);
  const staffNames = new Map(
    [...records.staff, ...[...staff.values()].filter((s): s is Staff => s !== null)].map((s) => [
      s.id,
      s.name,
    ]),
  );
  const proposed: ServiceRecord[] = proposals.map((v, i) => toRecord(v, proposalId(i), staffNames));
  // In date order; on one day the saved visits first (O5: of two visits of one day the one entered first).
  const day = (r: ServiceRecord) => ('date' in r ? r.date : `${r.month ?? month}-00`);
  const merged = [
    ...base.input.records.map((r, i) => ({ r, k: 0, i })),
    ...proposed.map((r, i) => ({ r, k: 1, i })),
  ]
    .sort((a, b) => (day(a.r) < day(b.r) ? -1 : day(a.r) > day(b.r) ? 1 : a.k - b.k || a.i - b.i))
    .map((x) => x.r);
  const withAll = preparedOrThrow(asIfReported({ ...input, records: merged }, office), names);
  const before = calculateMonth(base.input, base.schedule);
  const after = calculateMonth(withAll.input, withAll.schedule);
  const billedBefore = new Set(before.claims.flatMap((c) => c.lines.flatMap((l) => l.recordIds)));
  const displaced = after.rejections
    .filter(
      (r) =>
        billedBefore.has(r.recordId) &&
        r.addition === undefined &&
        r.units === undefined &&
        r.code !== 'HISTORY' &&
        !r.recordId.startsWith('__proposal_'),
    )
    .map((r) => r.recordId);
  const verdicts = proposals.map((v, i) => {
    const verdict = verdictIn(after, proposalId(i));
    const date = dates[i]!;
    return {
      status: verdict.status,
      column: verdict.column,
      columnName: verdict.columnName,
      lines: verdict.lines,
      rejections: verdict.rejections,
      ...(visitBilledOnReports(office, { kind: v.kind, date }) ? { reportPending: reportPending(date) } : {}),
    };
  });
  return { verdicts, displaces: [...new Set(displaced)] };
}

function toRecord(v: VisitInput, id: string, staffNames: ReadonlyMap<string, string>): ServiceRecord {
  const rec = { ...v, id } as ServiceRecord;
  if (rec.kind === 'kyotaku' && rec.staffId !== undefined) {
    const name = staffNames.get(rec.staffId);
    if (name !== undefined) return { ...rec, staffName: name };
  }
  return rec;
}
