// Where the server's heavy work runs. The close of a 20,000-patient month (the engine, the canonical JSON of
// its input, the write of its tens of megabytes) and a 50,000-row import (the rows read and checked, one
// transaction of 100,000 rows with their audit) take seconds: on the server they run in worker threads
// (./worker.ts, each with its own connection to the store), so that the event loop keeps answering the other
// offices meanwhile. A close answers with the version's summary; the version itself is read on demand
// (GET …/claims/:version), also in a worker: parsing two versions of tens of megabytes for the diff and
// writing the answer's JSON take a second or more. Without the compiled worker (running from the TypeScript sources) or for an
// in-memory SQLite store, the same use cases run in the calling thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputProblem } from '../core/validate.js';
import type { ImportPreview } from '../contract/api.js';
import type { ActorId, ClaimVersion, ClaimVersionSummary } from '../contract/types.js';
import { StoreError, type NewClaimVersion, type Store, type StoreErrorCode } from '../store/index.js';
import { AppError, type AppErrorCode } from './errors.js';
import { importPatients, importVisits, type ImportOptions, type ImportOutcome } from './import.js';
import { previewImport, type ImportKind } from './importPreview.js';
import { closeMonth } from './months.js';
import { withDiff } from './versions.js';

/** A close to run. */
export interface CloseJob {
  kind: 'close';
  officeId: string;
  month: string;
  actor: ActorId;
  idempotency?: NewClaimVersion['idempotency'];
}

/** A CSV file to import (src/app/import.ts). */
export interface ImportJob {
  kind: 'import';
  what: 'visits' | 'patients';
  officeId: string;
  bytes: Uint8Array;
  opts: ImportOptions;
  actor: ActorId;
}

/** A claim version with its diff to the previous one, as the JSON text of the answer (null: not found). */
export interface VersionJob {
  kind: 'version';
  officeId: string;
  month: string;
  version: number;
}

/** The dry run of an import (src/app/importPreview.ts): nothing written. */
export interface ImportPreviewJob extends Omit<ImportJob, 'kind' | 'what'> {
  kind: 'importPreview';
  what: ImportKind;
}

export type Job = CloseJob | ImportJob | ImportPreviewJob | VersionJob;

export type CloseSummaryOutcome =
  { ok: true; summary: ClaimVersionSummary } | { ok: false; problems: InputProblem[] };

type AnyOutcome = CloseSummaryOutcome | ImportOutcome | ImportPreview | VersionText;
/** A version as JSON text, or null when the office has no such version. */
export type VersionText = { json: string | null };
type Outcome<J extends Job> = J extends CloseJob
  ? CloseSummaryOutcome
  : J extends ImportJob
    ? ImportOutcome
    : J extends ImportPreviewJob
      ? ImportPreview
      : VersionText;

/** Where a worker connects: the store's SQLite file or PostgreSQL URL. */
export interface StoreTarget {
  sqlitePath?: string;
  databaseUrl?: string;
}

export interface WorkerData {
  target: StoreTarget;
  /** Test seam: each close waits before its commit until released (WorkerOptions.onHeld). */
  holdBeforeCommit?: boolean;
}

/** An error of a job, as it crosses to the server's thread and back into its class. */
export type WorkerError =
  | { kind: 'store'; code: StoreErrorCode; message: string; problems: InputProblem[] }
  | { kind: 'app'; code: AppErrorCode; problems: InputProblem[] }
  | { kind: 'other'; message: string };

export type WorkerAnswer =
  { ready: true } | { held: number } | { id: number; value: AnyOutcome } | { id: number; error: WorkerError };

export function summaryOfVersion(v: ClaimVersion): ClaimVersionSummary {
  const { input: _i, result: _r, reportWarnings: _w, ...summary } = v;
  return summary;
}

export function toWorkerError(e: unknown): WorkerError {
  if (e instanceof StoreError)
    return { kind: 'store', code: e.code, message: e.message, problems: e.problems };
  if (e instanceof AppError) return { kind: 'app', code: e.code, problems: e.problems };
  return { kind: 'other', message: (e as Error)?.message ?? String(e) };
}

function fromWorkerError(e: WorkerError): Error {
  if (e.kind === 'store') return new StoreError(e.code, e.message, e.problems);
  if (e.kind === 'app') return new AppError(e.problems, e.code);
  return new Error(e.message);
}

/** A job run on a store, in whichever thread: the use cases themselves. */
export async function runJob(store: Store, job: Job): Promise<AnyOutcome> {
  if (job.kind === 'version') {
    const v = await store.getClaimVersion(job.officeId, job.month, job.version);
    return { json: v ? JSON.stringify(await withDiff(store, v)) : null };
  }
  if (job.kind === 'importPreview') return previewImport(store, job.officeId, job.what, job.bytes, job.actor);
  if (job.kind === 'import') {
    const run = job.what === 'visits' ? importVisits : importPatients;
    return run(store, job.officeId, job.bytes, job.opts, job.actor);
  }
  const out = await closeMonth(store, job.officeId, job.month, job.actor, { idempotency: job.idempotency });
  return out.ok ? { ok: true, summary: summaryOfVersion(out.version) } : out;
}

