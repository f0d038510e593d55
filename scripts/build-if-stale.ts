/**
 * Builds both apps with Vite when dist/ is missing or older than their sources; used by
 * `npm start` and by the browser tests' global setup, so neither builds twice for nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

export function appsAreStale(): boolean {
  const shells = ['citizen-h5', 'deputy-h5'].map((app) => join(root, 'dist', app, 'index.html'));
  if (!shells.every(existsSync)) return true;
  const built = Math.min(...shells.map((f) => statSync(f).mtimeMs));
  const sources = ['citizen-h5', 'deputy-h5', 'h5-common', 'shared', 'vite.config.ts', 'package-lock.json'].map((p) =>
    newestMtime(join(root, p)),
  );
  return built < Math.max(...sources);
}

export function buildAppsIfStale(log: (msg: string) => void = console.log): void {
  if (!appsAreStale()) return;
  log('正在构建群众端和工作端页面…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // what users get, whoever asks: under vitest NODE_ENV is "test", and Vite would build Vue's development bundle
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}
