// Staff of an office (職員). A staff member named by visits or reports is not deleted but marked retired.
import { staffInputSchema, staffPatchSchema } from '../../contract/schemas.js';
import type { Store } from '../store.js';
import { staffFromRow, staffRow } from './rows.js';
import { anyRow, entityCrud, type StoreContext } from './shared.js';
import { clampLimit, likePattern } from './util.js';

type StaffMethods = 'listStaff' | 'getStaff' | 'createStaff' | 'updateStaff' | 'deleteStaff';

export function staffRepo(ctx: StoreContext): Pick<Store, StaffMethods> {
  const crud = entityCrud(ctx, {
    table: 'staff',
    entity: 'staff',
    what: '職員',
    input: staffInputSchema,
    patch: staffPatchSchema,
    fromRow: staffFromRow,
    toRow: staffRow,
    async inUse(db, officeId, id) {
      if (await anyRow(db, 'visits', officeId, 'staff_id', id))
        return 'この職員の訪問記録があるため削除できません（退職にしてください）';
      if (await anyRow(db, 'care_reports', officeId, 'staff_id', id))
        return 'この職員が書いた情報提供書があるため削除できません（退職にしてください）';
      return undefined;
    },
  });
  return {
    async listStaff(officeId, query = {}) {
      let q = ctx.db.selectFrom('staff').selectAll().where('office_id', '=', officeId);
      if (query.search) {
        const p = likePattern(query.search);
        q = q.where((eb) =>
          eb.or([eb(eb.fn('lower', ['name']), 'like', p), eb(eb.fn('lower', ['kana']), 'like', p)]),
        );
      }
      const rows = await q
        .orderBy('kana')
        .orderBy('name')
        .orderBy('id')
        .limit(clampLimit(query.limit, 10_000, 100_000))
        .offset(query.offset ?? 0)
        .execute();
      return rows.map(staffFromRow);
    },
    getStaff: crud.get,
    createStaff: crud.create,
    updateStaff: crud.update,
    deleteStaff: crud.remove,
  };
}
