/**
 * Numbered migrations, applied in order by `migrate()` (db/open.ts); `PRAGMA user_version` records the
 * last one applied. One file each, listed here in their order. Never edit a migration that has shipped
 * (databases at its version would not get the change): add the next file and list it last.
 */
import m001 from './001-core-schema.js';
import m002 from './002-case-event-hash-chain.js';
import m003 from './003-routing-index.js';
import m004 from './004-stats-sums.js';
import m005 from './005-unit-returns.js';
import m006 from './006-unit-returns-by-category.js';
import m007 from './007-reply-review.js';
import m008 from './008-case-event-chain-head.js';
import m009 from './009-stats-month-region.js';
import m010 from './010-extension-pending-index.js';
import m011 from './011-admin-events.js';
import m012 from './012-deputy-roster.js';
import m013 from './013-units-and-categories.js';
import m014 from './014-stations.js';
import m015 from './015-unused-uploads-index.js';
import m016 from './016-villages.js';
import m017 from './017-sign-in-lockouts.js';
import m018 from './018-idempotency-body-hash.js';
import m019 from './019-notification-repeats.js';
import m020 from './020-audit-seals.js';
import m021 from './021-admin-event-actions.js';
import m022 from './022-screen-credentials.js';

export const MIGRATIONS: readonly string[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
  m013,
  m014,
  m015,
  m016,
  m017,
  m018,
  m019,
  m020,
  m021,
  m022,
];
