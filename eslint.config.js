// The lint of the whole tree, and the layers it keeps. Syntax-only typescript-eslint (no type
// information) so that `npm run lint` stays fast on a two-core machine; `npm run typecheck` does the rest.
import js from '@eslint/js';
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

/** An import whose path, relative or aliased, names one of these top-level folders of the tree. */
const folder = (...names) => `(^|/)(${names.join('|')})(/|$)`;
/** A relative import that climbs out of `server/src/<layer>/` into one of these sibling folders of server/src. */
const sibling = (...names) => `^(\\.\\./)+(${names.join('|')})(/|\\.js$|$)`;

const zone = (regex, message) => ({ regex, message });

/** What no file of a side may import, whatever folder of that side it sits in. */
const NO_SERVER = zone(folder('server'), '前端与 shared 不得引用 server/（apps → shared ← server）');
const NO_APPS = zone(
  `${folder('citizen-h5', 'deputy-h5', 'h5-common')}|^@minqing/h5-common`,
  'server 与 shared 不得引用前端代码（citizen-h5、deputy-h5、h5-common）',
);
const NODE_BUILTINS = [
  '^node:',
  `^(${['fs', 'path', 'os', 'crypto', 'http', 'https', 'url', 'stream', 'util', 'zlib', 'child_process', 'worker_threads', 'buffer', 'events'].join('|')})(/|$)`,
];

/**
 * The layers, one block per folder (a later block's options replace an earlier one's for the same
 * rule, so each block lists everything its folder may not import).
 * server/src: routes → domain → repos → db; http (middleware) below routes, beside the domain;
 * ops (logs, metrics, health, workers) over the domain, used by routes and the entry file.
 */
const SERVER_LAYERS = {
  'server/src/domain/**': [
    zone(
      sibling('routes', 'http', 'seed', 'app', 'ops'),
      '领域层（domain）不得引用 routes/、http/、seed/、ops/：把被引用的东西移到它该在的层',
    ),
  ],
  'server/src/repos/**': [
    zone(sibling('domain', 'routes', 'http', 'seed', 'app', 'ops'), '数据层（repos）不得引用 domain/、routes/、http/、seed/、ops/'),
  ],
  'server/src/http/**': [
    zone(sibling('domain', 'routes', 'repos', 'seed', 'app', 'ops'), 'http/（中间件）不得引用 domain/、routes/、repos/、seed/、ops/'),
  ],
  // running the service (logs, metrics, health, workers, backups, shutdown): over the domain, under the app
  'server/src/ops/**': [zone(sibling('routes', 'seed', 'app'), 'ops/（运维）不得引用 routes/、seed/、app')],
  'server/src/db/**': [
    zone(sibling('domain', 'routes', 'repos', 'http', 'seed', 'app', 'deps', 'ops'), 'db/ 是最底层：不得引用它之上的任何层'),
  ],
};

/**
 * Domain and routes reach the database through the repositories (server/src/repos) only: no
 * statement, transaction or handle of their own. A regex's `.exec` stays allowed.
 */
const NO_SQL_MESSAGE = '领域层（domain）和路由（routes）不得直接访问数据库：把 SQL 放进 repos/ 的仓储函数，事务用 deps.immediate';
const NO_SQL_ACCESS = [
  'CallExpression[callee.property.name=/^(prepare|sql|pragma|transaction)$/]',
  'CallExpression[callee.property.name="exec"]:not([callee.object.regex])',
  'MemberExpression[property.name="db"]',
].map((selector) => ({ selector, message: NO_SQL_MESSAGE }));

const serverZone = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [NO_APPS, ...patterns] }] },
});

const BROWSER_ONLY_GLOBALS = Object.keys(globals.browser).filter((g) => !(g in globals.es2021) && !(g in globals.node));
const NODE_ONLY_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate'];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'tests/artifacts/**', 'tests/fixtures/**', 'docs/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // `_`-prefixed names are the house way to say "deliberately unused"
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // text checks match control and invisible characters on purpose: that is how they refuse them
      'no-control-regex': 'off',
      // a `let` a closure reads before the one assignment (a server's fetch before the app exists)
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Layout is Prettier's job (.prettierrc.json): these rules of vue's recommended set only restate it.
    files: ['**/*.vue'],
    rules: Object.fromEntries(
      [
        'max-attributes-per-line',
        'singleline-html-element-content-newline',
        'multiline-html-element-content-newline',
        'html-indent',
        'html-self-closing',
        'html-closing-bracket-newline',
        'html-closing-bracket-spacing',
        'first-attribute-linebreak',
        'html-quotes',
      ].map((rule) => [`vue/${rule}`, 'off']),
    ),
  },
  // Where each part runs: the apps and h5-common in the browser, the server, scripts and tests in node.
  { files: ['citizen-h5/**', 'deputy-h5/**', 'h5-common/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['server/**', 'scripts/**', 'tests/**', '*.js', '*.ts'], languageOptions: { globals: { ...globals.node } } },
  { files: ['tests/e2e/**'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },

  // apps → shared ← server: the contract imports no side, and no DOM or node.
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_SERVER,
            NO_APPS,
            zone(NODE_BUILTINS.join('|'), 'shared/ 在浏览器和 node 里都要能跑：不得引用 node 模块'),
            zone(
              '^(vue|vant|vue-router|pinia|hono|better-sqlite3|sharp)(/|$)',
              'shared/ 只放契约（zod 结构、错误码）：不得引用框架或服务端库',
            ),
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        // the typed client takes each app's axios instance: its types only, never the library itself
        { paths: [{ name: 'axios', message: 'shared/ 只可引用 axios 的类型（import type）', allowTypeImports: true }] },
      ],
      'no-restricted-globals': [
        'error',
        ...[...BROWSER_ONLY_GLOBALS, ...NODE_ONLY_GLOBALS].map((name) => ({
          name,
          message: 'shared/ 不得使用浏览器或 node 专有的全局对象',
        })),
      ],
    },
  },
  {
    files: ['citizen-h5/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_SERVER, zone(folder('deputy-h5'), '两个应用互不引用：共用的放进 h5-common/')] }],
    },
  },
  {
    files: ['deputy-h5/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_SERVER, zone(folder('citizen-h5'), '两个应用互不引用：共用的放进 h5-common/')] }],
    },
  },
  {
    files: ['h5-common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NO_SERVER, zone(folder('citizen-h5', 'deputy-h5'), 'h5-common/ 是两个应用共用的：不得引用某一个应用')] },
      ],
    },
  },
  serverZone(['server/**'], []),
  ...Object.entries(SERVER_LAYERS).map(([files, patterns]) => serverZone([files], patterns)),
  { files: ['server/src/domain/**', 'server/src/routes/**'], rules: { 'no-restricted-syntax': ['error', ...NO_SQL_ACCESS] } },
);
