// Buildings of an office (建物): their kind, 戸数 and units (K24-4d, K24-4e). A building a residence
// names is not deleted.
import { sql } from 'kysely';
import { buildingInputSchema, buildingPatchSchema } from '../../contract/schemas.js';
import type { Store } from '../store.js';
import { buildingFromRow, buildingRow } from './rows.js';
import { anyRow, entityCrud, type StoreContext } from './shared.js';
import { clampLimit, likePattern } from './util.js';

type BuildingMethods =
  'listBuildings' | 'getBuilding' | 'createBuilding' | 'updateBuilding' | 'deleteBuilding';

export function buildingsRepo(ctx: StoreContext): Pick<Store, BuildingMethods> {
  const crud = entityCrud(ctx, {
    table: 'buildings',
    entity: 'building',
    what: '建物',
    input: buildingInputSchema,
    patch: buildingPatchSchema,
    fromRow: buildingFromRow,
    toRow: buildingRow,
    async inUse(db, officeId, id) {
      return (await anyRow(db, 'residences', officeId, 'building_id', id))
        ? 'この建物に住む（住んでいた）利用者がいるため削除できません'
        : undefined;
    },
  });
  return {
    async listBuildings(officeId, query = {}) {
      let q = ctx.db.selectFrom('buildings').selectAll().where('office_id', '=', officeId);
      if (query.search) q = q.where(sql<string>`lower(name)`, 'like', likePattern(query.search));
      const rows = await q
        .orderBy('name')
        .orderBy('id')
        .limit(clampLimit(query.limit, 10_000, 100_000))
        .offset(query.offset ?? 0)
        .execute();
      return rows.map(buildingFromRow);
    },
    getBuilding: crud.get,
    createBuilding: crud.create,
    updateBuilding: crud.update,
    deleteBuilding: crud.remove,
  };
}
