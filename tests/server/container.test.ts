import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildServerMetafile } from '../../scripts/build-server.js';

/**
 * No container engine runs here: what can be checked without one is that the image's files say
 * what docs/operations.md promises, and that the production install the image makes (dependencies
 * only) holds every package the built server imports.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');
const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('the container', () => {
  it('should build in one stage and run in another, as the node user under tini, with data in /data and a liveness HEALTHCHECK', () => {
    const dockerfile = read('Dockerfile');
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\w+)$/gm)].map((m) => m[2]);
    expect(stages).toEqual(['build', 'run']);
    const run = dockerfile.slice(dockerfile.indexOf('AS run'));
    expect(run).toMatch(/^USER node$/m);
    expect(run).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(run).toMatch(/^CMD \["node", "server\/dist\/main\.js"\]$/m);
    expect(run).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(run).toContain('DB_FILE=/data/minqing.db');
    expect(run).toMatch(/HEALTHCHECK[\s\S]*\/api\/health\/live/);
    expect(dockerfile).toContain('npm prune --omit=dev');
    // what the run stage copies is what `npm run build` makes (and the model it ships with)
    for (const [, from] of run.matchAll(/^COPY --from=build \/app\/(\S+) /gm)) expect(existsSync(`${root}${from}`), from).toBe(true);

    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'data', '.git', '.env']) expect(ignored).toContain(entry);

    const compose = read('compose.yaml');
    expect(compose).toMatch(/volumes:\n\s+- minqing-data:\/data/);
    expect(compose).toMatch(/^volumes:\n\s+minqing-data:/m);
    for (const name of ['TOKEN_SECRET', 'AUDIT_SECRET', 'PUBLIC_BASE_URL', 'ZLB_BASE_URL', 'DING_CORP_ID']) {
      expect(compose).toContain(`${name}: \${${name}:?`);
    }
  });

  it('should import from npm only what a production install has (dependencies, not devDependencies)', async () => {
    const meta = await buildServerMetafile();
    const imported = new Set(
      Object.values(meta.outputs)
        .flatMap((o) => o.imports)
        .filter((i) => i.external)
        .map((i) => i.path),
    );
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const packageOf = (path: string) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]!);
    const packages = [...imported].filter((p) => !builtins.has(p)).map(packageOf);
    expect(packages).toContain('better-sqlite3');
    for (const p of packages) expect(pkg.dependencies, `${p} must be a dependency`).toHaveProperty([p]);
    // the one package loaded by require at run time (the ledger export)
    expect(read('server/src/domain/stats-export.ts')).toContain("require('exceljs')");
    expect(pkg.dependencies).toHaveProperty(['exceljs']);
  });
});
