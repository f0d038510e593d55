import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS, createCaseSchema, type CaseType, type Role } from '@minqing/shared';
import { openDatabase, type Db } from '../../server/src/db/open.js';
import { buildDeps } from '../../server/src/deps.js';
import { verifyDatabase } from '../../server/src/domain/audit.js';
import { WorkCalendar, type DayKind } from '../../server/src/domain/calendar.js';
import { createCase, transition } from '../../server/src/domain/cases.js';
import { DEFAULT_LIMITS } from '../../server/src/domain/limits.js';
import { schedulerTick } from '../../server/src/domain/scheduler.js';
import { sessionFromRow } from '../../server/src/domain/session.js';
import {
  AGGREGATE_TABLES,
  rebuildAggregates,
  recount,
  recountReturns,
  stored,
  storedReturns,
  type AggregateTable,
} from '../../server/src/repos/stats-aggregates.js';
import { overview } from '../../server/src/domain/stats.js';
import { CASE_FACTS_SQL } from '../../server/src/repos/indicators.js';
import { seedDemoCases, userIdFor } from '../../server/src/seed/demo.js';
import { seedBulk } from '../../scripts/seed-bulk.js';
import { newKey, startTestServer, TEST_SECRETS, validCase, type TestServer } from '../helpers/server.js';

/** The sums kept by triggers must equal a recount from the cases, whatever happened to them. */
function expectSumsEqualRecount(db: Db) {
  for (const table of Object.keys(AGGREGATE_TABLES) as AggregateTable[]) {
    const a = stored(db, table);
    const b = recount(db, table);
    expect({ table, rows: a.length }).toEqual({ table, rows: b.length });
    expect(a).toEqual(b);
  }
  expect(storedReturns(db)).toEqual(recountReturns(db));
}

describe('the stats sums', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ now: '2026-11-02T02:00:00Z', tokenTtlSeconds: 365 * 86_400 });
  });
  afterAll(() => s.close());

  it('should equal a recount after a year of demo history walked through the real lifecycle', () => {
    const n = seedDemoCases(s.db, TEST_SECRETS, s.clock.now(), 400);
    expect(n).toBe(400);
    const totals = s.db.prepare('SELECT count(*) AS n, sum(return_count > 0) AS r, sum(reopen_count > 0) AS o FROM cases').get() as Record<
      string,
      number
    >;
    expect(totals.n).toBe(400);
    expect(totals.r).toBeGreaterThan(0); // the history has returns and reopens to move sums between keys
    expect(totals.o).toBeGreaterThan(0);
    expect(s.db.prepare('SELECT count(*) AS n FROM stats_day').get()).not.toEqual({ n: 0 });
    expectSumsEqualRecount(s.db);
  });

  it("should hold the view the triggers sum to the code's definition of every indicator, case by case", () => {
    // the demo history above: every status, returns, reopens, ratings, extensions
    const view = s.db.prepare('SELECT * FROM stats_case_facts ORDER BY id').all();
    const code = s.db.prepare(`SELECT * FROM ${CASE_FACTS_SQL} ORDER BY id`).all();
    expect(view.length).toBe(400);
    expect(code).toEqual(view);
  });

  it('should stay equal through live transitions over HTTP that move a case between categories, units and statuses', async () => {
    const citizen = await s.as('zlb-zhang');
    const deputy = await s.as('ding-d001');
    const office = await s.as('ding-office');
    const zjj = await s.as('ding-unit-zjj');
    const jtj = await s.as('ding-unit-jtj');
    const c = await citizen.cases.create(validCase({ categoryId: 'environment' }), newKey());
    expectSumsEqualRecount(s.db);
    s.clock.advanceHours(30); // late
    await deputy.cases.transition(c.id, { action: 'acknowledge' });
    await deputy.cases.transition(c.id, { action: 'forward' });
    await office.cases.transition(c.id, { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
    expectSumsEqualRecount(s.db);
    await zjj.cases.transition(c.id, { action: 'return', note: '不属于本单位' });
    await office.cases.transition(c.id, { action: 'assign', unitId: 'jtj', categoryId: 'transport', type: 'complaint' });
    await jtj.cases.transition(c.id, { action: 'sign' });
    await jtj.cases.transition(c.id, { action: 'request_extension', days: 3, note: '需协调' });
    await office.cases.transition(c.id, { action: 'approve_extension' });
    await jtj.cases.transition(c.id, { action: 'reply', note: '已处理完毕' });
    await deputy.cases.transition(c.id, { action: 'evaluate', rating: 'basically_satisfied' });
    await citizen.cases.transition(c.id, { action: 'rate', rating: 'unsatisfied', solved: false });
    expectSumsEqualRecount(s.db);
    await office.cases.transition(c.id, { action: 'reopen', note: '请重新办理' });
    s.clock.advanceHours(24 * 9);
    schedulerTick(s.deps);
    await jtj.cases.transition(c.id, { action: 'reply', note: '再次办理完毕' });
    s.clock.advanceHours(24 * 8);
    schedulerTick(s.deps); // closes it unrated
    expect((await office.cases.get(c.id)).status).toBe('closed');
    expectSumsEqualRecount(s.db);
    // and the figures read from the sums are the ones a direct count over the cases gives
    const leader = sessionFromRow(s.deps.users.get(userIdFor('ding-leader'))!);
    const o = overview(s.deps, leader, { from: '2025-01-01', to: '2026-12-31' });
    const direct = s.db
      .prepare(
        `SELECT count(*) AS received, sum(status = 'closed') AS closed, sum(ack_on_time = 1) AS ackOnTime, sum(rating IS NOT NULL) AS rated,
        sum(return_count > 0) AS returned, sum(reopen_count > 0) AS reopened FROM cases`,
      )
      .get() as Record<string, number>;
    expect([o.received, o.closed, o.counts.ackOnTime, o.counts.rated, o.counts.returned, o.counts.reopened]).toEqual([
      direct.received,
      direct.closed,
      direct.ackOnTime,
      direct.rated,
      direct.returned,
      direct.reopened,
    ]);
  });
});

