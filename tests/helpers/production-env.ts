/** The identity providers' settings a production start requires (their addresses are never called in these tests). */
export const IDP_ENV = {
  ZLB_BASE_URL: 'https://zlb.example.gov.cn',
  ZLB_APP_ID: 'minqingtong-pinghu',
  DING_BASE_URL: 'https://ding.example.gov.cn',
  DING_APP_KEY: 'app-key-pinghu',
  DING_APP_SECRET: 'app-secret-pinghu',
  DING_AGENT_ID: '20002',
  DING_CORP_ID: 'ding-pinghu-rd',
} as const;

/** Everything a production (not demo) start needs. */
export const PRODUCTION_ENV = {
  TOKEN_SECRET: 'a-token-secret-of-at-least-32-characters',
  AUDIT_SECRET: 'an-audit-secret-of-at-least-32-characters',
  PUBLIC_BASE_URL: 'https://minqing.example.gov.cn',
  ...IDP_ENV,
} as const;

/** Nothing of the demo or production settings inherited from whoever runs the tests: each test says what it sets. */
export const UNSET_ENV: Record<string, undefined> = Object.fromEntries(
  ['NODE_ENV', 'DEMO_MODE', ...Object.keys(PRODUCTION_ENV)].map((k) => [k, undefined]),
);
