import type { ReplyReviewSettings } from '@minqing/shared';
import { ReloadingClassifier, DEFAULT_MODEL_FILE, type Classifier } from './classifier/index.js';
import { dataVersion } from './db/data-version.js';
import { groupCommitter } from './db/group-commit.js';
import type { Db } from './db/open.js';
import { sealUnkeyedChains } from './domain/audit.js';
import { WorkCalendar } from './domain/calendar.js';
import { uploadSigner } from './domain/signing.js';
import { limitsFrom, type TimeLimits } from './domain/limits.js';
import { REPLY_REVIEW_KEY, loadReplyReview } from './domain/reply-review.js';
import { adminRepo } from './repos/admin.js';
import { caseTextsRepo } from './repos/case-texts.js';
import { casesRepo } from './repos/cases.js';
import { eventsRepo } from './repos/events.js';
import { fieldRepo } from './repos/field.js';
import { healthRepo } from './repos/health.js';
import { holidaysRepo } from './repos/holidays.js';
import { idempotencyRepo } from './repos/idempotency.js';
import { notificationsRepo } from './repos/notifications.js';
import { referenceRepo } from './repos/reference.js';
import { screenCredentialsRepo } from './repos/screen-credentials.js';
import { settingsRepo } from './repos/settings.js';
import { statsRepo } from './repos/stats.js';
import { uploadsRepo } from './repos/uploads.js';
import { usersRepo } from './repos/users.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** One loaded model per file for the whole process; it reloads itself when `npm run train` rewrites the file. */
const classifiers = new Map<string, ReloadingClassifier>();
function classifierFor(file: string): Classifier {
  let c = classifiers.get(file);
  if (!c) classifiers.set(file, (c = new ReloadingClassifier(file)));
  return c;
}

/** What the server signs with, each kept outside the database: tokens and upload links; the audit chain. */
export interface Secrets {
  token: string;
  audit: string;
}

/**
 * The repositories and domain helpers over one database, built once per app (and per seed). A database
 * whose events were hashed without the audit key is sealed under it first, before anything appends.
 */
export function buildDeps(
  db: Db,
  clock: Clock,
  secrets: Secrets,
  classifierFile = DEFAULT_MODEL_FILE,
  /** Where the one-time sealing of an old audit chain is reported (the server's logger). */
  report: (message: string) => void = console.log,
) {
  const upgrade = sealUnkeyedChains(db, secrets.audit, clock.now());
  if (upgrade) {
    report(
      `审计链已启用密钥：${upgrade.sealed} 件民情件的旧记录已封存` +
        (upgrade.broken.length ? `，${upgrade.broken.length} 件的旧记录链已不完整，未封存（npm run audit:verify 列出）` : ''),
    );
  }
  const settings = settingsRepo(db);
  const holidays = holidaysRepo(db);
  // what an admin may change while the server runs: read through the getters, changed through the setters
  let limits: TimeLimits = limitsFrom(settings.get('limits'));
  let replyReview = loadReplyReview(settings.get(REPLY_REVIEW_KEY));
  let calendar = new WorkCalendar(holidays.all());
  const deps = {
    /** For the repositories, the seed and the tests: domain and routes reach the database through repos (eslint.config.js). */
    db,
    clock,
    get limits() {
      return limits;
    },
    /** 答复审核: regions whose unit replies the office reviews first (changed by an admin). */
    get replyReview() {
      return replyReview;
    },
    /** The working-day calendar over the holiday table (节假日安排). */
    get calendar() {
      return calendar;
    },
    /** `fn` in one IMMEDIATE transaction: the write and what goes with it stand or fall together. */
    immediate: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    settings,
    signer: uploadSigner(secrets.token, () => clock.now()),
    /** 马上分: the category classifier (loaded on first use). */
    classifier: () => classifierFor(classifierFile),
    /** Changes whenever the database may have changed (the ETags of revalidated answers, etag.ts, and the cockpit's remembered figures are made from it). */
    dataVersion: dataVersion(db),
    /** Request writes go through here: acknowledged only once durably committed. */
    writes: groupCommitter(db),
    reference: referenceRepo(db),
    users: usersRepo(db),
    cases: casesRepo(db),
    events: eventsRepo(db, secrets.audit),
    uploads: uploadsRepo(db),
    idempotency: idempotencyRepo(db),
    notifications: notificationsRepo(db),
    stats: statsRepo(db),
    admin: adminRepo(db),
    /** 大屏凭证: wall screens' read-only credentials. */
    screenCredentials: screenCredentialsRepo(db),
    holidays,
    field: fieldRepo(db),
    caseTexts: caseTextsRepo(db),
    health: healthRepo(db),
    /** Re-read what the seed or an admin changed (reference lists, holiday table). */
    reloadReference() {
      deps.reference.reload();
      deps.reloadCalendar();
    },
    /** Re-read the holiday table (节假日安排 changed): new deadlines count over it. */
    reloadCalendar() {
      calendar = new WorkCalendar(holidays.all());
    },
    /** New limits (already stored): new deadlines use them; deadlines already set stay as they were promised. */
    setLimits(next: TimeLimits) {
      limits = next;
    },
    /** New 答复审核 regions (already stored): replies from now on follow them. */
    setReplyReview(next: ReplyReviewSettings) {
      replyReview = next;
    },
  };
  return deps;
}
/** Read-only: what changes while the server runs changes through the named methods above. */
export type Deps = Readonly<ReturnType<typeof buildDeps>>;
