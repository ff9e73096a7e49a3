// URL and query parameters shared by the routes (validated with zod like the bodies).
import { z } from 'zod';
import { isIsoDate, isIsoMonth } from '../core/dates.js';

export const idParam = z.string().min(1).max(100);
export const monthParam = z.string().refine(isIsoMonth, { params: { santei: 'month' } });
export const dateParam = z.string().refine(isIsoDate, { params: { santei: 'date' } });
/** "true" / "false" in a query string. */
export const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** A positive integer in a URL or query string. */
export const intParam = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

/** The first row to answer of a list (0 or more). */
export const offsetParam = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const withOffice = <T extends Record<string, z.ZodType>>(shape: T) =>
  z.strictObject({ officeId: idParam, ...shape });
