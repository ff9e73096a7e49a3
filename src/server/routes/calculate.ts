// POST /api/v1/calculate: the stateless contract (../shared/spec/contract.md) — the same `calculate` as
// the CLI, so the same input gives the same result JSON, and bad input the same problem lines (as 400).
import { z } from 'zod';
import { claimMonthInputSchema } from '../../core/input.js';
import { calculate } from '../../app/index.js';
import { badRequest } from '../errors.js';
import type { ServerContext } from '../context.js';
import { resultSchema } from '../shapes.js';

export const CALCULATE_BODY_LIMIT = 10 * 1024 * 1024;

export function registerCalculate({ define }: ServerContext): void {
  define({
    method: 'POST',
    url: '/api/v1/calculate',
    summary: 'ひと月分を算定する（契約どおりの入力 → 結果。CLI の santei calc と同じ出力）',
    tags: ['calculate'],
    access: 'user',
    docBody: claimMonthInputSchema,
    query: z.strictObject({
      schedule: z.string().min(1).max(40).optional(),
    }),
    response: { 200: resultSchema },
    bodyLimit: CALCULATE_BODY_LIMIT,
    handler: async (req) => {
      const out = calculate(req.body, { scheduleId: req.query.schedule });
      if (!out.ok) throw badRequest(out.problems);
      return out.result;
    },
  });
}
