// The 公費 numbers the engine's tests use, each with a right check digit (KOHI-9), and a 生活保護 entry.
import type { KohiEntry } from '../../src/core/input.js';

// 12 13 101 + 7: 1×2 + 2 + 1×2 + 3 + 1×2 + 0 + 1×2 = 13 → 10 − 3 = 7.
export const SEIHO = '12131017';
// 54 01 602 + 7: 5×2 → 1+0, 4, 0, 1, 6×2 → 1+2, 0, 2×2 = 13 → 7 (the worked example of a 難病 番号).
export const NANBYO = '54016027';
// 123456 + 6: from the right 6×2 → 1+2, 5, 4×2, 3, 2×2, 1 = 24 → 6.
export const RECIPIENT = '1234566';

/** A 生活保護 (法別12) entry from 2024-04-01 with its 本人支払額. */
export const seiho = (selfPayYen = 0, over: Partial<KohiEntry> = {}): KohiEntry => ({
  law: '12',
  payerNumber: SEIHO,
  recipientNumber: RECIPIENT,
  from: '2024-04-01',
  selfPayYen,
  ...over,
});
