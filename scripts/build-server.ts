/**
 * `npm run build:server`: the production server at server/dist/main.js (with its chunks), run by
 * plain `node` (no tsx, no TypeScript at run time), and beside it backup.js, restore.js and
 * audit-verify.js, the same tools as `npm run backup|restore|audit:verify`. Our own code (server/src and shared/src) is
 * bundled; every npm package stays an import, resolved from node_modules, so a production install
 * (`npm ci --omit=dev`) must hold each one: tests/server/container.test.ts checks that.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export const SERVER_BUNDLE = `${root}server/dist/main.js`;

const OPTIONS: BuildOptions = {
  absWorkingDir: root,
  // the server, and the operator's tools a production install (no tsx) still needs
  entryPoints: {
    main: 'server/src/main.ts',
    backup: 'scripts/backup.ts',
    restore: 'scripts/restore.ts',
    'audit-verify': 'scripts/audit-verify.ts',
  },
  outdir: 'server/dist',
  // the shared client's lazily imported schemas become chunks of their own: without splitting,
  // esbuild would wrap them (and what imports them) in lazy initialisers
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  alias: { '@minqing/shared': './shared/src/index.ts' },
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
};

export async function buildServer(): Promise<Metafile> {
  rmSync(`${root}server/dist`, { recursive: true, force: true });
  return (await build(OPTIONS)).metafile!;
}

/** What the build would import, without writing it. */
export async function buildServerMetafile(): Promise<Metafile> {
  return (await build({ ...OPTIONS, write: false })).metafile!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const meta = await buildServer();
  const bytes = Object.values(meta.outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`已构建服务端 ${SERVER_BUNDLE}（${Math.round(bytes / 1024)} KB，含 source map）`);
}
