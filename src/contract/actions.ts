// What the clerk must do about a visit the engine refuses, by the refusal's code: move the visit to another
// day (a limit, an interval, a stay: the earliest billable date says where), or fix a record (the patient's
// certification, residence or flags, the visit's tick boxes, the office). A missing report to the care
// manager (K24-2a) is its own task: send the report. The month close groups its problems this way.
import type { RejectionCode } from '../core/result.js';

export type ClerkAction = 'report' | 'move' | 'fix';

export const clerkActionJa: Record<ClerkAction, string> = {
  report: '情報提供書を送る',
  move: '訪問日を見直す',
  fix: '記録を直す',
};

/** The action for a refusal code (HISTORY is not a refusal of the month: undefined). */
export function actionOf(code: RejectionCode): ClerkAction | undefined {
  switch (code) {
    case 'HISTORY':
      return undefined;
    case 'NO_CARE_MANAGER_REPORT':
      return 'report';
    case 'DURING_STAY':
    case 'SAME_DAY':
    case 'MONTHLY_LIMIT':
    case 'WEEKLY_LIMIT':
    case 'DAILY_LIMIT':
    case 'INTERVAL':
      return 'move';
    case 'NOT_CERTIFIED':
    case 'NOT_HOMEBOUND':
    case 'FACILITY_RESIDENT':
    case 'NO_INSTRUCTION':
    case 'SECOND_PRACTITIONER':
    case 'OTHER_OFFICE':
    case 'NOT_IN_SCHEDULE':
    case 'NOT_COMBINABLE':
    case 'REQUIREMENT_NOT_MET':
    case 'CARE_INSURANCE_PRIORITY':
    case 'NO_RECENT_EXAM':
    case 'OTHER_INSTITUTION':
    case 'ROKEN_DAY_REHAB':
    case 'NO_PAYER':
      return 'fix';
  }
}

/** The refusal codes in the clerk's words (the close's checklist counts refusals by these). */
export const rejectionCodeJa: Record<RejectionCode, string> = {
  NOT_CERTIFIED: '認定がない・期間外',
  NOT_HOMEBOUND: '通院が可能',
  FACILITY_RESIDENT: '介護保険施設の入所者',
  DURING_STAY: '入院・短期入所中',
  NO_CARE_MANAGER_REPORT: 'ケアマネジャーへの情報提供がない',
  NO_INSTRUCTION: '医師・歯科医師の指示がない',
  SECOND_PRACTITIONER: '同じ月の2人目の担当者',
  OTHER_OFFICE: '他の事業所が算定',
  SAME_DAY: '同じ日の2回目',
  MONTHLY_LIMIT: '月の回数の上限',
  WEEKLY_LIMIT: '週の上限',
  DAILY_LIMIT: '1日の上限',
  INTERVAL: '間隔が短い',
  NOT_IN_SCHEDULE: '算定表にない',
  NOT_COMBINABLE: '併せて算定できない',
  REQUIREMENT_NOT_MET: '要件を満たしていない',
  CARE_INSURANCE_PRIORITY: '介護保険が優先',
  NO_RECENT_EXAM: '最近の診察がない',
  OTHER_INSTITUTION: '他の医療機関が算定',
  ROKEN_DAY_REHAB: '老健の通所リハと重なる',
  HISTORY: '前月までの記録',
  NO_PAYER: '支払う保険・公費がない',
};
