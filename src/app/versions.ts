// What changed from one claim version of an office's month to another, per patient: amounts, the claims
// that appear or disappear, the refusals added or removed.
import type { ClaimMonthResult } from '../core/result.js';
import type { ClaimVersionWithDiff } from '../contract/api.js';
import type {
  ClaimVersion,
  PatientAmounts,
  PatientDiff,
  RejectionKey,
  VersionDiff,
} from '../contract/types.js';
import type { Store } from '../store/index.js';
import { notFound } from './errors.js';

/** What changed per patient from version `a` to version `b` of the office's month. */
export async function diffVersions(
  store: Store,
  officeId: string,
  month: string,
  a: number,
  b: number,
): Promise<VersionDiff> {
  const [x, y] = await Promise.all([
    store.getClaimVersion(officeId, month, a),
    store.getClaimVersion(officeId, month, b),
  ]);
  if (!x) throw notFound(`${month}の第${a}版`);
  if (!y) throw notFound(`${month}の第${b}版`);
  return {
    officeId,
    month,
    fromVersion: a,
    toVersion: b,
    inputChanged: x.inputDigest !== y.inputDigest,
    totals: { from: { ...x.result.totals }, to: { ...y.result.totals } },
    patients: diffResults(x.result, y.result),
  };
}

/** The version with what changed from the version before it (none for version 1). */
export async function withDiff(store: Store, v: ClaimVersion): Promise<ClaimVersionWithDiff> {
  return {
    ...v,
    diff: v.version > 1 ? await diffVersions(store, v.officeId, v.month, v.version - 1, v.version) : null,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const zero = (): PatientAmounts => ({ units: 0, yen: 0, insurer: 0, copay: 0 });

interface PatientSide {
  amounts: PatientAmounts;
  claims: Set<string>;
  rejections: Map<string, RejectionKey>;
}

function sides(result: ClaimMonthResult): Map<string, PatientSide> {
  const out = new Map<string, PatientSide>();
  const get = (id: string): PatientSide => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { amounts: zero(), claims: new Set(), rejections: new Map() }));
    return s;
  };
  for (const c of result.claims) {
    const s = get(c.patientId);
    s.amounts.units += c.units;
    s.amounts.yen += c.yen;
    s.amounts.insurer += c.insurer;
    s.amounts.copay += c.copay;
    s.claims.add(`${c.insurance}:${c.serviceType}`);
  }
  for (const r of result.rejections) {
    const key: RejectionKey = { recordId: r.recordId, code: r.code, rule: r.rule, message: r.message };
    if (r.addition !== undefined) key.addition = r.addition;
    get(r.patientId).rejections.set(`${r.recordId}|${r.code}|${r.addition ?? ''}|${r.rule}`, key);
  }
  return out;
}

function sameAmounts(a: PatientAmounts, b: PatientAmounts): boolean {
  return a.units === b.units && a.yen === b.yen && a.insurer === b.insurer && a.copay === b.copay;
}

export function diffResults(from: ClaimMonthResult, to: ClaimMonthResult): PatientDiff[] {
  const a = sides(from);
  const b = sides(to);
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort(cmp);
  const out: PatientDiff[] = [];
  const empty: PatientSide = { amounts: zero(), claims: new Set(), rejections: new Map() };
  for (const id of ids) {
    const x = a.get(id) ?? empty;
    const y = b.get(id) ?? empty;
    const d: PatientDiff = {
      patientId: id,
      from: { ...x.amounts },
      to: { ...y.amounts },
      claimsAdded: [...y.claims].filter((c) => !x.claims.has(c)).sort(cmp),
      claimsRemoved: [...x.claims].filter((c) => !y.claims.has(c)).sort(cmp),
      rejectionsAdded: [...y.rejections].filter(([k]) => !x.rejections.has(k)).map(([, r]) => r),
      rejectionsRemoved: [...x.rejections].filter(([k]) => !y.rejections.has(k)).map(([, r]) => r),
    };
    const changed =
      !sameAmounts(d.from, d.to) ||
      d.claimsAdded.length > 0 ||
      d.claimsRemoved.length > 0 ||
      d.rejectionsAdded.length > 0 ||
      d.rejectionsRemoved.length > 0;
    if (changed) out.push(d);
  }
  return out;
}
