import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { VantResolver } from '@vant/auto-import-resolver';
import Components from 'unplugin-vue-components/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** A url(…) on another origin: with a scheme, or protocol-relative (//host/…). */
const REMOTE_URL = /url\(\s*["']?(?:[a-z][a-z0-9+.-]*:)?\/\/(?!\/)/i;

/**
 * Every asset from our own origin: Vant's icon font is inline in its stylesheet (a data: woff2)
 * with a fallback on a CDN (at.alicdn.com) that our CSP blocks, a console error on every page, and
 * that a government network may not reach at all. This drops such fallbacks from `@font-face` src
 * lists and fails the build if any stylesheet still points off-origin.
 */
function ownOriginCss(): Plugin {
  return {
    name: 'minqing:own-origin-css',
    enforce: 'pre',
    transform(code, id) {
      if (!id.split('?')[0]!.endsWith('.css')) return null;
      const kept = code.replace(/,\s*url\(\s*["']?(?:https?:)?\/\/[^)]*\)\s*format\([^)]*\)/gi, '');
      if (REMOTE_URL.test(kept)) this.error(`${id} 引用了外部地址的资源（url(//…)）：所有资源须由本站提供`);
      return kept === code ? null : { code: kept, map: null };
    },
  };
}

/** What is worth compressing: text. The app shells are not here: the server edits them at start (demo ribbon, corpId). */
const PRECOMPRESS = /\.(?:js|css|svg|json|txt)$/;

/**
 * Writes `<asset>.br` (brotli 11) and `<asset>.gz` (gzip 9) beside each text asset of the build,
 * which server/src/http/static.ts sends as they are: the slow, small encodings are paid once here
 * rather than by every server process on its first requests (seconds of CPU for a large chunk).
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = '';
  return {
    name: 'minqing:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => PRECOMPRESS.test(f));
      await Promise.all(
        files.map(async (f) => {
          const path = join(outDir, f);
          const raw = await readFile(path);
          if (raw.length <= 512) return;
          const [b, g] = await Promise.all([
            br(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            gz(raw, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${path}.br`, b), writeFile(`${path}.gz`, g)]);
        }),
      );
    },
  };
}

/**
 * Vant is registered once, here: every <van-*> a template uses is imported with its stylesheet by
 * the resolver, page by page, so a page loads only the components it shows. Our own components stay
 * explicit imports (`dirs: []`). The declarations file lets vue-tsc check the templates' props.
 */
const vantComponents = Components({ dirs: [], resolvers: [VantResolver()], dts: here('./h5-common/src/vant-components.d.ts') });

// Both apps build from one config: /citizen/ and /deputy/ are pages of one multi-page build,
// served by the API server from dist/. Tests (vitest) read the `test` block.
export default defineConfig({
  plugins: [vue(), vantComponents, ownOriginCss(), precompress()],
  base: '/',
  // also what vitest resolves; h5-common/ is browser code of both apps, imported by subpath
  resolve: { alias: { '@minqing/shared': here('./shared/src/index.ts'), '@minqing/h5-common': here('./h5-common/src') } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    rolldownOptions: {
      input: {
        citizen: here('./citizen-h5/index.html'),
        deputy: here('./deputy-h5/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/mock-idp': 'http://127.0.0.1:8080' },
  },
  test: {
    // vitest's default leaves a core free (availableParallelism − 1): one worker for all three
    // projects on a 2-core machine, where browser and server tests mostly wait on other processes
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // three projects, fastest first in the pyramid: `npx vitest run --project unit` runs in seconds
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/shared/**/*.test.ts', 'tests/classifier/**/*.test.ts', 'tests/ui/**/*.test.ts', 'tests/lint/**/*.test.ts'],
          // pure code and components: threads start faster than processes; tests/ui files ask for
          // happy-dom in their first line (`// @vitest-environment happy-dom`)
          environment: 'node',
          pool: 'threads',
          // Vant's ES build imports its stylesheets: through Vite (which drops CSS in tests), not Node
          server: { deps: { inline: ['vant'] } },
          testTimeout: 30_000,
          // the classifier's data set (../shared/data) is read in beforeAll: seconds on a busy 2-core machine
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          globalSetup: ['tests/server/global-setup.ts'],
          environment: 'node',
          // better-sqlite3 and child processes: a process per file
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // only the browser tests need the built apps
          globalSetup: ['tests/global-setup.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
