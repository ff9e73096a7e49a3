// A worker thread of `santei calc --ndjson`: gets an input line as UTF-8 bytes, sends back its result line
// as UTF-8 bytes (both transferred, not copied), or the line's problems.
import { parentPort, workerData } from 'node:worker_threads';
import { priceLine } from './ndjsonLine.js';
import type { Job, JobDone } from './ndjson.js';

const scheduleId = (workerData as { scheduleId?: string }).scheduleId;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const port = parentPort!;

port.on('message', (job: Job) => {
  let done: JobDone;
  try {
    const r = priceLine(decoder.decode(job.bytes), scheduleId);
    if (r.kind === 'result') {
      const bytes = encoder.encode(r.json + '\n');
      port.postMessage({ seq: job.seq, bytes } satisfies JobDone, [bytes.buffer]);
      return;
    }
    done = r.kind === 'blank' ? { seq: job.seq, blank: true } : { seq: job.seq, problems: r.problems };
  } catch (e) {
    done = { seq: job.seq, crash: (e as Error).message ?? String(e) };
  }
  port.postMessage(done);
});
