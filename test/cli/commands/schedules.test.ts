// santei schedules: each schedule, its months per service and its sources.
import { describe, expect, it } from 'vitest';
import { schedules } from '../../../src/schedules/index.js';
import { serviceNames, type ServiceCoverage } from '../../../src/core/schedule.js';
import type { RecordKind } from '../../../src/core/input.js';
import { citationJa } from '../../../src/schedules/sources.js';
import { runCli as santei } from '../../support/cli.js';
import { englishIn } from '../../support/japanese.js';

describe('santei schedules', () => {
  it('lists every schedule with the months of each service and its sources', async () => {
    const r = await santei(['schedules']);
    expect(r.code).toBe(0);
    for (const s of schedules) {
      expect(r.out).toContain(`算定表 ${s.id}`);
      for (const [k, c] of Object.entries(s.services) as [RecordKind, ServiceCoverage<unknown>][]) {
        expect(r.out).toContain(
          `${serviceNames[k]}: ${c.months.from}〜${c.months.to}（出典: ${citationJa(c.source)}）`,
        );
      }
      for (const src of s.sources) expect(r.out).toContain(citationJa(src));
    }
    expect(r.out).toContain(
      '人件費割合70%: 訪問介護（11）・居宅介護支援（43）・介護予防支援（46））: 特別区 11.05円',
    );
  });

  it('is in Japanese: no English words, no seed file names (each seed by its title)', async () => {
    const r = await santei(['schedules']);
    expect(englishIn(r.out)).toEqual([]);
    expect(r.out).not.toMatch(/\.txt|seed/);
    expect(r.out).toContain('平成21年度介護報酬改定の概要 II-3-(1)、H21-5');
  });

  it('--json gives the same as data', async () => {
    const r = await santei(['schedules', '--json']);
    const list = JSON.parse(r.out) as {
      id: string;
      services: { service: string; from: string; to: string }[];
    }[];
    expect(list.map((s) => s.id)).toEqual(schedules.map((s) => s.id));
    const s2009 = list.find((s) => s.id === '2009-04')!;
    expect(s2009.services.every((x) => x.from === '2009-04' && x.to === '2012-03')).toBe(true);
  });

  it('an unknown option → exit 2, one Japanese line with the usage', async () => {
    const r = await santei(['schedules', '--all']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'santei schedules: 「--all」というオプションはありません。使い方: santei schedules [--json]\n',
    );
  });
});
