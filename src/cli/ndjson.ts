// `santei calc --ndjson`: one office-month's input per line on stdin, one result per line on stdout, in
// input order, streaming. The lines are priced by worker threads, one per core (node:worker_threads): the
// main thread only cuts stdin into lines, hands each to the least busy worker as bytes, and writes the
// results back in input order. A bad line gives `{"line": N, "errors": [...]}` in its place on stdout and
// `N行目: …` on stderr, as in the main thread (exit 2 at the end). Progress goes to stderr on a terminal.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { priceLine, type LineOutcome } from './ndjsonLine.js';

/** An input line sent to a worker. */
export interface Job {
  seq: number;
  bytes: Uint8Array;
}

/** A worker's answer: the result line's bytes, the problems, a blank line, or an error of the engine. */
export type JobDone =
  | { seq: number; bytes: Uint8Array }
  | { seq: number; problems: string[] }
  | { seq: number; blank: true }
  | { seq: number; crash: string };

export interface NdjsonOptions {
  scheduleId?: string;
  /** Worker threads; 0 prices every line in the main thread. Default: one per core. */
  workers?: number;
  input?: NodeJS.ReadableStream;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
  progress?: boolean;
  /** The worker module; by default the compiled `ndjsonWorker.js` beside this module. */
  workerFile?: URL;
}

/** Lines handed to one worker at a time: the one it prices and the next, so that it never waits. */
const PER_WORKER = 2;
/** Lines read ahead of the one to be written next, per worker (bounds memory behind a slow line). */
const AHEAD_PER_WORKER = 4;
/**
 * A worker's initial old space: 128 MB keeps a national month (offices of 2,000) under 450 MB of peak RSS
 * on two workers, at the CPU time of 512 MB (bench/national.mjs; 64 MB costs more collections).
 */
const WORKER_INITIAL_OLD_SPACE_MB = 128;

