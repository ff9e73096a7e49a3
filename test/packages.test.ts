// The runtime we ship on: every package that `npm ci` installs on Linux accepts the oldest Node.js that
// package.json promises (so `npm ci` prints no EBADENGINE warning), and the overrides that make it so are
// the versions installed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import semver from 'semver';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
  overrides?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string }; os?: string[]; cpu?: string[] }>;
};

/** The oldest Node.js of each part of `engines.node` ("^20.19.0 || ^22.13.0 || >=24": 20.19.0, 22.13.0, 24.0.0). */
function promisedNodes(range: string): string[] {
  return range.split('||').map((part) => semver.minVersion(part.trim())!.version);
}

/** A package npm installs on this platform (optional native bindings of other systems are skipped). */
function installedOn(p: { os?: string[]; cpu?: string[] }, os: string, cpu: string): boolean {
  return (!p.os || p.os.includes(os)) && (!p.cpu || p.cpu.includes(cpu));
}

describe('dependencies and the Node.js we ship on', () => {
  const nodes = promisedNodes(pkg.engines.node);

  it('package.json promises Node.js 20 from 20.19 (the runtime we ship on)', () => {
    expect(nodes[0]).toBe('20.19.0');
  });

  for (const node of nodes) {
    it(`every installed package accepts Node.js ${node} (no EBADENGINE on npm ci)`, () => {
      const refusing = Object.entries(lock.packages)
        .filter(([path, p]) => path !== '' && installedOn(p, 'linux', 'x64'))
        .filter(([, p]) => p.engines?.node && !semver.satisfies(node, p.engines.node))
        .map(([path, p]) => `${path}@${p.version} (node ${p.engines!.node})`);
      expect(refusing).toEqual([]);
    });
  }

  it('the overridden packages are installed at the overriding version', () => {
    for (const [name, version] of Object.entries(pkg.overrides ?? {})) {
      const installed = Object.entries(lock.packages)
        .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
        .map(([, p]) => p.version);
      expect(installed.length, name).toBeGreaterThan(0);
      expect(new Set(installed), name).toEqual(new Set([version]));
    }
  });
});
