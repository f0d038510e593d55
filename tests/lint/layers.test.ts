import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import zones of eslint.config.js, proved on small snippets: each zone reports a forbidden
// import and lets an allowed one through (a zone that matched nothing would pass lint silently).
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: fileURLToPath(new URL('../../eslint.config.js', import.meta.url)) });
const ZONE_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-globals',
  'no-restricted-syntax',
]);

/** The zone rules' messages for `code` as if it were the file at `path` (relative to the repository). */
async function zoneProblems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return result!.messages.filter((m) => m.ruleId && ZONE_RULES.has(m.ruleId)).map((m) => m.message);
}

const forbidden: [zone: string, file: string, code: string][] = [
  ['shared → server', 'shared/src/x.ts', `import '../../server/src/app.js';`],
  ['shared → an app', 'shared/src/x.ts', `import '../../citizen-h5/src/api.js';`],
  ['shared → h5-common', 'shared/src/x.ts', `import '@minqing/h5-common/storage';`],
  ['shared → node:', 'shared/src/x.ts', `import 'node:fs';`],
  ['shared → vue', 'shared/src/x.ts', `import 'vue';`],
  ['shared → vant', 'shared/src/x.ts', `import 'vant';`],
  ['shared → axios (the library)', 'shared/src/x.ts', `import axios from 'axios';\nexport const a = axios;`],
  ['shared → a DOM global', 'shared/src/x.ts', `export const w = window.innerWidth;`],
  ['shared → a node global', 'shared/src/x.ts', `export const e = process.env;`],
  ['citizen-h5 → server', 'citizen-h5/src/x.ts', `import '../../server/src/deps.js';`],
  ['citizen-h5 → deputy-h5', 'citizen-h5/src/x.ts', `import '../../deputy-h5/src/api.js';`],
  [
    'deputy-h5 (vue) → server',
    'deputy-h5/src/X.vue',
    `<script setup lang="ts">\nimport '../../server/src/deps.js';\n</script>\n<template><div /></template>\n`,
  ],
  ['h5-common → server', 'h5-common/src/x.ts', `import '../../server/src/deps.js';`],
  ['h5-common → an app', 'h5-common/src/x.ts', `import '../../deputy-h5/src/api.js';`],
  ['server → an app', 'server/src/routes/x.ts', `import '../../../citizen-h5/src/api.js';`],
  ['server → h5-common', 'server/src/app.ts', `import '@minqing/h5-common/storage';`],
  ['domain → routes', 'server/src/domain/x.ts', `import '../routes/reference.js';`],
  ['domain → http', 'server/src/domain/x.ts', `import '../http/errors.js';`],
  ['domain → seed', 'server/src/domain/x.ts', `import '../seed/pinghu.js';`],
  ['repos → domain', 'server/src/repos/x.ts', `import '../domain/audit.js';`],
  ['repos → routes', 'server/src/repos/x.ts', `import '../routes/field.js';`],
  ['repos → http', 'server/src/repos/x.ts', `import '../http/auth.js';`],
  ['http → domain', 'server/src/http/x.ts', `import '../domain/session.js';`],
  ['http → routes', 'server/src/http/x.ts', `import '../routes/cases.js';`],
  ['http → repos', 'server/src/http/x.ts', `import '../repos/users.js';`],
  ['db → repos', 'server/src/db/x.ts', `import '../repos/cases.js';`],
  ['db (a migration) → domain', 'server/src/db/migrations/x.ts', `import '../../domain/calendar.js';`],
];

