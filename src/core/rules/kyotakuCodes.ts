// The service codes of 居宅療養管理指導 (31) and 介護予防居宅療養管理指導 (34): what each code bills, and
// the look-up the rules (./kyotaku.ts) use to give every billed line its code. The codes themselves are
// schedule data (../../schedules/<revision>/kyotakuCodes.ts).
//
// How lines and codes meet (claim-file.md "Service codes"), in this one place:
// - a visit bills under the code of its item, column (単一建物居住者), code set and service type;
// - 麻薬管理指導加算 (+100, K24-6a) has no code of its own: a visit with it bills its base line under the
//   item's ・特薬 code, and the 100-unit line carries the same code, so that the claim file's 明細 record
//   of that code is the base and the 100 together per visit (e.g. 518 + 100 = 618 × 回数). The lines stay
//   two, as the contract's lines are by fee item (the worked examples expect the 100 as its own line);
// - 医療用麻薬持続注射療法加算 (250) and 在宅中心静脈栄養法加算 (150) have codes of their own;
// - a percentage addition (K24-6d/e/f) is one line a month under its code.
import type { Column } from '../labels.js';
import type { ServiceCode } from '../serviceCodes.js';
import type { KyotakuItemKey } from './kyotaku.js';

/**
 * The code table holds a second set of codes with the same units for some items (薬局の薬剤師, 管理栄養士,
 * 歯科衛生士等); which visits bill them is unconfirmed (see kyotaku.ts applyLimits).
 */
export type KyotakuCodeSet = 'regular' | 'special';
export type KyotakuVisitAddition = 'opioid_injection' | 'central_venous';
export type KyotakuPercentAddition = 'specialArea' | 'chusankanSmallOffice' | 'chusankanResident';

export type KyotakuCodeKey =
  | { kind: 'visit'; item: KyotakuItemKey; column: Column; set: KyotakuCodeSet; narcotic: boolean }
  | { kind: 'addition'; addition: KyotakuVisitAddition }
  | { kind: 'percent'; addition: KyotakuPercentAddition };

export type KyotakuServiceCode = ServiceCode<KyotakuCodeKey>;

type Index = Map<string, string>;
const indexes = new WeakMap<readonly KyotakuServiceCode[], Index>();

function keyOf(serviceType: string, k: KyotakuCodeKey): string {
  switch (k.kind) {
    case 'visit':
      return `${serviceType} visit ${k.item} ${k.column} ${k.set} ${k.narcotic ? 'narcotic' : 'plain'}`;
    case 'addition':
    case 'percent':
      return `${serviceType} ${k.kind} ${k.addition}`;
  }
}

function indexOf(codes: readonly KyotakuServiceCode[]): Index {
  let index = indexes.get(codes);
  if (!index) {
    index = new Map();
    for (const c of codes) {
      const key = keyOf(c.code.slice(0, 2), c.bills);
      if (index.has(key)) throw new Error(`two service codes bill ${key}: ${index.get(key)} and ${c.code}`);
      index.set(key, c.code);
    }
    indexes.set(codes, index);
  }
  return index;
}

/** The code a line of this key bills under, or undefined where the schedule has none. */
export function kyotakuCode(
  codes: readonly KyotakuServiceCode[] | undefined,
  serviceType: string,
  key: KyotakuCodeKey,
): string | undefined {
  return codes ? indexOf(codes).get(keyOf(serviceType, key)) : undefined;
}
