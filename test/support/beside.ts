// The project's source texts (spec, examples) may stand beside the repository in a folder named
// `shared`. Tests that compare against them run only where it is there; the suite never needs it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');

/** The path of `shared/<parts…>` beside the repository, or undefined where it is not there. */
export function besideRepo(...parts: string[]): string | undefined {
  const path = join(repoRoot, '..', 'shared', ...parts);
  return existsSync(path) ? path : undefined;
}