const allowed: [zone: string, file: string, code: string][] = [
  ['shared → zod and itself', 'shared/src/x.ts', `import 'zod';\nimport './errors.js';`],
  ['shared → axios types', 'shared/src/x.ts', `import type { AxiosInstance } from 'axios';\nexport type A = AxiosInstance;`],
  [
    'an app → shared, h5-common, vue, vant',
    'citizen-h5/src/x.ts',
    `import '@minqing/shared';\nimport '@minqing/h5-common/storage';\nimport 'vue';\nimport 'vant';`,
  ],
  ['an app → the DOM', 'deputy-h5/src/x.ts', `export const w = window.innerWidth;`],
  ['h5-common → shared', 'h5-common/src/x.ts', `import '@minqing/shared';`],
  [
    'routes → domain, repos, http',
    'server/src/routes/x.ts',
    `import '../domain/cases.js';\nimport '../repos/cases.js';\nimport '../http/auth.js';`,
  ],
  [
    'domain → repos, db, shared, itself',
    'server/src/domain/x.ts',
    `import '../repos/cases.js';\nimport '../db/open.js';\nimport '@minqing/shared';\nimport './calendar.js';`,
  ],
  ['repos → db', 'server/src/repos/x.ts', `import '../db/open.js';\nimport './statements.js';`],
  ['http → itself and shared', 'server/src/http/x.ts', `import './errors.js';\nimport '@minqing/shared';`],
  ['db → itself', 'server/src/db/migrations/x.ts', `import '../open.js';\nimport './001-core-schema.js';`],
  [
    'the composition root → every layer',
    'server/src/app.ts',
    `import './routes/cases.js';\nimport './http/auth.js';\nimport './domain/cases.js';`,
  ],
  ['tests → the server', 'tests/server/x.test.ts', `import '../../server/src/app.js';`],
];

describe('layer zones (eslint.config.js)', () => {
  it.each(forbidden)('should report an import across a layer: %s', async (_zone, file, code) => {
    expect(await zoneProblems(file, code)).not.toEqual([]);
  });

  it.each(allowed)('should let an allowed import through: %s', async (_zone, file, code) => {
    expect(await zoneProblems(file, code)).toEqual([]);
  });
});

// Domain and routes reach the database only through repos/: no statement, transaction or handle of their own.
const sqlForbidden: [what: string, file: string, code: string][] = [
  ['domain: deps.db.prepare', 'server/src/domain/x.ts', `export const f = (deps) => deps.db.prepare('SELECT 1').get();`],
  ['domain: a Db passed in', 'server/src/domain/x.ts', `export const f = (db) => db.prepare('SELECT 1').get();`],
  ['domain: deps.sql', 'server/src/domain/x.ts', `export const f = (deps, t) => deps.sql(\`SELECT \${t}\`).all();`],
  ['domain: db.exec', 'server/src/domain/x.ts', `export const f = (db) => db.exec('DELETE FROM cases');`],
  ['domain: db.transaction', 'server/src/domain/x.ts', `export const f = (db, g) => db.transaction(g).immediate();`],
  ['domain: db.pragma', 'server/src/domain/x.ts', `export const f = (db) => db.pragma('user_version');`],
  ['route: the handle from the context', 'server/src/routes/x.ts', `export const f = (c) => c.get('deps').db;`],
];
const sqlAllowed: [what: string, file: string, code: string][] = [
  ['repos: prepared statements', 'server/src/repos/x.ts', `export const f = (db) => db.prepare('SELECT 1').get();`],
  [
    'domain: a repository and a transaction through deps',
    'server/src/domain/x.ts',
    `export const f = (deps) => deps.immediate(() => deps.cases.get('x'));`,
  ],
  ['domain: a regular expression', 'server/src/domain/x.ts', `export const f = (s) => /^a(b)$/.exec(s)?.[1];`],
  ['the seed: the database itself', 'server/src/seed/x.ts', `export const f = (db) => db.exec('DELETE FROM cases');`],
];

describe('database access (eslint.config.js)', () => {
  it.each(sqlForbidden)('should report SQL outside repos/: %s', async (_what, file, code) => {
    const problems = await zoneProblems(file, code);
    expect(problems).not.toEqual([]);
    for (const p of problems) expect(p).toContain('repos/');
  });

  it.each(sqlAllowed)('should let it through: %s', async (_what, file, code) => {
    expect(await zoneProblems(file, code)).toEqual([]);
  });
});
