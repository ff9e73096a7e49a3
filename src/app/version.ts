// The engine version stamped on every claim version and shown by the API: the package's version.
import { readFileSync } from 'node:fs';

export const ENGINE_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();
