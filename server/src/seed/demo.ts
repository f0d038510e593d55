import type { CaseType, Rating, Role } from '@minqing/shared';
import { createCaseSchema } from '@minqing/shared';
import type { Db } from '../db/open.js';
import { buildDeps, type Clock, type Secrets } from '../deps.js';
import { createCase, transition } from '../domain/cases.js';
import { autoClose } from '../domain/scheduler.js';
import { sessionFromRow, type SessionUser } from '../domain/session.js';
import { hashPassword } from '../domain/passwords.js';
import { CATEGORIES, DEPARTMENTS, TOWNS, deputySeeds } from './pinghu.js';
import { townUnitId } from '../domain/units.js';
import { mulberry32 } from '../util/random.js';
import { DEPUTY_REPLIES, REPLIES, TEMPLATES } from './texts.js';

/** The demo password for office and admin accounts (demo mode only; README says so). */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoAccount {
  account: string;
  kind: 'zlb' | 'ding';
  role: Role;
  name: string;
  mobile: string | null;
  regionId?: string;
  unitId?: string;
  deputyCode?: string;
  username?: string;
}

export function demoAccounts(): DemoAccount[] {
  const citizens: DemoAccount[] = [
    ['zhang', '张建华', '13857310001'],
    ['li', '李秀英', '13857310002'],
    ['wang', '王伟', '13857310003'],
    ['chen', '陈美玲', '13857310004'],
    ['zhou', '周国平', '13857310005'],
  ].map(([id, name, mobile]) => ({ account: `zlb-${id}`, kind: 'zlb', role: 'citizen', name: name!, mobile: mobile! }));
  const deputies: DemoAccount[] = deputySeeds().map((d) => ({
    account: `ding-${d.code.toLowerCase()}`,
    kind: 'ding',
    role: 'deputy',
    name: d.name,
    mobile: null,
    deputyCode: d.code,
    regionId: d.townId,
  }));
  const office: DemoAccount[] = [
    {
      account: 'ding-office',
      kind: 'ding',
      role: 'office',
      name: '平湖市人大常委会办公室 沈敏',
      mobile: null,
      regionId: 'pinghu',
      username: 'office',
    },
    {
      account: 'ding-office-danghu',
      kind: 'ding',
      role: 'office',
      name: '当湖街道人大工委 陆燕',
      mobile: null,
      regionId: 'danghu',
      username: 'office-danghu',
    },
    { account: 'ding-office-zhongdai', kind: 'ding', role: 'office', name: '钟埭街道人大工委 顾强', mobile: null, regionId: 'zhongdai' },
  ];
  // one 承办人 for each department and each town's government
  const units: DemoAccount[] = [
    ...DEPARTMENTS.map((d) => ({ id: d.id, name: d.name, unitId: d.id })),
    ...TOWNS.map((t) => ({ id: t.id, name: t.name, unitId: townUnitId(t.id) })),
  ].map((u) => ({ account: `ding-unit-${u.id}`, kind: 'ding', role: 'unit', name: `${u.name}承办人`, mobile: null, unitId: u.unitId }));
  const leader: DemoAccount = {
    account: 'ding-leader',
    kind: 'ding',
    role: 'leader',
    name: '平湖市人大常委会 领导',
    mobile: null,
    regionId: 'pinghu',
  };
  const admin: DemoAccount = {
    account: 'ding-admin',
    kind: 'ding',
    role: 'admin',
    name: '系统管理员',
    mobile: null,
    regionId: 'pinghu',
    username: 'admin',
  };
  return [...citizens, ...deputies.slice(0, 12), ...office, ...units, leader, admin, ...deputies.slice(12)];
}

export const userIdFor = (account: string) => `u-${account}`;

/** The public demo password's hash, made once per process (test servers seed many databases). */
let demoHash: string | undefined;
const demoPasswordHash = () => (demoHash ??= hashPassword(DEMO_PASSWORD));

