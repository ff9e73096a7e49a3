// A worker thread of the server's heavy work (./workers.ts): its own connection to the store (SQLite: its
// own writer and readers on the file; PostgreSQL: its own small pool), and the job itself — a close
// (closeMonth: the month's records read, the engine, the canonical JSON, the version written) or a CSV
// import — so that none of it runs on the server's event loop. It answers with the outcome or the error.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { runJob, toWorkerError, type Job, type WorkerAnswer, type WorkerData } from './workers.js';

const data = workerData as WorkerData;
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

port.on('message', (msg: { id: number; job: Job } | { release: number } | { stop: true }) => {
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
      answer = { id: msg.id, value: await runJob(store, msg.job) };
    } catch (e) {
      answer = { id: msg.id, error: toWorkerError(e) };
    }
    port.postMessage(answer);
  })();
});
port.postMessage({ ready: true } satisfies WorkerAnswer);
