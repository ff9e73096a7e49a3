// The options of a select: a list of codes, each shown by its Japanese name (src/contract/labels.ts), and
// the office's buildings.
import type { Building } from '../api.js';

export function CodeOptions<C extends string>({
  codes,
  labels,
}: {
  codes: readonly C[];
  labels: Record<C, string>;
}) {
  return (
    <>
      {codes.map((c) => (
        <option key={c} value={c}>
          {labels[c]}
        </option>
      ))}
    </>
  );
}

/** The office's buildings, after the choice of none (a house of its own). */
export function BuildingOptions({ buildings }: { buildings: readonly Building[] | undefined }) {
  return (
    <>
      <option value="">なし（戸建て）</option>
      {(buildings ?? []).map((b) => (
        <option key={b.id} value={b.id}>
          {b.name}
        </option>
      ))}
    </>
  );
}
