// The Store on Kysely: the same code for SQLite and PostgreSQL, made of one repository per entity
// (./repos/). Every office-owned query is scoped by `office_id`; every change writes its audit row in the
// same transaction.
import type { Kysely } from 'kysely';
import type { Connection, DB } from './db.js';
import type { Store, StoreHooks } from './store.js';
import { verifyChains } from './chainVerify.js';
import { auditRepo } from './repos/audit.js';
import { buildingsRepo } from './repos/buildings.js';
import { claimsRepo } from './repos/claims.js';
import { idempotencyRepo } from './repos/idempotency.js';
import { kohiRepo } from './repos/kohi.js';
import { loginsRepo } from './repos/logins.js';
import { officesRepo } from './repos/offices.js';
import { patientsRepo } from './repos/patients.js';
import { reportsRepo } from './repos/reports.js';
import type { StoreContext } from './repos/shared.js';
import { staffRepo } from './repos/staff.js';
import { usersRepo } from './repos/users.js';
import { visitsRepo } from './repos/visits.js';

/** The Store with its connection (tests and the backup read the database itself). */
export interface KyselyStore extends Store {
  readonly db: Kysely<DB>;
  /** The SQLite file, when the store is on SQLite. */
  readonly sqlitePath: string | undefined;
  /** The PostgreSQL connection string, when the store is on PostgreSQL. */
  readonly databaseUrl: string | undefined;
}

export function kyselyStore(conn: Connection, hooks: StoreHooks = {}): KyselyStore {
  const ctx: StoreContext = { engine: conn.engine, db: conn.db, hooks };
  return {
    engine: conn.engine,
    db: conn.db,
    sqlitePath: conn.sqlitePath,
    databaseUrl: conn.databaseUrl,
    close: () => conn.db.destroy(),
    ...officesRepo(ctx),
    ...staffRepo(ctx),
    ...buildingsRepo(ctx),
    ...patientsRepo(ctx),
    ...visitsRepo(ctx),
    ...reportsRepo(ctx),
    ...usersRepo(ctx),
    ...loginsRepo(ctx),
    ...auditRepo(ctx),
    ...claimsRepo(ctx),
    ...idempotencyRepo(ctx),
    ...kohiRepo(ctx),
    verifyHistory: (opts) => verifyChains(conn.db, opts),
  };
}
