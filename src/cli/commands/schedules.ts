// santei schedules: every fee schedule santei holds, the service months of each of its services and the
// texts it cites.
import type { RecordKind } from '../../core/input.js';
import { unitPriceToNumber } from '../../core/money.js';
import { serviceNames, type Schedule, type ServiceCoverage } from '../../core/schedule.js';
import { schedules as registry } from '../../schedules/index.js';
import { citationJa } from '../../schedules/sources.js';
import { serviceTypeJa } from '../../core/labels.js';
import { parseOptions } from '../args.js';
import { writeOut } from '../io.js';
import { describeServiceCodes, formatServiceCodes } from '../serviceCodes.js';

const USAGE = '使い方: santei schedules [--json]';

const regionJa = {
  tokubetsu_ku: '特別区',
  tokko: '特甲地',
  ko: '甲地',
  otsu: '乙地',
  other: 'その他',
} as const;
const groupJa = {
  '70': '人件費割合70%',
  '55': '人件費割合55%',
  '45': '人件費割合45%',
  flat: '地域差なし',
} as const;

interface ServiceSummary {
  service: RecordKind;
  name: string;
  from: string;
  to: string;
  source: string;
}

function services(s: Schedule): ServiceSummary[] {
  return Object.entries(s.services).map(([k, cov]: [string, ServiceCoverage<unknown>]) => ({
    service: k as RecordKind,
    name: serviceNames[k as RecordKind],
    from: cov.months.from,
    to: cov.months.to,
    source: cov.source,
  }));
}

/** The schedules as plain data (for --json and for tests). */
export function describeSchedules(list: readonly Schedule[] = registry): object[] {
  return list.map((s) => ({
    id: s.id,
    title: s.title,
    sources: s.sources,
    copayRates: s.copayRates.value,
    services: services(s),
    unitPrices: Object.fromEntries(
      Object.entries(s.unitPrices.value).map(([g, byRegion]) => [
        g,
        Object.fromEntries(Object.entries(byRegion).map(([r, p]) => [r, unitPriceToNumber(p)])),
      ]),
    ),
    unitPricesSource: s.unitPrices.source,
    serviceCodes: describeServiceCodes(s),
  }));
}

/** The service types of a labour-share group, by name ("訪問介護（11）・居宅介護支援（43）"). */
function typeNames(types: string[]): string {
  return types.map((t) => `${serviceTypeJa[t] ?? '種類'}（${t}）`).join('・');
}

/** The schedules as Japanese text: every source by its Japanese title (citationJa), no file names. */
export function formatSchedules(list: readonly Schedule[] = registry): string {
  const out: string[] = [];
  for (const s of list) {
    out.push(`算定表 ${s.id}  ${s.title}`);
    out.push('  サービスと提供月:');
    for (const r of services(s))
      out.push(`    ${r.name}: ${r.from}〜${r.to}（出典: ${citationJa(r.source)}）`);
    out.push(
      `  負担割合: ${s.copayRates.value.map((c) => `${c}割`).join('・')}（${citationJa(s.copayRates.source)}）`,
    );
    const groups = new Set(Object.values(s.laborShareGroups.value));
    for (const g of ['70', '55', '45', 'flat'] as const) {
      if (!groups.has(g)) continue;
      const types = Object.entries(s.laborShareGroups.value)
        .filter(([, x]) => x === g)
        .map(([t]) => t);
      const prices = (Object.keys(regionJa) as (keyof typeof regionJa)[])
        .map((r) => `${regionJa[r]} ${unitPriceToNumber(s.unitPrices.value[g][r]).toFixed(2)}円`)
        .join('  ');
      out.push(`  1単位の単価（${groupJa[g]}: ${typeNames(types)}）: ${prices}`);
    }
    out.push(`    出典: ${citationJa(s.unitPrices.source)}`);
    out.push(...formatServiceCodes(s));
    out.push('  出典:');
    for (const src of s.sources) out.push(`    ${citationJa(src)}`);
    out.push('');
  }
  return out.join('\n');
}

export async function schedulesCommand(args: string[]): Promise<number> {
  const parsed = parseOptions('schedules', args, { json: { type: 'boolean' } }, USAGE, false);
  if (!parsed) return 2;
  writeOut(parsed.values.json ? JSON.stringify(describeSchedules()) + '\n' : formatSchedules());
  return 0;
}
