// The house's layout (README "Layout"), read from the code's own imports: each layer imports only the
// layers below it (web → contract, core; server and cli → app; app → store; store → contract → core), no
// two files import each other in a loop, and no file of the layers around the engine grows past its size.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

type Layer = 'web' | 'server' | 'cli' | 'app' | 'store' | 'contract' | 'core' | 'schedules' | 'santei';

/** What each layer may import besides itself. */
const allowed: Record<Layer, readonly Layer[]> = {
  web: ['contract', 'core'],
  server: ['app', 'contract', 'core'],
  cli: ['app', 'contract', 'core', 'santei', 'schedules'],
  app: ['store', 'contract', 'core', 'santei'],
  store: ['contract', 'core'],
  contract: ['core'],
  santei: ['core', 'schedules'],
  schedules: ['core'],
  core: [],
};

function layerOf(file: string): Layer {
  if (file.startsWith('web/')) return 'web';
  if (file === 'src/santei.ts') return 'santei';
  const top = file.split('/')[1] as Layer;
  if (!(top in allowed)) throw new Error(`${file}: no layer`);
  return top;
}

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'dist' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Import {
  from: string;
  to: string;
  /** `import type` / `export type`: gone at run time. */
  typeOnly: boolean;
}

const files = [...sources('src'), ...sources('web/src')];
const known = new Set(files);

const imports: Import[] = files.flatMap((from) => {
  const text = readFileSync(join(root, from), 'utf8');
  const found: Import[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const target = relative(root, resolve(root, dirname(from), m[3]!)).replace(/\.js$/, '');
    const to = [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((f) => known.has(f));
    if (to) found.push({ from, to, typeOnly: m[2] !== undefined });
  }
  return found;
});

/** The files of each loop of imports (strongly connected components of more than one file). */
function loops(edges: readonly Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let n = 0;
  const visit = (v: string): void => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        on.delete(w);
        c.push(w);
        if (w === v) break;
      }
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return out;
}

describe('the layout of the house', () => {
  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.length).toBeGreaterThan(300);
  });

  it('each layer imports only the layers below it: web → contract, core; server, cli → app → store → contract → core', () => {
    const wrong = imports
      .filter((i) => layerOf(i.from) !== layerOf(i.to) && !allowed[layerOf(i.from)].includes(layerOf(i.to)))
      .map((i) => `${i.from} → ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('no files import each other in a loop at run time', () => {
    expect(loops(imports.filter((i) => !i.typeOnly))).toEqual([]);
  });

  it('no loop of imports, types included, outside the engine', () => {
    expect(loops(imports).filter((c) => c.some((f) => !f.startsWith('src/core/')))).toEqual([]);
  });

  it('no file around the engine over 900 lines, none of the store over 600', () => {
    const long = files
      .filter((f) => !f.startsWith('src/core/') && !f.startsWith('src/schedules/'))
      .map((f) => ({ f, lines: readFileSync(join(root, f), 'utf8').split('\n').length }))
      .filter(({ f, lines }) => lines > (f.startsWith('src/store/') ? 600 : 900))
      .map(({ f, lines }) => `${f}: ${lines}`);
    expect(long).toEqual([]);
  });
});
