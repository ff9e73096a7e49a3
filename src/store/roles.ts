// PostgreSQL: the role the server and the CLI connect as owns nothing, so that it cannot disable the
// append-only triggers (ALTER TABLE needs the owner) nor change the history: it may read and write the
// records, only read and add claim versions and audit rows, and use the audit sequence. Migrations run as
// the owner (`santei migrate --db <owner URL> --grant <role>` applies these grants after migrating).
import { sql, type Kysely } from 'kysely';
import type { DB } from './db.js';

/** The tables whose rows are only ever added (0001, 0006). */
export const APPEND_ONLY_TABLES = ['claim_versions', 'audit_log'] as const;
/** The migration tables: read (is a migration pending?), never changed by the app. */
const MIGRATION_TABLES = ['santei_migrations', 'santei_migrations_lock'];

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export class RoleError extends Error {}

/** The GRANT statements for the app role, for the tables there are now (refused for an owner or superuser). */
export async function appRoleGrants(db: Kysely<DB>, role: string): Promise<string[]> {
  const found = await sql<{ rolsuper: boolean; owns: string }>`
    SELECT r.rolsuper,
      (SELECT count(*) FROM pg_tables t WHERE t.schemaname = current_schema() AND t.tableowner = r.rolname) AS owns
    FROM pg_roles r WHERE r.rolname = ${role}`.execute(db);
  const r = found.rows[0];
  if (!r)
    throw new RoleError(
      `ロール「${role}」がありません。先に作成してください（例: CREATE ROLE ${ident(role)} LOGIN PASSWORD '…'）`,
    );
  if (r.rolsuper)
    throw new RoleError(
      `ロール「${role}」はスーパーユーザーです。何も所有しない別のロールを指定してください`,
    );
  if (Number(r.owns) > 0)
    throw new RoleError(
      `ロール「${role}」はテーブルの所有者です。何も所有しない別のロールを指定してください`,
    );
  const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]!.s;
  const tables = (
    await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`.execute(db)
  ).rows.map((t) => t.tablename);
  const appendOnly = new Set<string>(APPEND_ONLY_TABLES);
  const q = (t: string): string => `${ident(schema)}.${ident(t)}`;
  const to = ident(role);
  return [
    `GRANT USAGE ON SCHEMA ${ident(schema)} TO ${to}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${ident(schema)} FROM ${to}`,
    ...tables.map((t) =>
      appendOnly.has(t)
        ? `GRANT SELECT, INSERT ON ${q(t)} TO ${to}`
        : MIGRATION_TABLES.includes(t)
          ? `GRANT SELECT ON ${q(t)} TO ${to}`
          : `GRANT SELECT, INSERT, UPDATE, DELETE ON ${q(t)} TO ${to}`,
    ),
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${ident(schema)} TO ${to}`,
  ];
}

/** Applies appRoleGrants in one transaction; the statements applied. */
export async function grantAppRole(db: Kysely<DB>, role: string): Promise<string[]> {
  const stmts = await appRoleGrants(db, role);
  await db.transaction().execute(async (trx) => {
    for (const s of stmts) await sql.raw(s).execute(trx);
  });
  return stmts;
}
