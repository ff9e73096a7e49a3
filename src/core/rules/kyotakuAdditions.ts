// 居宅療養管理指導: the per-visit additions (K24-6a/b/c) — which of those a visit asks for it bills, and why
// the others are refused. Their lines, and the service codes they carry, are made by ./kyotaku.ts.
import type { KyotakuVisit } from '../input.js';
import { cite, type RuleId } from '../ruleRegistry.js';
import { additionJa } from '../labels.js';
import type { Refusal } from './refusals.js';
import type { KyotakuItemKey, KyotakuTable } from './kyotaku.js';

/** What the additions read of a visit. */
export interface AdditionVisit {
  rec: KyotakuVisit;
  itemKey: KyotakuItemKey;
  group: string;
}

export type VisitAddition = 'narcotic' | 'opioid_injection' | 'central_venous';

export const additionRule: Record<VisitAddition, RuleId> = {
  narcotic: 'K24-6a',
  opioid_injection: 'K24-6b',
  central_venous: 'K24-6c',
};

/**
 * K24-6a/b/c: the per-visit additions the visit bills, each to be its own line (undefined when it asks
 * for none); refusals name the addition.
 */
export function visitAdditions(
  v: AdditionVisit,
  data: KyotakuTable,
  refuse: (r: Refusal) => void,
): VisitAddition[] | undefined {
  if (!v.rec.additions?.length) return undefined;
  const billed: VisitAddition[] = [];
  const asked = new Set(v.rec.additions);
  const pharmacy = v.itemKey === 'pharmacist_pharmacy';
  for (const a of asked) {
    const add = data.additions[a];
    const rule = cite(additionRule[a]);
    if (!add) {
      refuse({
        code: 'NOT_IN_SCHEDULE',
        addition: a,
        rule,
        message: `この算定表には${additionJa[a]}がありません${notHeldWhy(data, a)}。`,
      });
      continue;
    }
    // Contract: the visit is billed, so a refused addition is the part of the record not billed: its units.
    const partial = { addition: a, units: add.value };
    if (v.rec.online) {
      refuse({
        ...partial,
        code: 'REQUIREMENT_NOT_MET',
        rule,
        message: `${add.name}は情報通信機器を用いた訪問には算定できません。`,
      });
      continue;
    }
    const allowed = a === 'narcotic' ? v.group === 'pharmacist' : pharmacy;
    if (!allowed) {
      refuse({
        ...partial,
        code: 'REQUIREMENT_NOT_MET',
        rule,
        message: `${add.name}は${a === 'narcotic' ? '薬剤師' : '薬局の薬剤師'}の居宅療養管理指導にのみ算定できます。`,
      });
      continue;
    }
    // K24-6b: 医療用麻薬持続注射療法加算 and 麻薬管理指導加算 are not combined on one visit: bill 250 — where
    // the 250 can be billed (薬局の薬剤師); a hospital or clinic pharmacist keeps the 100 (K24-6a).
    if (a === 'narcotic' && asked.has('opioid_injection') && data.additions.opioid_injection && pharmacy) {
      refuse({
        ...partial,
        code: 'NOT_COMBINABLE',
        rule: cite('K24-6b'),
        message: `${add.name}は同じ訪問で${data.additions.opioid_injection.name}と併せて算定できないため、${data.additions.opioid_injection.name}のみ算定します。`,
      });
      continue;
    }
    billed.push(a);
  }
  return billed;
}

/** K24-6a/b/c: the schedule's reason for not holding an addition, for the refusal ("（…）"), if it has one. */
function notHeldWhy(data: KyotakuTable, a: VisitAddition): string {
  const why = data.additionsNotHeld?.[a];
  return why ? `（${why.value}）` : '';
}
