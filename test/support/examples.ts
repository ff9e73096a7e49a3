// The worked examples the tests run (month inputs with their expected results): the copy kept in
// test/fixtures/examples, so that the suite needs nothing outside the repository. Where the examples'
// source folder (shared/examples) stands beside the repository, each of its files that the copy lacks
// or holds otherwise is run too, so that the copy cannot fall behind unseen; without it, the copy alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { besideRepo } from './beside.js';

const fixtures = join(import.meta.dirname, '../fixtures/examples');
const shared = besideRepo('examples');

export interface ExampleFile {
  /** The file name ("ex01.json"); "shared/ex08.json" for a file only the source folder has as it is. */
  file: string;
  /** The parsed JSON of the file. */
  json: unknown;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function exampleFiles(): ExampleFile[] {
  const out = jsonFiles(fixtures).map((file) => ({
    file,
    text: readFileSync(join(fixtures, file), 'utf8'),
  }));
  if (shared) {
    const copied = new Map(out.map((x) => [x.file, x.text]));
    for (const file of jsonFiles(shared)) {
      const text = readFileSync(join(shared, file), 'utf8');
      if (copied.get(file) !== text) out.push({ file: `shared/${file}`, text });
    }
  }
  return out.map(({ file, text }) => ({ file, json: JSON.parse(text) as unknown }));
}
