/**
 * `npm start`: builds the two apps when their sources are newer than the last build, then
 * runs the server (which migrates and, in demo mode, seeds the database on its own).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const builtMarker = join(root, 'dist', 'citizen-h5', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['citizen-h5', 'deputy-h5', 'shared'].map((d) => join(root, d)).filter(existsSync);
const sourceTime = Math.max(...sources.map(newestMtime), statSync(join(root, 'vite.config.ts')).mtimeMs);
const needsBuild = !existsSync(builtMarker) || !existsSync(join(root, 'dist', 'deputy-h5', 'index.html')) || statSync(builtMarker).mtimeMs < sourceTime;

if (needsBuild) {
  console.log('正在构建群众端和工作端页面…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import('../server/src/main.js');
