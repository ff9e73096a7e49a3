// contract (CLI): `santei calc` prints the result JSON on stdout. Written in pieces for large results,
// the bytes must be those of JSON.stringify(result) + '\n'.
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonPieces, writeJsonLine } from '../../src/cli/jsonOut.js';

const join = (value: unknown, chunk?: number) => [...jsonPieces(value, chunk)].join('');

/** A result-like object: a few scalar fields and long arrays of objects. */
const resultLike = fc.record({
  month: fc.constant('2024-07'),
  officeId: fc.string(),
  claims: fc.array(
    fc.record({
      patientId: fc.string(),
      units: fc.integer(),
      name: fc.constantFrom('居宅療養管理指導', 'x'),
    }),
    {
      maxLength: 40,
    },
  ),
  rejections: fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined)), { maxLength: 40 }),
  skipped: fc.constant(undefined),
  totals: fc.record({ units: fc.integer(), yen: fc.integer() }),
});

describe('contract (CLI): the result JSON written in pieces', () => {
  it('joins to JSON.stringify of a result-like object, whatever the slice size', () => {
    fc.assert(
      fc.property(resultLike, fc.integer({ min: 1, max: 7 }), (value, chunk) => {
        expect(join(value, chunk)).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('joins to JSON.stringify of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 5 }), (value, chunk) => {
        expect(join(value, chunk)).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('slices an array longer than the slice size, and leaves a shorter one whole', () => {
    const value = { a: [1, 2, 3, 4, 5], b: [1, 2] };
    expect([...jsonPieces(value, 2)]).toEqual(['{', '"a":[', '1,2', ',3,4', ',5', ']', ',"b":[1,2]', '}']);
  });

  it('leaves to JSON.stringify what has a toJSON or is not a plain object', () => {
    const withToJson = { a: [1, 2, 3], toJSON: () => 'replaced' };
    expect(join(withToJson, 1)).toBe('"replaced"');
    const arrayToJson = Object.assign([1, 2, 3], { toJSON: () => 'arr' });
    expect(join({ a: arrayToJson }, 1)).toBe('{"a":"arr"}');
    expect(join(new Date(0), 1)).toBe(JSON.stringify(new Date(0)));
    expect(join([1, 2, 3], 1)).toBe('[1,2,3]');
  });

  it('writes JSON.stringify(value) + "\\n", waiting for drain when the stream asks', async () => {
    const value = {
      claims: Array.from({ length: 20000 }, (_, i) => ({ i, name: '薬剤師' })),
      totals: { yen: 1 },
    };
    let written = '';
    let mostBuffered = 0;
    const slow: Writable = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        written += chunk.toString('utf8');
        mostBuffered = Math.max(mostBuffered, slow.writableLength);
        setImmediate(done);
      },
    });
    await writeJsonLine(value, slow);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(written).toBe(JSON.stringify(value) + '\n');
    // Never more than about one slice waiting in the stream, not the whole result.
    expect(written.length).toBeGreaterThan(400_000);
    expect(mostBuffered).toBeLessThan(150_000);
  });

  it('writes a small result in one write', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    await writeJsonLine({ month: '2024-07', claims: [] }, out);
    expect(chunks).toEqual(['{"month":"2024-07","claims":[]}\n']);
  });
});
