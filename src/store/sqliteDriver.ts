// SQLite for a server that stays up: one writer connection and one reader connection on the same file in
// WAL mode. A statement that only reads, outside a transaction, runs on the reader and sees the last
// committed state, so it never waits behind a write transaction that is open (e.g. an import writing in
// batches, yielding between them). Transactions and writes run on the writer, one at a time (a mutex, as
// Kysely's own SQLite driver). Every transaction begins IMMEDIATE (it takes the write lock at its start, so
// a read-then-write transaction cannot fail half-way on a write made by another connection), and the
// writer has no busy handler: while another connection (a close's worker thread, another process) holds
// the write lock, the writer retries after a short sleep on the event loop instead of sleeping inside
// SQLite, which would stop the whole server. A read-only transaction (one snapshot of several reads, e.g.
// a month's records) runs on a second reader connection, so it waits for no writer either, and the
// single reads of the first reader always see the newest commit.
import type { Database, Statement } from 'better-sqlite3';
import { StoreError } from './errors.js';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** How long a write waits for the write lock held by another connection before it fails (ms). */
export const WRITE_LOCK_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Runs `run`, retrying while SQLite answers "busy" (the lock is another connection's), up to the timeout. */
async function whileBusy<T>(run: () => T): Promise<T> {
  const until = Date.now() + WRITE_LOCK_TIMEOUT_MS;
  for (let wait = 2; ; wait = Math.min(50, wait * 2)) {
    try {
      return run();
    } catch (e) {
      if (!isBusy(e)) throw e;
      if (Date.now() > until) {
        throw new StoreError(
          'busy',
          'ほかの書き込み（締めや取り込み）が続いているため保存できませんでした。しばらくしてからもう一度送ってください',
        );
      }
      await sleep(wait);
    }
  }
}

function resultOf(stmt: Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return {
    numAffectedRows: BigInt(changes),
    insertId: BigInt(lastInsertRowid),
    rows: [],
  };
}

class Mutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;
  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((ok) => (this.#release = ok));
  }
  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

/** One use of the store's connections (a query, or a transaction): reads to the reader, the rest to the writer. */
class RoutedConnection implements DatabaseConnection {
  /** Holds the writer (a transaction, or a write outside one). */
  holdsWriter = false;
  inTransaction = false;
  /** In a read-only transaction, on the snapshot reader. */
  inSnapshot = false;
  constructor(private readonly driver: RoutingSqliteDriver) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiled;
    const d = this.driver;
    if (this.inSnapshot) return resultOf(d.snapshot!.prepare(sql), parameters) as QueryResult<R>;
    if (!this.inTransaction && d.reader) {
      const stmt = d.reader.prepare(sql);
      if (stmt.readonly) return resultOf(stmt, parameters) as QueryResult<R>;
    }
    const stmt = d.writer.prepare(sql);
    if (this.inTransaction) return resultOf(stmt, parameters) as QueryResult<R>;
    // A write outside a transaction: alone on the writer; "busy" did nothing, so it is retried.
    await d.mutex.lock();
    try {
      return (await whileBusy(() => resultOf(stmt, parameters))) as QueryResult<R>;
    } finally {
      d.mutex.unlock();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not used by the store');
  }
}

export class RoutingSqliteDriver implements Driver {
  readonly mutex = new Mutex();
  readonly snapshotMutex = new Mutex();
  constructor(
    readonly writer: Database,
    /** Absent for an in-memory database (one connection only). */
    readonly reader: Database | undefined,
    /** The reader of read-only transactions (absent with `reader`). */
    readonly snapshot: Database | undefined,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as RoutedConnection;
    if (settings.accessMode === 'read only' && this.snapshot) {
      await this.snapshotMutex.lock();
      try {
        this.snapshot.prepare('begin').run();
      } catch (e) {
        this.snapshotMutex.unlock();
        throw e;
      }
      c.inSnapshot = true;
      return;
    }
    await this.mutex.lock();
    c.holdsWriter = true;
    try {
      await whileBusy(() => this.writer.prepare('begin immediate').run());
    } catch (e) {
      c.holdsWriter = false;
      this.mutex.unlock();
      throw e;
    }
    c.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if ((connection as RoutedConnection).inSnapshot) return this.endSnapshot(connection as RoutedConnection);
    try {
      this.writer.prepare('commit').run();
    } finally {
      this.end(connection as RoutedConnection);
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if ((connection as RoutedConnection).inSnapshot) return this.endSnapshot(connection as RoutedConnection);
    try {
      if (this.writer.inTransaction) this.writer.prepare('rollback').run();
    } finally {
      this.end(connection as RoutedConnection);
    }
  }

  private endSnapshot(c: RoutedConnection): void {
    try {
      if (this.snapshot!.inTransaction) this.snapshot!.prepare('commit').run();
    } finally {
      c.inSnapshot = false;
      this.snapshotMutex.unlock();
    }
  }

  private end(c: RoutedConnection): void {
    c.inTransaction = false;
    if (c.holdsWriter) {
      c.holdsWriter = false;
      this.mutex.unlock();
    }
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.snapshot?.close();
    this.reader?.close();
    this.writer.close();
  }
}

/** Kysely's SQLite dialect with the routing driver. */
export function routingSqliteDialect(
  writer: Database,
  readers: { reader: Database; snapshot: Database } | undefined,
): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new RoutingSqliteDriver(writer, readers?.reader, readers?.snapshot),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  };
}
