// The order of patients everywhere a clerk reads a list of them (the patients list, the picker, the month
// close, the diffs, the buildings): by フリガナ in 五十音 order, then by name, then by id. One comparator.

/** Katakana → hiragana, full-width ASCII → half-width, no spaces, lower case: ヤマダ and やまだ are one. */
export function normalizeKana(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[\s\u3000]/g, '')
    .toLowerCase();
}

interface Named {
  id: string;
  name: string;
  kana?: string | undefined;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Patients by kana (五十音: the hiragana's code order, a voiced kana right after its plain one), those
 * without kana by name after them, then by id, so that the order never depends on the database's.
 */
export function comparePatients(a: Named, b: Named): number {
  const ka = a.kana ? normalizeKana(a.kana) : undefined;
  const kb = b.kana ? normalizeKana(b.kana) : undefined;
  if (ka !== undefined && kb !== undefined && ka !== kb) return cmp(ka, kb);
  if (ka !== undefined && kb === undefined) return -1;
  if (ka === undefined && kb !== undefined) return 1;
  return cmp(a.name, b.name) || cmp(a.id, b.id);
}

/**
 * Patient ids in kana order, given the patients (ids without a record come last, by id): for the lists of a
 * month that name patients by id (claims, refusals, diffs).
 */
export function byPatientKana(patients: readonly Named[]): (a: string, b: string) => number {
  const of = new Map(patients.map((p) => [p.id, p]));
  return (a, b) => {
    const pa = of.get(a);
    const pb = of.get(b);
    if (pa && pb) return comparePatients(pa, pb);
    if (pa) return -1;
    if (pb) return 1;
    return cmp(a, b);
  };
}
