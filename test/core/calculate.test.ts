// The orchestrator: a month far larger than any office's still completes (no call-stack limits).
import { describe, expect, it } from 'vitest';
import { calculateMonth } from '../../src/core/calculate.js';
import type { ClaimMonthInput } from '../../src/core/input.js';
import { schedule2024 } from '../../src/schedules/2024-06/index.js';

describe('contract: every record accounted for, however many', () => {
  it('K24-1a 200,000 visits of an uncertified patient: 200,000 NOT_CERTIFIED rejections, no crash', () => {
    const n = 200_000;
    const input: ClaimMonthInput = {
      month: '2024-07',
      office: { id: '1342007893', kind: 'pharmacy' },
      patients: [{ id: 'P1' }],
      records: Array.from({ length: n }, (_, i) => ({
        kind: 'kyotaku' as const,
        id: `V${i}`,
        patientId: 'P1',
        date: '2024-07-01',
        profession: 'pharmacist' as const,
        reported: true,
      })),
    };
    const result = calculateMonth(input, schedule2024);
    expect(result.rejections).toHaveLength(n);
    expect(result.rejections.every((r) => r.code === 'NOT_CERTIFIED')).toBe(true);
    expect(result.claims).toEqual([]);
  });
});
