// 0003: every office bills its 居宅療養管理指導 visits on the reports to the care manager (K24-2a). An office
// without `reportsRequiredFrom` (created before it was the default) gets the month it was created, in Japan:
// its visits of that month and later are billable only with a complete report sent in time; earlier months
// keep the visits' own flags. An admin can move the month afterwards (PATCH /api/v1/offices/:officeId).
// Each office changed gets an audit row (actor "system"), like every other change of a record.
import type { Kysely } from 'kysely';
import type { Engine } from '../db.js';

interface OfficeRow {
  id: string;
  number: string;
  name: string;
  kind: string;
  data: string;
  created_at: string;
  updated_at: string;
}

interface Tables {
  offices: OfficeRow;
  audit_log: {
    office_id: string;
    at: string;
    actor: string;
    entity: string;
    entity_id: string;
    action: string;
    before_json: string | null;
    after_json: string | null;
  };
}

/** The month of an instant in Japan (UTC+9, no summer time). Kept here: an applied migration never changes. */
function monthInJapan(instant: string): string {
  return new Date(Date.parse(instant) + 9 * 60 * 60 * 1000).toISOString().slice(0, 7);
}

function image(r: OfficeRow, data: Record<string, unknown>, updatedAt: string): Record<string, unknown> {
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    kind: r.kind,
    ...data,
    createdAt: r.created_at,
    updatedAt,
  };
}

export async function up(untyped: Kysely<unknown>, _engine: Engine): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  const at = new Date().toISOString();
  const rows = await db.selectFrom('offices').selectAll().orderBy('id').execute();
  for (const r of rows) {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    if (typeof data.reportsRequiredFrom === 'string') continue;
    const { reportsRequiredFrom: _absent, ...rest } = data;
    const next = { ...rest, reportsRequiredFrom: monthInJapan(r.created_at) };
    await db
      .updateTable('offices')
      .set({ data: JSON.stringify(next), updated_at: at })
      .where('id', '=', r.id)
      .execute();
    await db
      .insertInto('audit_log')
      .values({
        office_id: r.id,
        at,
        actor: 'system',
        entity: 'office',
        entity_id: r.id,
        action: 'update',
        before_json: JSON.stringify(image(r, rest, r.updated_at)),
        after_json: JSON.stringify(image(r, next, at)),
      })
      .execute();
  }
}
