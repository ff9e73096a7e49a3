// Types of bench/generate.mjs, for the tests that check the benchmark's months.
export const MONTH: '2024-07';

export interface Rng {
  next(): number;
  chance(p: number): boolean;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  weighted(table: Record<string, number>): string;
}

export function makeRng(seed: number): Rng;

export interface GenerateOptions {
  patients: number;
  kind?: 'pharmacy' | 'clinic';
  seed?: number;
}

export function generateMonth(opts: GenerateOptions): {
  month: string;
  office: { id: string; kind: string; region?: string };
  patients: Record<string, unknown>[];
  records: (Record<string, unknown> & { id: string; patientId: string; date: string })[];
};

export function writeMonth(
  file: string,
  opts: GenerateOptions,
): { file: string; bytes: number; patients: number; records: number; visitsInMonth: number; history: number };
