// Who runs the server's closes. The engine on a 20,000-patient month, the canonical JSON of its input and
// the write of its tens of megabytes take seconds: on the server they run in worker threads
// (./closeWorker.ts, each with its own connection to the store), so that the event loop keeps answering
// the other offices meanwhile. A close answers with the version's summary; the version itself is read on
// demand (GET …/claims/:version). Without the compiled worker (running from the TypeScript sources) or
// for an in-memory SQLite store, the close runs in the calling thread, the same use case.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputProblem } from '../core/validate.js';
import type { ActorId, ClaimVersion, ClaimVersionSummary } from '../contract/types.js';
import { StoreError, type NewClaimVersion, type Store, type StoreErrorCode } from '../store/index.js';
import { AppError, type AppErrorCode } from './errors.js';
import { closeMonth } from './months.js';

/** A close to run. */
export interface CloseJob {
  id: number;
  officeId: string;
  month: string;
  actor: ActorId;
  idempotency?: NewClaimVersion['idempotency'];
}

export type CloseSummaryOutcome =
  { ok: true; summary: ClaimVersionSummary } | { ok: false; problems: InputProblem[] };

/** Where the worker connects: the store's SQLite file or PostgreSQL URL. */
export interface StoreTarget {
  sqlitePath?: string;
  databaseUrl?: string;
}

export interface CloseWorkerData {
  target: StoreTarget;
  /** Test seam: each close waits before its commit until released (Closer.onHeld). */
  holdBeforeCommit?: boolean;
}

/** An error of a close, as it crosses to the server's thread and back into its class. */
export type WorkerError =
  | { kind: 'store'; code: StoreErrorCode; message: string; problems: InputProblem[] }
  | { kind: 'app'; code: AppErrorCode; problems: InputProblem[] }
  | { kind: 'other'; message: string };

export type WorkerAnswer =
  | { ready: true }
  | { held: number }
  | { id: number; ok: true; summary: ClaimVersionSummary }
  | { id: number; ok: false; problems: InputProblem[] }
  | { id: number; error: WorkerError };

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

export interface Closer {
  close(job: Omit<CloseJob, 'id'>): Promise<CloseSummaryOutcome>;
  /** Ends the workers (after the closes under way). */
  stop(): Promise<void>;
}

/** The close in the calling thread. */
export function inThreadCloser(store: Store): Closer {
  return {
    async close(job) {
      const out = await closeMonth(store, job.officeId, job.month, job.actor, {
        idempotency: job.idempotency,
      });
      return out.ok ? { ok: true, summary: summaryOfVersion(out.version) } : out;
    },
    stop: async () => {},
  };
}

/** The compiled worker beside this module; absent when running from the TypeScript sources. */
export function closeWorkerFile(): URL | undefined {
  const url = new URL('./closeWorker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

export interface WorkerCloserOptions {
  /** The worker module (default: closeWorkerFile()). */
  file?: URL;
  /** Closes at the same time, each in its own worker (default 2; SQLite writes them one after the other). */
  workers?: number;
  /** Test seam: each close waits before its commit; `onHeld` gets its version number and the release. */
  onHeld?: (version: number, release: () => void) => void;
}

interface Slot {
  w: Worker;
  ready: Promise<void>;
  busy: boolean;
  jobs: Map<number, { ok: (o: CloseSummaryOutcome) => void; fail: (e: Error) => void }>;
}

/** Closes in worker threads, started as closes come and kept for the next. */
export function workerCloser(target: StoreTarget, opts: WorkerCloserOptions = {}): Closer {
  const file = opts.file ?? closeWorkerFile();
  if (!file) throw new Error('closeWorker.js がありません（npm run build）');
  const max = Math.max(1, opts.workers ?? 2);
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  let nextId = 1;

  const start = (): Slot => {
    const data: CloseWorkerData = { target, holdBeforeCommit: opts.onHeld !== undefined };
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
      else job.ok(a.ok ? { ok: true, summary: a.summary } : { ok: false, problems: a.problems });
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => failAll(new Error(`締めの処理が終了しました（${code}）`)));
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
    async close(job) {
      const slot = await acquire();
      slot.busy = true;
      try {
        await slot.ready;
        const id = nextId++;
        return await new Promise<CloseSummaryOutcome>((ok, fail) => {
          slot.jobs.set(id, { ok, fail });
          slot.w.postMessage({ ...job, id } satisfies CloseJob);
        });
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

/**
 * The closer of a store: in worker threads when the compiled worker is there and the store is a file or a
 * PostgreSQL database, else in the calling thread.
 */
export function closerFor(
  store: Store & { sqlitePath?: string; databaseUrl?: string },
  opts: WorkerCloserOptions = {},
): Closer {
  const target: StoreTarget | undefined = store.databaseUrl
    ? { databaseUrl: store.databaseUrl }
    : store.sqlitePath && store.sqlitePath !== ':memory:'
      ? { sqlitePath: store.sqlitePath, databaseUrl: '' }
      : undefined;
  const file = opts.file ?? closeWorkerFile();
  return target && file ? workerCloser(target, { ...opts, file }) : inThreadCloser(store);
}