export interface Workers {
  run<J extends Job>(job: J): Promise<Outcome<J>>;
  /** Ends the workers (after the jobs under way). */
  stop(): Promise<void>;
}

/** The jobs in the calling thread. */
export function inThreadWorkers(store: Store): Workers {
  return {
    run: <J extends Job>(job: J) => runJob(store, job) as Promise<Outcome<J>>,
    stop: async () => {},
  };
}

/** One core is left to the event loop: the workers are the other cores (at least one). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The compiled worker beside this module; absent when running from the TypeScript sources. */
export function workerFile(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

export interface WorkerOptions {
  /** The worker module (default: workerFile()). */
  file?: URL;
  /** Jobs at the same time, each in its own worker (default: defaultWorkers(); workersFor: 1 on SQLite). */
  workers?: number;
  /** Test seam: each close waits before its commit; `onHeld` gets its version number and the release. */
  onHeld?: (version: number, release: () => void) => void;
}

interface Slot {
  w: Worker;
  ready: Promise<void>;
  busy: boolean;
  jobs: Map<number, { ok: (o: AnyOutcome) => void; fail: (e: Error) => void }>;
}

/** Jobs in worker threads, started as jobs come and kept for the next. */
export function threadWorkers(target: StoreTarget, opts: WorkerOptions = {}): Workers {
  const file = opts.file ?? workerFile();
  if (!file) throw new Error('worker.js がありません（npm run build）');
  const max = Math.max(1, opts.workers ?? defaultWorkers());
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  let nextId = 1;

  const start = (): Slot => {
    const data: WorkerData = { target, holdBeforeCommit: opts.onHeld !== undefined };
    const w = new Worker(file, { workerData: data });
    let ready!: () => void;
    const slot: Slot = { w, ready: new Promise((ok) => (ready = ok)), busy: false, jobs: new Map() };
    const failAll = (e: Error) => {
      for (const j of slot.jobs.values()) j.fail(e);
      slot.jobs.clear();
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
    };
    w.on('message', (a: WorkerAnswer) => {
      if ('ready' in a) return ready();
      if ('held' in a) return opts.onHeld?.(a.held, () => w.postMessage({ release: a.held }));
      const job = slot.jobs.get(a.id);
      if (!job) return;
      slot.jobs.delete(a.id);
      if ('error' in a) job.fail(fromWorkerError(a.error));
      else job.ok(a.value);
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => failAll(new Error(`処理が途中で終了しました（${code}）`)));
    slots.push(slot);
    return slot;
  };

  const acquire = async (): Promise<Slot> => {
    for (;;) {
      const free = slots.find((s) => !s.busy);
      if (free) return free;
      if (slots.length < max) return start();
      await new Promise<void>((ok) => waiting.push(ok));
    }
  };

  return {
    async run<J extends Job>(job: J): Promise<Outcome<J>> {
      const slot = await acquire();
      slot.busy = true;
      try {
        await slot.ready;
        const id = nextId++;
        return (await new Promise<AnyOutcome>((ok, fail) => {
          slot.jobs.set(id, { ok, fail });
          slot.w.postMessage({ id, job });
        })) as Outcome<J>;
      } finally {
        slot.busy = false;
        waiting.shift()?.();
      }
    },
    async stop() {
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((ok) => {
              s.w.once('exit', () => ok());
              s.w.postMessage({ stop: true });
            }),
        ),
      );
    },
  };
}

/** The store's connection target when a worker can open it (a file or a PostgreSQL database). */
export function storeTarget(
  store: Store & { sqlitePath?: string; databaseUrl?: string },
): StoreTarget | undefined {
  if (store.databaseUrl) return { databaseUrl: store.databaseUrl };
  if (store.sqlitePath && store.sqlitePath !== ':memory:')
    return { sqlitePath: store.sqlitePath, databaseUrl: '' };
  return undefined;
}

/**
 * The workers of a store: threads when the compiled worker is there and the store can be opened again.
 * Writes (closes, imports) and reads (a version on demand) have threads of their own, so that reading a
 * version never waits behind an import.
 */
export function workersFor(
  store: Store & { sqlitePath?: string; databaseUrl?: string },
  opts: WorkerOptions = {},
): Workers {
  const target = storeTarget(store);
  const file = opts.file ?? workerFile();
  if (!target || !file) return inThreadWorkers(store);
  // SQLite has one writer at a time: one job after the other rather than two waiting for the lock.
  const writes = threadWorkers(target, { workers: target.databaseUrl ? defaultWorkers() : 1, ...opts, file });
  const reads = threadWorkers(target, { workers: defaultWorkers(), ...opts, file });
  return {
    run: <J extends Job>(job: J) => (job.kind === 'version' ? reads : writes).run(job),
    stop: async () => {
      await Promise.all([writes.stop(), reads.stop()]);
    },
  };
}
