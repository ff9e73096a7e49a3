// A worker thread of the server's closes (./closer.ts): its own connection to the store (SQLite: its own
// writer and readers on the file; PostgreSQL: its own small pool), and the close itself (closeMonth: the
// month's records read, the engine, the canonical JSON, the version written), so that none of it runs on
// the server's event loop. It answers with the version's summary, or the problems, or the error.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { closeMonth } from './months.js';
import {
  summaryOfVersion,
  toWorkerError,
  type CloseJob,
  type CloseWorkerData,
  type WorkerAnswer,
} from './closer.js';

const data = workerData as CloseWorkerData;
const port = parentPort!;
const releases = new Map<number, () => void>();

const store = await openStore({
  ...data.target,
  migrate: false,
  poolSize: 2,
  hooks: data.holdBeforeCommit
    ? {
        // Test seam: the close waits inside its transaction, its rows written, until the server releases it.
        beforeClaimCommit: (v) =>
          new Promise<void>((ok) => {
            releases.set(v.version, ok);
            port.postMessage({ held: v.version } satisfies WorkerAnswer);
          }),
      }
    : {},
});

port.on('message', (msg: CloseJob | { release: number } | { stop: true }) => {
  if ('release' in msg) {
    releases.get(msg.release)?.();
    releases.delete(msg.release);
    return;
  }
  if ('stop' in msg) {
    void store.close().then(() => port.close());
    return;
  }
  void (async () => {
    let answer: WorkerAnswer;
    try {
      const out = await closeMonth(store, msg.officeId, msg.month, msg.actor, {
        idempotency: msg.idempotency,
      });
      answer = out.ok
        ? { id: msg.id, ok: true, summary: summaryOfVersion(out.version) }
        : { id: msg.id, ok: false, problems: out.problems };
    } catch (e) {
      answer = { id: msg.id, error: toWorkerError(e) };
    }
    port.postMessage(answer);
  })();
});
port.postMessage({ ready: true } satisfies WorkerAnswer);
