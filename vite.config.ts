import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Both apps build from one config: /citizen/ and /deputy/ are pages of one multi-page build,
// served by the API server from dist/. Tests (vitest) read the `test` block.
export default defineConfig({
  plugins: [vue()],
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
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
