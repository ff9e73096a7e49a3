// Percentage additions of the 2009 care services (居宅介護支援, 訪問介護, 訪問看護, 訪問リハ):
// 特定事業所加算 (H21-4d is fixed units; H21-5b is a percentage) and the 中山間地域等 additions (H21-3a/3b).
// Each is a line of its own on the month's base, rounded half up once per line (M-1).
import type { EngineLine } from './service.js';
import { cite, type RuleId } from '../ruleRegistry.js';
import type { Cited } from '../schedule.js';
import { percentAdditionUnits } from '../money.js';

/** A percentage addition the schedule holds: the percent, its Japanese name and the rule that defines it. */
export interface PercentAddition extends Cited<number> {
  name: string;
  rule: RuleId;
}

/** H21-3a: the small-office addition, with the month's size limit (visits or real patients, inclusive). */
export interface SmallOfficeAddition extends PercentAddition {
  /** The largest monthly count that is still small (訪問介護 200 visits, 居宅介護支援 20 patients). */
  max: number;
  /** What is counted, in Japanese, for messages ("訪問回数", "実利用者数"). */
  counted: string;
  unit: string;
}

/**
 * The base of every percentage addition of these services, one place to change the reading: the month's
 * 基本 units (visit units, or the 居宅介護支援費 / 介護予防支援費) without the fixed-unit additions
 * (初回加算, 緊急時訪問介護加算, 医療連携加算 …) and without other percentage lines — percentages do not
 * compound (H21-3, H21-5b "of the 所定単位数"; the same reading as O1 for 居宅療養管理指導).
 */
export function percentBase(basicUnits: number): number {
  return basicUnits;
}

/** M-1: a percentage addition as its own line on the month's base; undefined when it rounds to 0. */
export function percentLine(
  item: string,
  add: PercentAddition,
  basicUnits: number,
  recordIds: readonly string[],
): EngineLine | undefined {
  const units = percentAdditionUnits(percentBase(basicUnits), add.value);
  if (units === 0) return undefined;
  return {
    item,
    name: add.name,
    unitsEach: units,
    count: 1,
    units,
    recordIds: [...recordIds],
    rule: cite(add.rule, 'M-1'),
  };
}
