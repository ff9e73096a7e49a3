// The refusals of a service's month, one recorder for every rule module: each refusal becomes a rejection
// of the contract (contract.md "Rejection") and, when the month is explained, a step of the trace.
import type { TraceEntry } from '../result.js';
import type { EngineRejection } from './service.js';

/**
 * What a rule decides about a record it does not bill: the contract's rejection without the record's ids,
 * its fields in the order the output lists them.
 */
export type Refusal = Omit<EngineRejection, 'recordId' | 'patientId'> & {
  /** For the trace only: why another visit of the day was billed instead (O5). */
  note?: string;
};

export class Refusals {
  readonly rejections: EngineRejection[] = [];

  constructor(private readonly trace: TraceEntry[] | undefined) {}

  /**
   * The record, or the part of it that `units` or `addition` names, is not billed. `shownAs` is the record
   * as the trace names it ("2024-07-05 V1 薬剤師"); without it the refusal is no step of the trace (a refused
   * addition of a billed visit, which `--explain` lists from the rejections).
   */
  refuse(record: { id: string; patientId: string }, r: Refusal, shownAs?: string): void {
    const { note, ...fields } = r;
    this.rejections.push({ recordId: record.id, patientId: record.patientId, ...fields });
    if (this.trace && shownAs !== undefined) {
      this.trace.push({
        patientId: record.patientId,
        recordId: record.id,
        text: `${shownAs} → 算定不可${r.units !== undefined ? ` ${r.units}単位` : ''} ${r.code}（${r.rule}）: ${r.message}${note ?? ''}`,
      });
    }
  }
}
