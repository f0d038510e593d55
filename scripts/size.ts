/**
 * npm run size — what the citizen app's QR landing page (/citizen/d/:code) makes a phone
 * download on a cold visit, against the budgets of issue 3: JS ≤ 100 kB gzip, CSS ≤ 40 kB
 * gzip. Counted from the build: the page shell's entry script with its static imports and
 * preloads, plus the landing route's lazy chunk with everything Vite preloads with it
 * (its JS dependencies and CSS). Sizes are gzip level 9 (as the server sends them;
 * brotli, which modern browsers get, is shown too). 1 kB = 1000 bytes, as Vite prints.
 * Exits 1 over budget. Builds the apps first when they are stale.
 *
 *   npx tsx scripts/size.ts [--dist dir] [--route DeputyPage]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildAppsIfStale } from './build-if-stale.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const distArg = arg('dist');
const dist = resolve(root, distArg ?? 'dist');
const routeChunk = arg('route') ?? 'DeputyPage';
const BUDGET = { js: 100_000, css: 40_000 };

if (!distArg) buildAppsIfStale();

const read = (asset: string) => readFileSync(join(dist, asset.replace(/^\//, '')));
const html = read('citizen-h5/index.html').toString('utf8');

const attr = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!.replace(/^\//, ''));
const entry = attr(/<script[^>]+type="module"[^>]+src="([^"]+)"/g);
const preloads = attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g);
const styles = attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
if (!entry.length) throw new Error('no module script in dist/citizen-h5/index.html');

const js = new Set<string>();
const css = new Set<string>(styles);

/** A chunk and everything it imports statically (it cannot run before they are loaded). */
function addWithImports(asset: string) {
  if (js.has(asset)) return;
  js.add(asset);
  const code = read(asset).toString('utf8');
  const dir = asset.slice(0, asset.lastIndexOf('/') + 1);
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["'`](\.\/[^"'`]+\.js)["'`]/g)) {
    addWithImports(dir + m[1]!.slice(2));
  }
}
for (const a of [...entry, ...preloads]) addWithImports(a);

// The landing route's lazy chunk: `import("./DeputyPage-….js"),__vite__mapDeps([…])` in the
// router, whose indices point into the list Vite preloads with it (JS and CSS).
let found = false;
for (const asset of [...js]) {
  const code = read(asset).toString('utf8');
  const call = new RegExp(`import\\(["'\`]\\./(${routeChunk}-[\\w-]+\\.js)["'\`]\\)(?:,__vite__mapDeps\\(\\[([\\d,]*)\\]\\))?`).exec(code);
  if (!call) continue;
  found = true;
  const dir = asset.slice(0, asset.lastIndexOf('/') + 1);
  addWithImports(dir + call[1]!);
  if (call[2]) {
    const list = /m\.f=(\[[^\]]*\])/.exec(code);
    if (!list) throw new Error('found the route chunk but not Vite’s preload list');
    const files = JSON.parse(list[1]!) as string[];
    for (const i of call[2].split(',').map(Number)) {
      const dep = files[i]!;
      if (dep.endsWith('.css')) css.add(dep);
      else addWithImports(dep);
    }
  }
}
if (!found) throw new Error(`no lazy chunk named ${routeChunk}-*.js is imported by the citizen entry`);

interface Row {
  asset: string;
  raw: number;
  gzip: number;
  br: number;
}
const measure = (asset: string): Row => {
  const bytes = read(asset);
  return {
    asset,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    br: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

let failed = false;
console.log(`QR landing route /citizen/d/:code, cold load (${distArg ? dist : 'dist/'}; route chunk ${routeChunk})`);
for (const [kind, set, budget] of [
  ['JS', js, BUDGET.js],
  ['CSS', css, BUDGET.css],
] as const) {
  const rows = [...set]
    .filter((a) => existsSync(join(dist, a)))
    .map(measure)
    .sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }), { raw: 0, gzip: 0, br: 0 });
  console.log(`\n  ${pad(kind + ' file', 52)}${lpad('raw', 10)}${lpad('gzip', 10)}${lpad('brotli', 10)}`);
  for (const r of rows) console.log(`  ${pad(r.asset, 52)}${lpad(kb(r.raw), 10)}${lpad(kb(r.gzip), 10)}${lpad(kb(r.br), 10)}`);
  const over = total.gzip > budget;
  failed ||= over;
  console.log(
    `  ${pad(`${kind} total (${rows.length} files)`, 52)}${lpad(kb(total.raw), 10)}${lpad(kb(total.gzip), 10)}${lpad(kb(total.br), 10)}   budget ${kb(budget)} gzip: ${over ? 'OVER' : 'ok'}`,
  );
}
console.log(failed ? '\nsize: over budget' : '\nsize: within budget');
process.exit(failed ? 1 : 0);