describe('the bulk generator (npm run seed:bulk)', () => {
  const now = new Date('2026-11-28T06:00:00Z');
  let db: Db;
  beforeAll(() => {
    db = openDatabase(':memory:');
    const result = seedBulk(db, { cases: 4000, years: 3, now, seed: 7, auditSecret: TEST_SECRETS.audit });
    expect(result.cases).toBe(4000);
  });
  afterAll(() => db.close());

  it('should spread 3 years of cases, most closed, some open and overdue now', () => {
    const r = db
      .prepare(
        `SELECT count(*) AS n, min(submitted_at) AS first, max(submitted_at) AS last, sum(status <> 'closed') AS open,
        sum(rating IS NOT NULL) AS rated, sum(reopen_count > 0) AS reopened, sum(extension_approved_days IS NOT NULL) AS extended,
        sum(close_reason = 'unrated') AS unrated FROM cases`,
      )
      .get() as Record<string, number | string>;
    expect(r.n).toBe(4000);
    expect(String(r.first) < '2023-12-15').toBe(true);
    expect(String(r.last) > '2026-11-20').toBe(true);
    expect(Number(r.open)).toBeGreaterThan(10);
    expect(Number(r.open)).toBeLessThan(400);
    for (const k of ['rated', 'reopened', 'extended', 'unrated']) expect(Number(r[k])).toBeGreaterThan(0);
  });

  it("should give the demo citizen zlb-zhang cases of her own, for the load benchmark's citizen list", () => {
    const r = db.prepare("SELECT count(*) AS n, max(submitted_at) AS last FROM cases WHERE citizen_user_id = 'u-zlb-zhang'").get() as {
      n: number;
      last: string;
    };
    expect(r.n).toBeGreaterThanOrEqual(20);
  });

  it('should write timelines the lifecycle allows, in time order, with deadlines from the working calendar', () => {
    const calendar = new WorkCalendar(
      new Map((db.prepare('SELECT date, kind FROM holidays').all() as { date: string; kind: DayKind }[]).map((h) => [h.date, h.kind])),
    );
    const SYSTEM = new Set(['submit', 'overdue', 'auto_close']);
    const cases = db.prepare('SELECT * FROM cases').all() as Record<string, string | number | null>[];
    const events = db.prepare('SELECT * FROM case_events ORDER BY case_id, seq').all() as Record<string, string | number | null>[];
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(String(e.case_id), [...(byCase.get(String(e.case_id)) ?? []), e]);
    const problems: string[] = [];
    for (const c of cases) {
      const ev = byCase.get(String(c.id)) ?? [];
      const say = (p: string) => problems.push(`${c.tracking_no}: ${p}`);
      if (ev[0]?.action !== 'submit' || ev[0]?.created_at !== c.submitted_at) say('does not start with its submission');
      if (c.ack_due_at !== calendar.addWorkingDays(new Date(String(c.submitted_at)), 1).toISOString())
        say('response limit is not 1 working day');
      let status = 'submitted';
      for (let i = 1; i < ev.length; i++) {
        const e = ev[i]!;
        if (String(e.created_at) < String(ev[i - 1]!.created_at)) say(`event ${e.seq} goes back in time`);
        if (e.from_status !== status) say(`event ${e.seq} starts from ${e.from_status}, not ${status}`);
        if (!SYSTEM.has(String(e.action))) {
          const rule = TRANSITIONS.find(
            (r) => r.action === e.action && r.roles.includes(e.actor_role as Role) && r.from.includes(status as never),
          );
          if (!rule) say(`${e.actor_role} may not ${e.action} from ${status}`);
        }
        status = String(e.to_status);
      }
      if (status !== c.status) say(`status ${c.status} but the timeline ends at ${status}`);
      if (String(ev.at(-1)?.created_at) > now.toISOString()) say('has events in the future');
      const firstResponse =
        ev.find((e) => ['acknowledge', 'reject', 'reply'].includes(String(e.action)) && e.actor_role === 'deputy') ??
        ev.find((e) => e.action === 'reject');
      if ((firstResponse?.created_at ?? null) !== c.acknowledged_at) say('acknowledged_at is not its first response');
      if (c.acknowledged_at && c.ack_on_time !== (String(c.acknowledged_at) <= String(c.ack_due_at) ? 1 : 0)) say('ack_on_time is wrong');
      const unitReplies = ev.filter((e) => e.action === 'reply' && e.actor_role === 'unit');
      if (c.reply_on_time !== null && unitReplies.length === 0) say('reply_on_time without a unit reply');
      if (c.status === 'closed' && c.closed_at !== ev.at(-1)!.created_at && ev.at(-1)!.action !== 'evaluate')
        say('closed_at is not the closing event');
      if (c.assigned_at && c.unit_id && Number(c.reopen_count) === 0) {
        const days = DEFAULT_LIMITS.replyWorkingDays[c.type as CaseType];
        let due = calendar.addWorkingDays(new Date(String(c.assigned_at)), days);
        if (c.extension_approved_days) due = calendar.addWorkingDays(due, Number(c.extension_approved_days));
        if (c.reply_due_at !== due.toISOString()) say('the handling limit is not the type’s working days (plus the extension)');
        if (c.sign_due_at !== calendar.addWorkingDays(new Date(String(c.assigned_at)), 1).toISOString())
          say('the signing limit is not 1 working day');
        if (c.replied_by_unit === 1 && c.reply_on_time !== (String(c.replied_at) <= String(c.reply_due_at) ? 1 : 0))
          say('reply_on_time is wrong');
      }
      const returns = ev.filter((e) => e.action === 'return').length;
      if (returns !== c.return_count) say('return_count does not match the timeline');
      if (ev.filter((e) => e.action === 'reopen').length !== c.reopen_count) say('reopen_count does not match the timeline');
    }
    expect(problems.slice(0, 20)).toEqual([]);
    const heads = db.prepare('SELECT last_event_hash FROM cases').pluck().all() as (string | null)[];
    expect(heads.filter((h) => h === null)).toEqual([]);
    const chains = verifyDatabase(db, TEST_SECRETS.audit);
    expect(chains.problems).toEqual([]);
    expect(chains.cases).toBe(4000);
  });

  it('should leave sums equal to a recount, and triggers in place for what happens next', () => {
    expectSumsEqualRecount(db);
    // live work on the bulk database after the load
    const deps = buildDeps(db, { now: () => now }, TEST_SECRETS);
    const as = (account: string) => sessionFromRow(deps.users.get(userIdFor(account))!);
    const { detail } = createCase(deps, as('zlb-zhang'), createCaseSchema.parse(validCase()), 'bulk-after-1');
    transition(deps, as('ding-d001'), detail.id, { action: 'acknowledge' });
    transition(deps, as('ding-d001'), detail.id, { action: 'forward' });
    transition(deps, as('ding-office'), detail.id, { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
    transition(deps, as('ding-unit-zjj'), detail.id, { action: 'return', note: '不属于本单位' });
    expectSumsEqualRecount(db);
    // a rebuild gives the same sums
    const before = stored(db, 'stats_month');
    rebuildAggregates(db);
    expect(stored(db, 'stats_month')).toEqual(before);
  });
});