/** Demo accounts in the stand-in provider and as users; idempotent. */
export function seedAccounts(db: Db, now: Date): void {
  const mock = db.prepare(
    `INSERT INTO mock_idp_accounts (account, kind, role, name, mobile, sort) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account) DO UPDATE SET name = excluded.name, role = excluded.role, mobile = excluded.mobile, sort = excluded.sort`,
  );
  const user = db.prepare(
    `INSERT INTO users (id, role, name, phone, idp_kind, idp_user_id, username, password_hash, region_id, unit_id, deputy_code, created_at)
     VALUES (@id, @role, @name, @phone, @idp_kind, @idp_user_id, @username, @password_hash, @region_id, @unit_id, @deputy_code, @created_at)
     ON CONFLICT (id) DO NOTHING`,
  );
  // scrypt is slow on purpose: hashed only when an account with a password is still to be made
  // (a restart, or a test server started from a seeded copy, inserts none)
  const known = db.prepare('SELECT 1 FROM users WHERE id = ?').pluck();
  const passwordHash = demoAccounts().some((a) => a.username && !known.get(userIdFor(a.account))) ? demoPasswordHash() : null;
  db.transaction(() => {
    demoAccounts().forEach((a, i) => {
      mock.run(a.account, a.kind, a.role, a.name, a.mobile, i);
      user.run({
        id: userIdFor(a.account),
        role: a.role,
        name: a.name,
        phone: a.mobile,
        idp_kind: a.kind,
        idp_user_id: a.account,
        username: a.username ?? null,
        password_hash: a.username ? passwordHash : null,
        region_id: a.regionId ?? null,
        unit_id: a.unitId ?? null,
        deputy_code: a.deputyCode ?? null,
        created_at: now.toISOString(),
      });
    });
    // residents who wrote in the past year but are not offered on the demo sign-in page
    for (let i = 1; i <= 30; i++) {
      user.run({
        id: `u-resident-${i}`,
        role: 'citizen',
        name: `${'钱孙李周吴郑王冯陈褚卫蒋沈韩杨'[i % 15]}先生`,
        phone: `139573${String(20000 + i).padStart(5, '0')}`,
        idp_kind: 'zlb',
        idp_user_id: `zlb-resident-${i}`,
        username: null,
        password_hash: null,
        region_id: null,
        unit_id: null,
        deputy_code: null,
        created_at: now.toISOString(),
      });
    }
  }).immediate();
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A year of historical cases, each walked through the real lifecycle with a moving clock, so
 * timelines, due dates and indicators are exactly what the live system would have produced.
 * Runs once per database (the `demo_cases` setting records it).
 */
export function seedDemoCases(db: Db, secrets: Secrets, now: Date, count = 320): number {
  const done = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'demo_cases'").get();
  if (done) return 0;
  let t = now.getTime();
  const clock: Clock = { now: () => new Date(t) };
  const deps = buildDeps(db, clock, secrets);
  const random = mulberry32(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const as = (account: string): SessionUser => sessionFromRow(deps.users.get(userIdFor(account))!);
  const byId = (id: string): SessionUser => sessionFromRow(deps.users.get(id)!);
  const office = as('ding-office');
  const deputies = deputySeeds();
  const citizens = [
    ...['zhang', 'li', 'wang', 'chen', 'zhou'].map((x) => userIdFor(`zlb-${x}`)),
    ...Array.from({ length: 30 }, (_, i) => `u-resident-${i + 1}`),
  ];
  const unitUser = (unitId: string) => byId(deps.users.unitUserIds(unitId)[0]!);
  /** Moves the clock forward by `hours` (with jitter), never past now. */
  const advance = (hours: number) => {
    t = Math.min(t + hours * HOUR * (0.5 + random()), now.getTime() - 60_000);
  };

  let created = 0;
  for (let i = 0; i < count; i++) {
    // older cases first; the last few weeks hold the open ones
    const ageDays = Math.pow(random(), 1.3) * 365;
    t = now.getTime() - ageDays * DAY;
    const day = new Date(t + 8 * HOUR);
    day.setUTCHours(8 + Math.floor(random() * 12), Math.floor(random() * 60));
    t = day.getTime() - 8 * HOUR;
    if (t > now.getTime() - HOUR) t = now.getTime() - 2 * HOUR;

    const deputy = pick(deputies);
    const town = TOWNS.find((x) => x.id === deputy.townId)!;
    const cat = pick(CATEGORIES);
    const tpl = pick(TEMPLATES[cat.id]!);
    const village = pick(town.villages);
    const fill = (s: string) => s.replaceAll('{v}', village).replaceAll('{t}', town.name);
    const citizen = byId(pick(citizens));
    const input = createCaseSchema.parse({
      deputyCode: deputy.code,
      type: tpl.type,
      title: fill(tpl.title),
      body: fill(tpl.body),
      anonymous: random() < 0.08,
      contactPhone: citizen.phone ?? undefined,
      location: random() < 0.6 ? { lat: 30.7 + random() * 0.2, lng: 121.0 + random() * 0.2, address: `${town.name}${village}` } : undefined,
    });
    const { detail } = createCase(deps, citizen, input, `seed-${i}-${deputy.code}`);
    created++;
    const id = detail.id;
    const dep = as(`ding-${deputy.code.toLowerCase()}`);
    const step = (user: SessionUser, body: Parameters<typeof transition>[3]) => transition(deps, user, id, body);
    // Cases of the last three weeks stop at some open stage, so every queue has work in it.
    const stages = ['submitted', 'acknowledged', 'triage', 'assigned', 'handling', 'replied', 'end'] as const;
    const weights = [1, 1, 1.5, 1, 2, 1, 2.5];
    let stopAt: (typeof stages)[number] = 'end';
    if (ageDays < 21) {
      let r = random() * weights.reduce((a, b) => a + b, 0);
      stopAt = stages[weights.findIndex((w) => (r -= w) < 0)] ?? 'end';
    }
    if (stopAt === 'submitted') continue;

    advance(random() < 0.85 ? 1 + random() * 10 : 20 + random() * 40); // response: mostly in time
    const route = random();
    if (route < 0.05) {
      step(dep, { action: 'reject', note: '该问题属于民事纠纷，建议通过人民调解或诉讼途径解决。' });
      continue;
    }
    step(dep, { action: 'acknowledge', note: '已收到，马上了解情况。' });
    if (stopAt === 'acknowledged') continue;
    if (route < 0.2) {
      advance(24 + random() * 72);
      step(dep, { action: 'reply', note: pick(DEPUTY_REPLIES) });
      if (stopAt === 'replied') continue;
      rateOrExpire(i, id);
      continue;
    }
    advance(2 + random() * 20);
    step(dep, { action: 'forward', note: '需要职能部门办理，转交人大办公室。' });
    if (stopAt === 'triage') continue;
    advance(2 + random() * 24);
    const townOwned = random() < 0.2;
    const unitId = townOwned ? townUnitId(town.id) : cat.unit;
    step(office, { action: 'assign', unitId, categoryId: cat.id, note: '请按时限办理并答复群众。' });
    let unit = unitUser(unitId);
    if (random() < 0.08) {
      advance(3 + random() * 10);
      step(unit, { action: 'return', note: '该事项不属于本单位职责范围，建议交由属地政府办理。' });
      advance(2 + random() * 10);
      const other = townOwned ? cat.unit : townUnitId(town.id);
      step(office, { action: 'assign', unitId: other, categoryId: cat.id, note: '重新交办。' });
      unit = unitUser(other);
    }
    if (stopAt === 'assigned') continue;
    advance(random() < 0.9 ? 2 + random() * 14 : 30 + random() * 30);
    step(unit, { action: 'sign' });
    if (random() < 0.1) {
      advance(24 + random() * 48);
      step(unit, { action: 'request_extension', days: 5 + Math.floor(random() * 10), note: '涉及多个部门协调，需要延期办理。' });
      advance(4 + random() * 20);
      step(
        office,
        random() < 0.8 ? { action: 'approve_extension', note: '同意延期。' } : { action: 'deny_extension', note: '请按原时限办结。' },
      );
    }
    const limitDays = { consult: 2, help: 10, suggestion: 10, complaint: 15, report: 15 }[tpl.type as CaseType];
    advance(24 * limitDays * (random() < 0.85 ? 0.3 + random() * 0.5 : 1.1 + random() * 0.6));
    if (stopAt === 'handling' || t >= now.getTime() - 2 * HOUR) continue; // still being handled
    step(unit, { action: 'reply', note: pick(REPLIES) });
    if (stopAt === 'replied') continue;
    if (random() < 0.7) {
      advance(2 + random() * 48);
      step(dep, {
        action: 'evaluate',
        rating: pick<Rating>(['satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied']),
        comment: '办理及时，答复清楚。',
      });
    }
    rateOrExpire(i, id);
  }

  function rateOrExpire(i: number, id: string) {
    const c = deps.cases.get(id)!;
    const citizen = c.citizen_user_id ? byId(c.citizen_user_id) : null;
    const r = random();
    if (!citizen || r < 0.12) {
      // nobody rated: the scheduler closes it when the rating window ends, if that has passed
      if (c.rate_due_at && Date.parse(c.rate_due_at) < now.getTime()) {
        t = Date.parse(c.rate_due_at) + 60_000;
        autoClose(deps, c, new Date(t).toISOString());
      }
      return;
    }
    advance(4 + random() * 60);
    if (t >= now.getTime() - 2 * HOUR) return;
    const rating: Rating = r < 0.7 ? 'satisfied' : r < 0.88 ? 'basically_satisfied' : 'unsatisfied';
    transition(deps, citizen, id, {
      action: 'rate',
      rating,
      solved: rating !== 'unsatisfied' || random() < 0.2,
      comment: rating === 'unsatisfied' ? '问题没有真正解决。' : '谢谢代表和相关部门！',
    });
    if (rating === 'unsatisfied' && c.unit_id) {
      advance(4 + random() * 24);
      transition(deps, office, id, { action: 'reopen', note: '群众不满意，请重新办理。' });
      const unit = unitUser(c.unit_id);
      advance(48 + random() * 96);
      if (t >= now.getTime() - 2 * HOUR) return;
      transition(deps, unit, id, { action: 'reply', note: '经再次核查，已彻底整改到位，并与群众当面沟通。' });
      advance(4 + random() * 48);
      if (t >= now.getTime() - 2 * HOUR) return;
      transition(deps, citizen, id, { action: 'rate', rating: 'basically_satisfied', solved: true, comment: '这次解决了。' });
    } else if (rating === 'unsatisfied') {
      advance(4 + random() * 24);
      transition(deps, office, id, { action: 'close', note: '已向群众解释政策，依规办结。' });
    }
    void i;
  }

  // The history's notices were delivered long ago; only new ones go out.
  db.prepare("UPDATE notifications SET status = 'sent', sent_at = created_at, read_at = created_at WHERE status = 'pending'").run();
  db.prepare("INSERT INTO settings (key, value) VALUES ('demo_cases', ?)").run(String(created));
  return created;
}
