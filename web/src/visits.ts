// Visits as a clerk reads them, and what the engine's month result says about each.
import type { ClaimMonthResult, Visit } from './api.js';
import type { Rejection } from '../../src/core/result.js';
import { professionJa, recordKindJa } from './format.js';

export function visitLabel(v: Visit): string {
  switch (v.kind) {
    case 'kyotaku':
      return `${professionJa[v.profession]}${v.online ? '（オンライン）' : ''}`;
    case 'c006':
      return `訪問リハ ${v.units}単位`;
    case 'home_rehab':
      return `訪問リハ ${v.minutes}分`;
    case 'home_help':
      return `訪問介護 ${v.category}`;
    case 'home_nursing':
      return '訪問看護';
    case 'care_management':
      return recordKindJa.care_management;
  }
}

export function visitDate(v: Visit): string | undefined {
  return 'date' in v ? v.date : undefined;
}

export interface VisitVerdict {
  status: 'billed' | 'refused' | 'partial' | 'unknown';
  rejections: Rejection[];
}

/** Billed, refused (the whole record) or partly refused (an addition or some units), by the month's result. */
export function verdictOf(result: ClaimMonthResult | undefined, id: string): VisitVerdict {
  if (!result) return { status: 'unknown', rejections: [] };
  const rejections = result.rejections.filter((r) => r.recordId === id && r.code !== 'HISTORY');
  const billed = result.claims.some((c) => c.lines.some((l) => l.recordIds.includes(id)));
  if (!billed && rejections.length > 0) return { status: 'refused', rejections };
  if (billed && rejections.length > 0) return { status: 'partial', rejections };
  return { status: billed ? 'billed' : 'unknown', rejections };
}
