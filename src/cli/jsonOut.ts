// Writing a large result as JSON without making it one string: the result of a big office-month is tens
// of MB of JSON (twice that in memory, as its Japanese messages make it a two-byte string), and the
// stream would copy it once more into a buffer. The pieces below are the bytes of JSON.stringify(value)
// exactly, made from slices of the long arrays (claims, rejections).

/** Array elements per piece. */
const CHUNK = 2000;
/** Pieces are gathered up to this many characters before a write. */
const FLUSH = 1 << 16;

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/**
 * The pieces of `JSON.stringify(value)`, in order. The top-level object's long arrays are stringified a
 * slice at a time; everything else as JSON.stringify does it. (An element's toJSON would see its index
 * within the slice: results are plain data and have none.)
 */
export function* jsonPieces(value: unknown, chunk = CHUNK): Generator<string> {
  if (!isPlainRecord(value)) {
    yield JSON.stringify(value);
    return;
  }
  yield '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue; // as JSON.stringify
    const head = `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(v) && v.length > chunk && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      yield `${head}[`;
      for (let i = 0; i < v.length; i += chunk) {
        const s = JSON.stringify(v.slice(i, i + chunk));
        yield (i === 0 ? '' : ',') + s.slice(1, -1);
      }
      yield ']';
    } else {
      yield head + JSON.stringify(v);
    }
  }
  yield '}';
}

/** Writes `JSON.stringify(value) + '\n'` to the stream piece by piece, waiting when it asks to. */
export async function writeJsonLine(
  value: unknown,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  let pending = '';
  const flush = async (): Promise<void> => {
    const s = pending;
    pending = '';
    if (!out.write(s)) await new Promise((resolve) => out.once('drain', resolve));
  };
  for (const piece of jsonPieces(value)) {
    if (pending.length > 0 && pending.length + piece.length > FLUSH) await flush();
    pending += piece;
  }
  pending += '\n';
  await flush();
}