/** The compiled worker beside this module; absent when running from the TypeScript sources. */
function workerFile(): URL | undefined {
  const url = new URL('./ndjsonWorker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

const NL = 0x0a;
const CR = 0x0d;

/** Cuts a byte stream into lines (LF or CRLF), each its own buffer, so that it can be transferred. */
class LineCutter {
  private parts: Uint8Array[] = [];
  private partsLength = 0;

  /** The complete lines of the chunk, in order. */
  *push(chunk: Uint8Array): Generator<Uint8Array> {
    let start = 0;
    for (let i = chunk.indexOf(NL); i !== -1; i = chunk.indexOf(NL, start)) {
      yield this.take(chunk.subarray(start, i));
      start = i + 1;
    }
    if (start < chunk.length) {
      // A copy: the stream may reuse its chunk.
      this.parts.push(chunk.slice(start));
      this.partsLength += chunk.length - start;
    }
  }

  /** The last line, when the input does not end with a line break. */
  end(): Uint8Array | undefined {
    return this.partsLength > 0 ? this.take(new Uint8Array(0)) : undefined;
  }

  private take(tail: Uint8Array): Uint8Array {
    let n = this.partsLength + tail.length;
    const last = tail.length > 0 ? tail[tail.length - 1] : this.parts.at(-1)?.at(-1);
    if (last === CR) n -= 1;
    const line = new Uint8Array(n);
    let at = 0;
    for (const p of this.parts) {
      line.set(p.subarray(0, Math.min(p.length, n - at)), at);
      at += p.length;
    }
    if (at < n) line.set(tail.subarray(0, n - at), at);
    this.parts = [];
    this.partsLength = 0;
    return line;
  }
}

export async function calcNdjson(opts: NdjsonOptions = {}): Promise<number> {
  const input = opts.input ?? process.stdin;
  const out = opts.out ?? process.stdout;
  const err = opts.err ?? process.stderr;
  const progress = opts.progress ?? process.stderr.isTTY === true;
  const file = opts.workerFile ?? workerFile();
  const maxWorkers = file ? (opts.workers ?? defaultWorkers()) : 0;

  let bad = 0;
  let done = 0;
  const started = Date.now();
  let failure: string | undefined;
  const lineNos = new Map<number, number>();

  let drained: Promise<void> | undefined;
  const write = (s: string | Uint8Array): void => {
    if (!out.write(s) && !drained) {
      drained = new Promise((ok) => out.once('drain', () => ((drained = undefined), ok())));
    }
  };
  const report = (seq: number, r: LineOutcome | JobDone): void => {
    const lineNo = lineNos.get(seq)!;
    lineNos.delete(seq);
    if ('blank' in r || ('kind' in r && r.kind === 'blank')) return;
    if ('problems' in r) {
      bad += 1;
      write(JSON.stringify({ line: lineNo, errors: r.problems }) + '\n');
      err.write(r.problems.map((p) => `${lineNo}行目: ${p}\n`).join(''));
    } else if ('crash' in r) {
      failure ??= `${lineNo}行目の算定中にエラーが起きました: ${r.crash}`;
      return;
    } else write('json' in r ? r.json + '\n' : r.bytes);
    done += 1;
    if (progress && done % 100 === 0) {
      const secs = (Date.now() - started) / 1000;
      err.write(`\r${done}件処理（${Math.round(done / Math.max(secs, 0.001))}件/秒）`);
    }
  };

  const pool = maxWorkers > 0 ? new Pool(file!, maxWorkers, opts.scheduleId, report) : undefined;
  const cutter = new LineCutter();
  const decoder = new TextDecoder();
  let seq = 0;
  let lineNo = 0;
  const submit = async (line: Uint8Array): Promise<void> => {
    lineNo += 1;
    lineNos.set(seq, lineNo);
    if (pool) await pool.submit(seq, line);
    else report(seq, priceLine(decoder.decode(line), opts.scheduleId));
    seq += 1;
    if (drained) await drained;
  };
  try {
    for await (const chunk of input) {
      for (const line of cutter.push(chunk as Uint8Array)) {
        await submit(line);
        if (failure ?? pool?.failure) break;
      }
      if (failure ?? pool?.failure) break;
    }
    const last = cutter.end();
    if (last && !(failure ?? pool?.failure)) await submit(last);
    await pool?.finish();
  } finally {
    await pool?.close();
  }
  failure ??= pool?.failure;
  if (failure) {
    err.write(`${progress ? '\n' : ''}santei calc: ${failure}\n`);
    return 1;
  }
  if (drained) await drained;
  if (progress) err.write(`\r${done}件処理、うち入力エラー${bad}件\n`);
  return bad > 0 ? 2 : 0;
}

/** The workers, started as lines come (a one-line input starts one), and the results put back in order. */
class Pool {
  private readonly workers: { w: Worker; busy: number }[] = [];
  private readonly results = new Map<number, JobDone>();
  private nextToReport = 0;
  private submitted = 0;
  private wake: (() => void) | undefined;
  private closing = false;
  failure: string | undefined;

  constructor(
    private readonly file: URL,
    private readonly max: number,
    private readonly scheduleId: string | undefined,
    private readonly report: (seq: number, r: JobDone) => void,
  ) {}

  private start(): { w: Worker; busy: number } {
    // bin/santei starts node with a 512 MB initial old space, which spares the collector work on one big
    // month; V8 gives the same to every isolate, so each worker would grow to 512 MB before a full
    // collection. A worker holds one office-month at a time: its heap starts smaller (new isolates read
    // the flag when they are made; the main thread's heap is not changed).
    if (this.workers.length === 0)
      setFlagsFromString(`--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`);
    const w = new Worker(this.file, { workerData: { scheduleId: this.scheduleId } });
    const slot = { w, busy: 0 };
    w.on('message', (d: JobDone) => {
      slot.busy -= 1;
      this.results.set(d.seq, d);
      while (this.results.has(this.nextToReport)) {
        const r = this.results.get(this.nextToReport)!;
        this.results.delete(this.nextToReport);
        this.report(this.nextToReport, r);
        this.nextToReport += 1;
      }
      this.wake?.();
    });
    w.on('error', (e) => {
      this.failure ??= `作業スレッドが異常終了しました: ${e.message}`;
      this.wake?.();
    });
    w.on('exit', (code) => {
      if (code !== 0 && !this.closing) this.failure ??= `作業スレッドが終了コード ${code} で終了しました`;
      this.wake?.();
    });
    this.workers.push(slot);
    return slot;
  }

  /** Waits until a worker may take a line and the line is not too far ahead of the output, then hands it. */
  async submit(seq: number, bytes: Uint8Array): Promise<void> {
    for (;;) {
      if (this.failure) return;
      const ahead = this.submitted - this.nextToReport;
      let slot = this.workers.reduce<{ w: Worker; busy: number } | undefined>(
        (a, b) => (!a || b.busy < a.busy ? b : a),
        undefined,
      );
      if ((!slot || slot.busy > 0) && this.workers.length < this.max) slot = this.start();
      if (slot && slot.busy < PER_WORKER && ahead < this.max * AHEAD_PER_WORKER) {
        slot.busy += 1;
        this.submitted += 1;
        slot.w.postMessage({ seq, bytes } satisfies Job, [bytes.buffer as ArrayBuffer]);
        return;
      }
      await new Promise<void>((ok) => (this.wake = ok));
    }
  }

  /** Waits until every line handed out is answered and reported. */
  async finish(): Promise<void> {
    while (!this.failure && this.nextToReport < this.submitted) {
      await new Promise<void>((ok) => (this.wake = ok));
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((s) => s.w.terminate()));
  }
}
