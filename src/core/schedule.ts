// A fee schedule is dated, cited data (like an OpenFisca parameter file): which service months and
// services it covers, and for each service the units, limits and additions with their sources.
// The rules that read the data live in ./rules/; the data lives in ../schedules/<revision>/.
import type { CopayRate, Region, RecordKind } from './input.js';
import type { UnitPriceHundredths } from './money.js';
import type { KyotakuTable } from './rules/kyotaku.js';
import type { C006Table } from './rules/c006.js';
import type { CareManagementTable } from './rules/careManagement.js';
import type { HomeHelpTable, HomeNursingTable, HomeRehabTable } from './rules/homeServices.js';
import type { KohiTable } from './kohi.js';

/** A value with the text it comes from: 告示 / 通知 / seed file name. */
export interface Cited<T> {
  value: T;
  source: string;
}

/** Inclusive service months, "YYYY-MM". */
export interface MonthSpan {
  from: string;
  to: string;
}

export interface ServiceCoverage<D> {
  months: MonthSpan;
  source: string;
  data: D;
}

export interface ScheduleServices {
  kyotaku?: ServiceCoverage<KyotakuTable>;
  c006?: ServiceCoverage<C006Table>;
  care_management?: ServiceCoverage<CareManagementTable>;
  home_help?: ServiceCoverage<HomeHelpTable>;
  home_nursing?: ServiceCoverage<HomeNursingTable>;
  home_rehab?: ServiceCoverage<HomeRehabTable>;
}

/** 人件費割合 groups of the 地域区分 table (H21-2); 'flat' = 10.00 円 in every region. */
export type LaborShareGroup = '70' | '55' | '45' | 'flat';

export interface Schedule {
  id: string;
  title: string;
  sources: string[];
  /** Copay rates (割) that exist in this schedule's months (M-7). */
  copayRates: Cited<CopayRate[]>;
  /** 単位数単価 by 人件費割合 group and 地域区分 (M-3, H21-2), integer hundredths of a yen. */
  unitPrices: Cited<Record<LaborShareGroup, Record<Region, UnitPriceHundredths>>>;
  /** Which 人件費割合 group each care service type belongs to (H21-2). */
  laborShareGroups: Cited<Record<string, LaborShareGroup>>;
  services: ScheduleServices;
  /**
   * The 公費 table (docs/kohi.md §4, ../schedules/kohi/): dated by its own rows. Without it, a patient's
   * 公費 entry in force is an input error (KOHI-1), never a default.
   */
  kohi?: KohiTable;
}

export const serviceNames: Record<RecordKind, string> = {
  kyotaku: '居宅療養管理指導',
  c006: '在宅患者訪問リハビリテーション指導管理料（C006）',
  care_management: '居宅介護支援・介護予防支援',
  home_help: '訪問介護',
  home_nursing: '訪問看護',
  home_rehab: '訪問リハビリテーション',
};

export function covers(span: MonthSpan, month: string): boolean {
  return span.from <= month && month <= span.to;
}

/** The months a schedule covers for any service, as one span per service. */
export function scheduleSpans(schedule: Schedule): MonthSpan[] {
  return Object.values(schedule.services).map((s: ServiceCoverage<unknown>) => s.months);
}

export function scheduleCoversMonth(schedule: Schedule, month: string): boolean {
  return scheduleSpans(schedule).some((s) => covers(s, month));
}

/** M-3 / H21-2: the yen per unit of a care service type in the office's region. */
export function careUnitPrice(schedule: Schedule, serviceType: string, region: Region): UnitPriceHundredths {
  const group = schedule.laborShareGroups.value[serviceType] ?? 'flat';
  return schedule.unitPrices.value[group][region];
}
