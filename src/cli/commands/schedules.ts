// santei schedules: every fee schedule santei holds, the service months of each of its services and the
// texts it cites.
import { parseArgs } from 'node:util';
import type { RecordKind } from '../../core/input.js';
import { unitPriceToNumber } from '../../core/money.js';
import { serviceNames, type Schedule, type ServiceCoverage } from '../../core/schedule.js';
import { schedules as registry } from '../../schedules/index.js';
import { writeErr, writeOut } from '../io.js';
import { describeServiceCodes, formatServiceCodes } from '../serviceCodes.js';

const USAGE = '使い方: santei schedules [--json]\n';

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

/** The schedules as Japanese text. */
export function formatSchedules(list: readonly Schedule[] = registry): string {
  const out: string[] = [];
  for (const s of list) {
    out.push(`算定表 ${s.id}  ${s.title}`);
    out.push('  サービスと提供月:');
    for (const r of services(s)) out.push(`    ${r.name}: ${r.from}〜${r.to}（出典: ${r.source}）`);
    out.push(`  負担割合: ${s.copayRates.value.map((c) => `${c}割`).join('・')}（${s.copayRates.source}）`);
    const groups = new Set(Object.values(s.laborShareGroups.value));
    for (const g of ['70', '55', '45', 'flat'] as const) {
      if (!groups.has(g)) continue;
      const types = Object.entries(s.laborShareGroups.value)
        .filter(([, x]) => x === g)
        .map(([t]) => t)
        .join('・');
      const prices = (Object.keys(regionJa) as (keyof typeof regionJa)[])
        .map((r) => `${regionJa[r]} ${unitPriceToNumber(s.unitPrices.value[g][r]).toFixed(2)}`)
        .join('  ');
      out.push(`  単位数単価（${groupJa[g]}、種類${types}）: ${prices} 円`);
    }
    out.push(`    出典: ${s.unitPrices.source}`);
    out.push(...formatServiceCodes(s));
    out.push('  出典:');
    for (const src of s.sources) out.push(`    ${src}`);
    out.push('');
  }
  return out.join('\n');
}

export async function schedulesCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: false, options: { json: { type: 'boolean' } } });
  } catch (e) {
    writeErr(`santei schedules: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  writeOut(parsed.values.json ? JSON.stringify(describeSchedules()) + '\n' : formatSchedules());
  return 0;
}
