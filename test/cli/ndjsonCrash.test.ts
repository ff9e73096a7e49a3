// `santei calc --ndjson` when a worker thread dies: the run stops with exit 1 and one Japanese line naming
// the worker's exit code; what was written before stays whole and in input order, nothing after it.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { calcNdjson } from '../../src/cli/ndjson.js';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('calc --ndjson: a worker that exits', () => {
  it('exit 1, 「作業スレッドが終了コード 3 で終了しました」 on stderr, no result after the lost line', async () => {
    const out = sink();
    const err = sink();
    const code = await calcNdjson({
      input: Readable.from([Buffer.from('{}\n{}\n{}\n{}\n')]),
      out: out.stream,
      err: err.stream,
      workers: 1,
      progress: false,
      workerFile: new URL('./fixtures/exitingWorker.mjs', import.meta.url),
    });
    expect(code).toBe(1);
    expect(err.text()).toBe('santei calc: 作業スレッドが終了コード 3 で終了しました\n');
    // The first line's result is written whole; the second was lost with the worker, and none after it.
    expect(out.text()).toBe('{"line":1}\n');
  });
});
