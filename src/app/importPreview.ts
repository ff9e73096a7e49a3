// The CSV import's dry run (POST …/import/:kind/preview): the file read, mapped and checked exactly as the
// import does it (src/app/import.ts, the same columns, rules and references), against a view of the store
// that keeps the rows it would create instead of writing them. Nothing is written and nothing audited; the
// answer lists the rows that would be imported (with their line in the file) and each row error
// (line, column heading, Japanese message), so that the clerk sees both before confirming the import.
import type { ImportPreview, RowError } from '../contract/api.js';
import type { ActorId, PatientInput, VisitInput } from '../contract/types.js';
import type { Store } from '../store/index.js';
import { decodeCsv, parseCsv } from './csv.js';
import { importPatients, importVisits } from './import.js';

export type ImportKind = 'visits' | 'patients';

/** The store as the import sees it, keeping what it would create (in order) and writing nothing. */
function dryStore<T>(store: Store, kept: T[]): Store {
  const keep = async (_officeId: string, inputs: T[], _actor: ActorId) => {
    kept.push(...inputs);
    return inputs.map(() => ({ id: '' }));
  };
  return {
    ...store,
    createVisits: keep as unknown as Store['createVisits'],
    createPatients: keep as unknown as Store['createPatients'],
  };
}

/** The lines of the file's data rows (the heading is line 1; blank lines are not rows), as the import reads them. */
function dataLines(bytes: Uint8Array): number[] {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return [];
  const parsed = parseCsv(decoded.text);
  return parsed.ok ? parsed.rows.slice(1).map((r) => r.line) : [];
}

export async function previewImport(
  store: Store,
  officeId: string,
  kind: ImportKind,
  bytes: Uint8Array,
  actor: ActorId,
): Promise<ImportPreview> {
  const kept: (VisitInput | PatientInput)[] = [];
  const run = kind === 'visits' ? importVisits : importPatients;
  // `partial`: every good row is kept and every bad one listed (a file the import cannot read at all is
  // refused here as there, 400 with the line).
  const out = await run(dryStore(store, kept), officeId, bytes, { partial: true }, actor);
  const errors: RowError[] = out.ok ? out.result.errors : out.errors;
  const bad = new Set(errors.map((e) => e.row));
  const lines = dataLines(bytes).filter((l) => !bad.has(l));
  const paired = lines.length === kept.length;
  return {
    kind,
    rows: kept.map((value, i) => ({ row: paired ? lines[i]! : null, value })),
    errors,
    rowsInFile: dataLines(bytes).length,
  };
}
