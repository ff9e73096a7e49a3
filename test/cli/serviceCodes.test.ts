// santei schedules shows each schedule's service codes and marks the unconfirmed ones (claim-file.md "Service
// codes": "keep that mark in the data and show it").
import { describe, expect, it } from 'vitest';
import { runCli as santei } from '../support/cli.js';
import { schedule2024 } from '../../src/schedules/2024-06/index.js';
import { schedule2009 } from '../../src/schedules/2009-04/index.js';
import { formatServiceCodes, UNCONFIRMED_MARK } from '../../src/cli/serviceCodes.js';

describe('santei schedules: service codes', () => {
  it('lists every R6 code with its units, marking type 34 and the second sets unconfirmed', async () => {
    const r = await santei(['schedules']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('    311224  薬剤師居宅療養Ⅱ１・特薬  618単位\n');
    expect(r.out).toContain(`    311255  薬剤師居宅療養Ⅱ２  518単位  ${UNCONFIRMED_MARK}\n`);
    expect(r.out).toContain(`    341223  予防薬剤師居宅療養Ⅱ１  518単位  ${UNCONFIRMED_MARK}\n`);
    expect(r.out).toContain('    318000  特別地域居宅療養管理指導加算  15%\n');
    expect(r.out).toContain('サービスコード: この算定表にはありません');
  });

  it('gives the reason of each unconfirmed mark once', () => {
    const text = formatServiceCodes(schedule2024);
    const reasons = text.slice(text.findIndex((l) => l.includes('の理由')) + 1);
    expect(reasons.length).toBe(2);
    expect(formatServiceCodes(schedule2009)).toHaveLength(1);
  });

  it('--json carries the codes with their status and source', async () => {
    const r = await santei(['schedules', '--json']);
    const list = JSON.parse(r.out) as { id: string; serviceCodes: { code: string; status: string }[] }[];
    const r6 = list.find((s) => s.id === '2024-06')!;
    expect(r6.serviceCodes.find((c) => c.code === '311111')).toMatchObject({ status: 'confirmed' });
    expect(r6.serviceCodes.find((c) => c.code === '341111')).toMatchObject({ status: 'unconfirmed' });
    expect(list.find((s) => s.id === '2009-04')!.serviceCodes).toEqual([]);
  });
});
