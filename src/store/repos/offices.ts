// Offices (事業所): a global list; the server shows a user only the offices in user.officeIds.
import { randomUUID } from 'node:crypto';
import { creationMonth } from '../../contract/reportsRequired.js';
import { officeInputSchema, officePatchSchema } from '../../contract/schemas.js';
import type { ActorId, Office, OfficeInput } from '../../contract/types.js';
import { parseOrThrow, StoreError, type Store } from '../store.js';
import { officeFromRow, officeRow } from './rows.js';
import { audit, loadOffice, requireOffice, type StoreContext } from './shared.js';
import { compact, isUniqueViolation, now, omit } from './util.js';

type OfficeMethods = 'createOffice' | 'getOffice' | 'listOffices' | 'updateOffice';

function officeConflict(e: unknown, number: string): never {
  if (isUniqueViolation(e)) {
    throw new StoreError('conflict', '同じ事業所番号の事業所がすでにあります', [
      { path: 'number', message: `事業所番号 ${number} はすでに登録されています` },
    ]);
  }
  throw e;
}

export function officesRepo(ctx: StoreContext): Pick<Store, OfficeMethods> {
  return {
    async createOffice(raw: OfficeInput, actor: ActorId): Promise<Office> {
      const input = parseOrThrow(officeInputSchema, raw, '事業所');
      const t = now();
      const office: Office = compact({
        id: randomUUID(),
        ...input,
        // K24-2a: a new office bills on the report records from the month it is created, unless told otherwise.
        reportsRequiredFrom: input.reportsRequiredFrom ?? creationMonth(t),
        createdAt: t,
        updatedAt: t,
      });
      try {
        await ctx.db.transaction().execute(async (trx) => {
          await trx.insertInto('offices').values(officeRow(office)).execute();
          await audit(trx, {
            officeId: office.id,
            actor,
            entity: 'office',
            entityId: office.id,
            action: 'create',
            before: null,
            after: office,
          });
        });
      } catch (e) {
        officeConflict(e, office.number);
      }
      return office;
    },

    getOffice(officeId: string): Promise<Office | null> {
      return loadOffice(ctx.db, officeId);
    },

    async listOffices(officeIds?: readonly string[]): Promise<Office[]> {
      if (officeIds && officeIds.length === 0) return [];
      let q = ctx.db.selectFrom('offices').selectAll();
      if (officeIds) q = q.where('id', 'in', [...officeIds]);
      const rows = await q.orderBy('number').execute();
      return rows.map(officeFromRow);
    },

    async updateOffice(officeId: string, rawPatch: Partial<OfficeInput>, actor: ActorId): Promise<Office> {
      const patch = parseOrThrow(officePatchSchema, rawPatch, '事業所');
      try {
        return await ctx.db.transaction().execute(async (trx) => {
          const before = await requireOffice(trx, officeId);
          const merged = parseOrThrow(
            officeInputSchema,
            { ...omit(before, ['id', 'createdAt', 'updatedAt']), ...patch },
            '事業所',
          );
          const after: Office = compact({
            ...merged,
            // K24-2a: the setting can be moved to another month, never removed (a patch without it keeps it).
            reportsRequiredFrom: merged.reportsRequiredFrom ?? before.reportsRequiredFrom,
            id: officeId,
            createdAt: before.createdAt,
            updatedAt: now(),
          });
          const { id: _i, created_at: _c, ...set } = officeRow(after);
          await trx.updateTable('offices').set(set).where('id', '=', officeId).execute();
          await audit(trx, {
            officeId,
            actor,
            entity: 'office',
            entityId: officeId,
            action: 'update',
            before,
            after,
          });
          return after;
        });
      } catch (e) {
        officeConflict(e, String(patch.number ?? ''));
      }
    },
  };
}
