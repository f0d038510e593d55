/**
 * npm run seed:bulk -- --cases 1000000 --db /tmp/bulk.db [--years 3] [--now 2026-11-28T06:00:00Z] [--seed 7]
 *
 * Fills a database with years of realistic cases for the cockpit's benchmark. Like the demo
 * seed, every case is walked through the lifecycle of PRODUCT.md with a moving clock (deadlines
 * in working days over the holiday table, the scheduler's 超期 events, rating windows,
 * reopens, returns, extensions), but the rows and the hash-chained events are written directly
 * with prepared statements in large transactions instead of through the HTTP-level domain code,
 * so a million cases take minutes. Secondary indexes and the stats triggers are dropped during
 * the load and rebuilt at the end (the stats sums are recounted from the cases).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEADLINE_LABELS, STATUS_RULES, type CaseStatus, type CaseType, type Rating } from '@minqing/shared';
import { openDatabase, type Db } from '../server/src/db/open.js';
import { eventHash, type ChainedEvent } from '../server/src/repos/event-hash.js';
import { INSERT_EVENT } from '../server/src/repos/events.js';
import { NEW_CASE_COLUMNS, NEW_CASE_DEFAULTS, NO_RATINGS } from '../server/src/repos/cases.js';
import { parseEnv } from '../server/src/env.js';
import { serverSecret } from '../server/src/secrets.js';
import { WorkCalendar, cstDate, type DayKind } from '../server/src/domain/calendar.js';
import { limitsFrom, type TimeLimits } from '../server/src/domain/limits.js';
import { rebuildAggregates } from '../server/src/repos/stats-aggregates.js';
import { seedAccounts, userIdFor } from '../server/src/seed/demo.js';
import { CATEGORIES, DEPARTMENTS, TOWNS, deputySeeds, townUnitName } from '../server/src/seed/pinghu.js';
import { townUnitId } from '../server/src/domain/units.js';
import { seedReference } from '../server/src/seed/reference.js';
import { DEPUTY_REPLIES, REPLIES, TEMPLATES } from '../server/src/seed/texts.js';
import { mulberry32 } from '../server/src/util/random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Official holidays and make-up working days of 2024 and 2025 (国办发明电〔2023〕7号, 〔2024〕12号), for history before the seeded years. */
const PAST_HOLIDAYS: { from: string; to: string; name: string }[] = [
  { from: '2024-01-01', to: '2024-01-01', name: '元旦' },
  { from: '2024-02-10', to: '2024-02-17', name: '春节' },
  { from: '2024-04-04', to: '2024-04-06', name: '清明节' },
  { from: '2024-05-01', to: '2024-05-05', name: '劳动节' },
  { from: '2024-06-10', to: '2024-06-10', name: '端午节' },
  { from: '2024-09-15', to: '2024-09-17', name: '中秋节' },
  { from: '2024-10-01', to: '2024-10-07', name: '国庆节' },
  { from: '2025-01-01', to: '2025-01-01', name: '元旦' },
  { from: '2025-01-28', to: '2025-02-04', name: '春节' },
  { from: '2025-04-04', to: '2025-04-06', name: '清明节' },
  { from: '2025-05-01', to: '2025-05-05', name: '劳动节' },
  { from: '2025-05-31', to: '2025-06-02', name: '端午节' },
  { from: '2025-10-01', to: '2025-10-08', name: '国庆节、中秋节' },
];
const PAST_WORKDAYS = [
  ['2024-02-04', '春节调休上班'],
  ['2024-02-18', '春节调休上班'],
  ['2024-04-07', '清明节调休上班'],
  ['2024-04-28', '劳动节调休上班'],
  ['2024-05-11', '劳动节调休上班'],
  ['2024-09-14', '中秋节调休上班'],
  ['2024-09-29', '国庆节调休上班'],
  ['2024-10-12', '国庆节调休上班'],
  ['2025-01-26', '春节调休上班'],
  ['2025-02-08', '春节调休上班'],
  ['2025-04-27', '劳动节调休上班'],
  ['2025-09-28', '国庆节调休上班'],
  ['2025-10-11', '国庆节调休上班'],
] as const;

export interface BulkOptions {
  cases: number;
  years?: number;
  now?: Date;
  seed?: number;
  /** The audit chain's key the events are hashed with: the server's AUDIT_SECRET. */
  auditSecret: string;
  /** Residents who write in (citizen users created for the load). */
  residents?: number;
  log?: (line: string) => void;
}

export interface BulkResult {
  cases: number;
  events: number;
  open: number;
  seconds: number;
}

type Status = CaseStatus;

interface Actor {
  id: string | null;
  role: 'citizen' | 'deputy' | 'office' | 'unit' | 'leader' | 'admin' | null;
  name: string;
}

/** Loads years of cases into `db` (a migrated database, empty of cases). */
export function seedBulk(db: Db, options: BulkOptions): BulkResult {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const total = options.cases;
  const years = options.years ?? 3;
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const random = mulberry32(options.seed ?? 20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chance = (p: number) => random() < p;

  const existing = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  if (existing > 0) throw new Error(`数据库中已有 ${existing} 件民情件：请使用新的数据库文件`);

  seedReference(db);
  seedAccounts(db, now);
  const holiday = db.prepare('INSERT INTO holidays (date, kind, name) VALUES (?, ?, ?) ON CONFLICT (date) DO NOTHING');
  db.transaction(() => {
    for (const h of PAST_HOLIDAYS) {
      for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += DAY) {
        holiday.run(new Date(t).toISOString().slice(0, 10), 'holiday', h.name);
      }
    }
    for (const [date, name] of PAST_WORKDAYS) holiday.run(date, 'workday', name);
  }).immediate();
  const calendar = new WorkCalendar(
    new Map((db.prepare('SELECT date, kind FROM holidays').all() as { date: string; kind: DayKind }[]).map((r) => [r.date, r.kind])),
  );
  const storedLimits = (db.prepare("SELECT value FROM settings WHERE key = 'limits'").get() as { value: string } | undefined)?.value;
  const limits: TimeLimits = limitsFrom(storedLimits);

  // residents
  const residentCount = options.residents ?? Math.max(50, Math.min(20_000, Math.round(total / 50)));
  const residents: { id: string; name: string; phone: string }[] = [];
  const insertUser = db.prepare(
    `INSERT INTO users (id, role, name, phone, idp_kind, idp_user_id, created_at) VALUES (?, 'citizen', ?, ?, 'zlb', ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const SURNAMES = '张王李赵陈刘杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程沈陆顾';
  const GIVEN = '建国秀英伟民丽华志强海燕国庆美玲晓东红梅文杰雪芳振华春燕明辉玉兰';
  db.transaction(() => {
    for (let i = 1; i <= residentCount; i++) {
      const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN.slice((i * 2) % GIVEN.length, ((i * 2) % GIVEN.length) + 2)}`;
      const phone = `13${5 + (i % 5)}${String(10_000_000 + ((i * 7919) % 90_000_000)).padStart(8, '0')}`;
      const id = `u-bulk-${i}`;
      insertUser.run(id, name, phone, `zlb-bulk-${i}`, now.toISOString());
      residents.push({ id, name, phone });
    }
  }).immediate();

  // the demo citizen 张建华 (zlb-zhang) writes in too — about 1 case in 2,000, and at least the first
  // 20 — so the load benchmark (npm run bench), which reads a citizen's own list, finds cases
  const zhang = db.prepare('SELECT id, name, phone FROM users WHERE id = ?').get(userIdFor('zlb-zhang')) as
    { id: string; name: string; phone: string | null } | undefined;
  const demoCitizen = zhang ? { id: zhang.id, name: zhang.name, phone: zhang.phone ?? '13857310001' } : null;

  const actor = (account: string): Actor => {
    const u = db.prepare('SELECT id, role, name FROM users WHERE id = ?').get(userIdFor(account)) as {
      id: string;
      role: Actor['role'];
      name: string;
    };
    return { id: u.id, role: u.role, name: u.name };
  };
  const office = actor('ding-office');
  const leader = actor('ding-leader');
  const deputies = deputySeeds().map((d) => ({
    ...d,
    actor: actor(`ding-${d.code.toLowerCase()}`),
    town: TOWNS.find((t) => t.id === d.townId)!,
  }));
  const townOffice = new Map<string, Actor>([
    ['danghu', actor('ding-office-danghu')],
    ['zhongdai', actor('ding-office-zhongdai')],
  ]);
  const unitActors = new Map<string, Actor & { unitName: string }>();
  for (const d of DEPARTMENTS) unitActors.set(d.id, { ...actor(`ding-unit-${d.id}`), unitName: d.name });
  for (const t of TOWNS) unitActors.set(townUnitId(t.id), { ...actor(`ding-unit-${t.id}`), unitName: townUnitName(t) });
  const system: Actor = { id: null, role: null, name: '系统' };
  // deputies who write more (busy stations), categories that dominate
  const deputyWeights = deputies.map((_, i) => 0.5 + ((i * 37) % 11) / 5);
  const deputyCum = cumulative(deputyWeights);
  const categoryCum = cumulative([30, 14, 16, 10, 11, 7, 12]);

  // Drop what is faster built once at the end: secondary indexes of cases and events, the stats triggers and the chain-head trigger.
  const saved = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('cases', 'case_events') AND sql IS NOT NULL
       AND ((type = 'index') OR (type = 'trigger' AND (name LIKE 'stats_%' OR name = 'case_events_head')))`,
    )
    .all() as { type: string; name: string; sql: string }[];
  for (const s of saved) db.exec(`DROP ${s.type === 'index' ? 'INDEX' : 'TRIGGER'} ${s.name}`);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');

  // every column a new case has: what a submission sets, then what the table fills in
  const CASE_COLUMNS = [...NEW_CASE_COLUMNS, ...(Object.keys(NEW_CASE_DEFAULTS) as (keyof typeof NEW_CASE_DEFAULTS)[])];
  type Row = { [K in (typeof CASE_COLUMNS)[number]]: string | number | null };
  const insertCase = db.prepare(`INSERT INTO cases (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`);
  const insertEvent = db.prepare(INSERT_EVENT);
  const counters = new Map<string, number>();

  // Submission times: a volume growing ~25% a year, fewer on weekends, a few surges.
  const startMs = nowMs - years * 365 * DAY;
  const dayCount = Math.ceil((nowMs - startMs) / DAY);
  const dayWeights: number[] = [];
  for (let d = 0; d < dayCount; d++) {
    const t = startMs + d * DAY;
    const date = cstDate(new Date(t));
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    let w = (1 + (0.25 * d) / 365) * (calendar.isWorkingDay(date) ? 1 : 0.45);
    if (weekday === 1) w *= 1.15;
    if ((d * 7919) % 97 === 0) w *= 2.5; // an event that made many people write in
    dayWeights.push(w);
  }
  const sumW = dayWeights.reduce((a, b) => a + b, 0);
  const perDay = dayWeights.map((w) => (w / sumW) * total);

  let created = 0;
  let events = 0;
  let openCount = 0;
  let carry = 0;
  const BATCH = 20_000;
  let inBatch = 0;
  db.exec('BEGIN');
  for (let d = 0; d < dayCount && created < total; d++) {
    carry += perDay[d]!;
    let n = Math.floor(carry);
    carry -= n;
    if (d === dayCount - 1) n = total - created;
    const dayStart = Date.parse(`${cstDate(new Date(startMs + d * DAY))}T00:00:00Z`) - 8 * HOUR;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const hour = random() < 0.9 ? 7 + random() * 15 : random() * 24;
      const t = dayStart + hour * HOUR;
      times.push(Math.min(t, nowMs - 60_000));
    }
    times.sort((a, b) => a - b);
    for (const t0 of times) {
      if (created >= total) break;
      const result = oneCase(t0);
      created++;
      events += result.events;
      if (result.open) openCount++;
      if (++inBatch >= BATCH) {
        db.exec('COMMIT');
        db.exec('BEGIN');
        inBatch = 0;
        if (created % 100_000 === 0 || created === total)
          log(`  ${created} 件 / ${events} 条事件  ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    }
  }
  db.exec('COMMIT');
  const counter = db.prepare(
    'INSERT INTO tracking_counters (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)',
  );
  db.transaction(() => {
    for (const [day, last] of counters) counter.run(day, last);
  }).immediate();
  seedField();

  log(`  建索引 …`);
  for (const s of saved.filter((x) => x.type === 'index')) db.exec(s.sql);
  log(`  重算统计汇总 …`);
  rebuildAggregates(db);
  db.exec('UPDATE cases SET last_event_hash = (SELECT e.hash FROM case_events e WHERE e.case_id = cases.id ORDER BY e.seq DESC LIMIT 1)');
  for (const s of saved.filter((x) => x.type === 'trigger')) db.exec(s.sql);
  db.exec('ANALYZE');
  db.prepare("INSERT INTO settings (key, value) VALUES ('demo_cases', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
    `bulk:${created}`,
  );
  db.pragma('synchronous = FULL');
  return { cases: created, events, open: openCount, seconds: (Date.now() - started) / 1000 };

  /** One case from submission at t0 to wherever it is at `now`. */
  function oneCase(t0: number): { events: number; open: boolean } {
    let t = t0;
    const deputy = deputies[pickIndex(deputyCum, random())]!;
    const town = deputy.town;
    const cat = CATEGORIES[pickIndex(categoryCum, random())]!;
    const tpl = pick(TEMPLATES[cat.id]!);
    const village = pick(town.villages);
    const fill = (s: string) => s.replaceAll('{v}', village).replaceAll('{t}', town.name);
    const onBehalf = chance(0.1);
    const resident = demoCitizen && (created < 20 || chance(0.0005)) ? demoCitizen : pick(residents);
    const citizen: Actor = onBehalf ? deputy.actor : { id: resident.id, role: 'citizen', name: resident.name };
    const day = cstDate(new Date(t));
    const no = (counters.get(day) ?? 0) + 1;
    counters.set(day, no);
    const id = randomUUID();
    const type = tpl.type as CaseType;
    const anonymous = !onBehalf && chance(0.06);
    const row: Row = {
      ...NEW_CASE_DEFAULTS,
      id,
      tracking_no: `PH${day.replaceAll('-', '')}-${String(no).padStart(4, '0')}`,
      type,
      title: fill(tpl.title),
      body: fill(tpl.body),
      status: 'submitted',
      deputy_code: deputy.code,
      region_id: town.id,
      citizen_user_id: onBehalf ? null : resident.id,
      entered_by_user_id: onBehalf ? deputy.actor.id : resident.id,
      contact_name: onBehalf ? `${pick([...SURNAMES])}先生` : resident.name,
      contact_phone: onBehalf ? `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : resident.phone,
      anonymous: anonymous ? 1 : 0,
      location_lat: chance(0.6) ? 30.6 + random() * 0.25 : null,
      location_lng: null,
      location_address: null,
      photo_ids: '[]',
      category_id: chance(0.3) ? cat.id : null,
      submitted_at: iso(t),
      ack_due_at: iso(calendar.addWorkingDays(new Date(t), limits.ackWorkingDays).getTime()),
      updated_at: iso(t),
    };
    if (row.location_lat !== null) {
      row.location_lng = 120.95 + random() * 0.3;
      row.location_address = `${town.name}${village}`;
    }
    let seq = 0;
    let prevHash: string | null = null;
    const flags = new Set<string>();
    const emit = (
      at: number,
      a: Actor,
      action: string,
      from: Status | null,
      to: Status,
      note: string | null,
      data: Record<string, unknown> = {},
    ) => {
      const e = {
        case_id: id,
        seq: ++seq,
        action,
        actor_user_id: a.id,
        actor_role: a.role,
        actor_name: a.name,
        from_status: from,
        to_status: to,
        note,
        data: JSON.stringify(data),
        attachments: '[]',
        created_at: iso(at),
      };
      const hash = eventHash(options.auditSecret, e, prevHash);
      pending.push({ ...e, prev_hash: prevHash, hash });
      prevHash = hash;
    };
    const pending: ChainedEvent[] = [];
    emit(t, citizen, 'submit', null, 'submitted', null, { onBehalf });

    /** The scheduler's 超期 event for the current deadline, if it passed before `until`. */
    const overdueUpTo = (until: number) => {
      const s = row.status as Status;
      const { deadline: kind, overdue } = STATUS_RULES[s];
      if (!kind || !overdue) return;
      const due = row[`${kind}_due_at`] as string | null;
      if (!due) return;
      // the scheduler's next tick after the limit passed, or after the case reached this stage
      const at = Math.max(Date.parse(due), t) + 30_000;
      const flag = `${kind}-overdue@${due}`;
      if (at < until && at < nowMs && !flags.has(flag)) {
        flags.add(flag);
        row.reminded_flags = [...flags].join(' ');
        emit(at, system, 'overdue', s, s, `${DEADLINE_LABELS[kind]}超期`, { kind, due });
      }
    };
    /** Moves the clock `hours` on; false (and the case stays where it is) if that is past now. */
    const wait = (hours: number): boolean => {
      const next = t + hours * HOUR;
      overdueUpTo(Math.min(next, nowMs));
      if (next >= nowMs - 60_000) return false;
      t = next;
      return true;
    };
    const step = (a: Actor, action: string, to: Status, patch: Partial<Row>, note: string | null, data: Record<string, unknown> = {}) => {
      const from = row.status as Status;
      Object.assign(row, patch, { status: to, updated_at: iso(t) });
      emit(t, a, action, from, to, note, a.role === 'unit' ? { unitName: (a as { unitName?: string }).unitName, ...data } : data);
    };
    const firstResponse = (): Partial<Row> =>
      row.acknowledged_at ? {} : { acknowledged_at: iso(t), ack_on_time: t <= Date.parse(row.ack_due_at as string) ? 1 : 0 };
    const replyDue = (from: number) =>
      iso(calendar.addWorkingDays(new Date(from), limits.replyWorkingDays[row.type as CaseType]).getTime());
    /** Staff close the case for `reason` (rejected, merged, closed); a pending extension request lapses. */
    const closeFor = (a: Actor, action: string, reason: string, note: string, patch: Partial<Row> = {}) =>
      step(a, action, 'closed', { ...patch, closed_at: iso(t), close_reason: reason, extension_pending_days: null }, note, { reason });
    /** The deputy answers the citizen himself (no unit): the rating window opens. */
    const deputyReplies = (patch: Partial<Row>) =>
      step(
        deputy.actor,
        'reply',
        'replied',
        {
          ...patch,
          replied_at: iso(t),
          reply_text: pick(DEPUTY_REPLIES),
          replied_by_unit: 0,
          rate_due_at: iso(t + limits.ratingWindowDays * DAY),
          ...NO_RATINGS,
          extension_pending_days: null,
        },
        pick(DEPUTY_REPLIES),
      );
    const officeFor = townOffice.get(town.id) && chance(0.5) ? townOffice.get(town.id)! : office;

    run();
    flush();
    return { events: seq, open: row.status !== 'closed' };

    function flush() {
      insertCase.run(...CASE_COLUMNS.map((c) => row[c]));
      for (const e of pending) insertEvent.run(e);
    }

    function run() {
      // 码上收: the deputy responds (mostly within the working day), or the office steps in
      const slow = chance(0.1);
      const r = random();
      if (r < 0.02 && !onBehalf) {
        // the citizen withdraws (a case a deputy entered on someone's behalf has no citizen account to withdraw it)
        if (!wait(2 + random() * 30)) return;
        step(citizen, 'close', 'closed', { closed_at: iso(t), close_reason: 'withdrawn' }, '问题已自行解决，撤回。', {
          reason: 'withdrawn',
        });
        return;
      }
      if (r < 0.04) {
        // the deputy is away: the office picks the case up after the response limit passed
        if (!wait(hoursUntil(row.ack_due_at as string) + 1 + random() * 8)) return;
        step(officeFor, 'forward', 'triage', { forwarded_at: iso(t) }, '代表外出，由人大办直接分办。');
        return triage();
      }
      if (!wait(slow ? 20 + random() * 60 : 0.3 + random() * 9)) return;
      if (r < 0.08) {
        closeFor(deputy.actor, 'reject', 'rejected', '该问题属于民事纠纷，建议通过人民调解或诉讼途径解决。', firstResponse());
        return;
      }
      step(deputy.actor, 'acknowledge', 'acknowledged', { ...firstResponse(), reply_due_at: replyDue(t) }, '已收到，马上了解情况。');
      if (r < 0.22) {
        if (!wait(6 + random() * 60)) return;
        deputyReplies(firstResponse());
        return evaluateAndRate(false);
      }
      if (!wait(0.5 + random() * 20)) return;
      step(deputy.actor, 'forward', 'triage', { forwarded_at: iso(t) }, '需要职能部门办理，转交人大办公室。');
      return triage();
    }

    function triage() {
      // 马上分
      if (!wait(chance(0.9) ? 0.5 + random() * 20 : 24 + random() * 72)) return;
      if (chance(0.01)) {
        closeFor(officeFor, 'merge', 'merged', '与同类诉求合并办理。');
        return;
      }
      if (chance(0.01)) {
        closeFor(officeFor, 'reject', 'rejected', '不属于人大代表联系群众事项，已告知群众通过12345反映。', firstResponse());
        return;
      }
      const townOwned = chance(0.22);
      let unitId = townOwned ? townUnitId(town.id) : cat.unit;
      assign(unitId, cat.id);
      // 马上办: sign, maybe return once
      if (chance(0.06)) {
        if (!wait(2 + random() * 20)) return;
        unitStep(
          unitId,
          'return',
          'triage',
          {
            unit_id: null,
            return_count: (row.return_count as number) + 1,
            signed_at: null,
            sign_due_at: null,
            reply_due_at: null,
            extension_pending_days: null,
            extension_approved_days: null,
          },
          '该事项不属于本单位职责范围，建议交由属地政府办理。',
        );
        if (!wait(1 + random() * 24)) return;
        unitId = townOwned ? cat.unit : townUnitId(town.id);
        assign(unitId, cat.id);
      }
      if (!wait(chance(0.9) ? 0.5 + random() * 16 : 24 + random() * 60)) return;
      unitStep(unitId, 'sign', 'handling', { signed_at: iso(t) }, null);
      handle(unitId, true);
    }

    function assign(unitId: string, categoryId: string) {
      step(
        officeFor,
        'assign',
        'assigned',
        {
          unit_id: unitId,
          category_id: categoryId,
          assigned_at: iso(t),
          first_assigned_at: row.first_assigned_at ?? iso(t),
          signed_at: null,
          sign_due_at: iso(calendar.addWorkingDays(new Date(t), limits.signWorkingDays).getTime()),
          reply_due_at: replyDue(t),
          reply_on_time: null,
          extension_pending_days: null,
          extension_approved_days: null,
        },
        '请按时限办理并答复群众。',
        { unitId, unitName: unitActors.get(unitId)!.unitName, categoryId, type: row.type, corrected: false },
      );
    }

    function unitStep(
      unitId: string,
      action: string,
      to: Status,
      patch: Partial<Row>,
      note: string | null,
      data: Record<string, unknown> = {},
    ) {
      step(unitActors.get(unitId)!, action, to, patch, note, data);
    }

    function handle(unitId: string, firstRound: boolean) {
      const limitDays = limits.replyWorkingDays[row.type as CaseType];
      if (firstRound && chance(0.1)) {
        if (!wait(24 + random() * 72)) return;
        const days = 3 + Math.floor(random() * 10);
        unitStep(unitId, 'request_extension', 'handling', { extension_pending_days: days }, '涉及多个部门协调，需要延期办理。', { days });
        if (!wait(2 + random() * 30)) return;
        if (chance(0.8)) {
          const base = row.reply_due_at ? new Date(row.reply_due_at as string) : new Date(t);
          step(
            officeFor,
            'approve_extension',
            'handling',
            {
              extension_pending_days: null,
              extension_approved_days: days,
              reply_due_at: iso(calendar.addWorkingDays(base, days).getTime()),
            },
            '同意延期。',
            { days },
          );
        } else {
          step(officeFor, 'deny_extension', 'handling', { extension_pending_days: null }, '请按原时限办结。');
        }
      }
      // the unit replies: mostly in time; a few cases are forgotten for weeks
      const due = Date.parse(row.reply_due_at as string);
      const late = chance(0.004) ? 30 * 24 + random() * 90 * 24 : 0;
      const target = chance(0.86) ? t + (due - t) * (0.2 + random() * 0.75) : due + (2 + random() * limitDays * 8) * HOUR;
      let hours = Math.max(1, (target - t) / HOUR) + late;
      if (hours > 48 && chance(0.3) && Date.parse(row.reply_due_at as string) < t + hours * HOUR) {
        // overdue: the office urges once it is late
        const urgeAt = (Date.parse(row.reply_due_at as string) - t) / HOUR + 4 + random() * 20;
        if (!wait(urgeAt)) return;
        step(
          chance(0.85) ? officeFor : leader,
          'urge',
          'handling',
          { urge_count: (row.urge_count as number) + 1 },
          '已超过办理时限，请抓紧办理并答复群众。',
        );
        hours = Math.max(1, hours - urgeAt);
      }
      if (!wait(hours)) return;
      unitStep(
        unitId,
        'reply',
        'replied',
        {
          replied_at: iso(t),
          reply_text: pick(REPLIES),
          replied_by_unit: 1,
          rate_due_at: iso(t + limits.ratingWindowDays * DAY),
          ...NO_RATINGS,
          extension_pending_days: null,
          ...(row.reply_on_time === null && row.reply_due_at ? { reply_on_time: t <= Date.parse(row.reply_due_at as string) ? 1 : 0 } : {}),
        },
        pick(REPLIES),
      );
      evaluateAndRate(true);
    }

    function evaluateAndRate(byUnit: boolean) {
      if (byUnit && chance(0.7)) {
        if (!wait(1 + random() * 40)) return;
        const rating = pick<Rating>(['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied']);
        step(
          deputy.actor,
          'evaluate',
          'replied',
          { deputy_rating: rating, deputy_rating_comment: '办理及时，答复清楚。' },
          '办理及时，答复清楚。',
          { rating, unitId: row.unit_id },
        );
      }
      const rateDue = Date.parse(row.rate_due_at as string);
      const r = random();
      if (onBehalf || r < 0.13) {
        // nobody rates: the scheduler closes it when the rating window ends
        if (rateDue + 60_000 >= nowMs) return;
        t = rateDue + 30_000;
        step(system, 'auto_close', 'closed', { closed_at: iso(t), close_reason: 'unrated' }, '评价期满未评价，自动办结', {
          reason: 'unrated',
        });
        return;
      }
      if (!wait(Math.min(2 + random() * 70, (rateDue - t) / HOUR - 0.1))) return;
      const rating: Rating = r < 0.72 ? 'satisfied' : r < 0.88 ? 'basically_satisfied' : 'unsatisfied';
      const solved = rating !== 'unsatisfied' ? chance(0.94) : chance(0.15);
      step(
        citizen,
        'rate',
        rating === 'unsatisfied' ? 'replied' : 'closed',
        {
          rating,
          solved: solved ? 1 : 0,
          rating_comment: rating === 'unsatisfied' ? '问题没有真正解决。' : '谢谢代表和相关部门！',
          rated_at: iso(t),
          ...(rating === 'unsatisfied' ? {} : { closed_at: iso(t), close_reason: 'rated' }),
        },
        rating === 'unsatisfied' ? '问题没有真正解决。' : '谢谢代表和相关部门！',
        { rating, solved },
      );
      if (rating !== 'unsatisfied') return;
      if (!wait(2 + random() * 30)) return;
      if ((row.reopen_count as number) < 2 && chance(0.75)) {
        const to: Status = row.unit_id ? 'handling' : 'acknowledged';
        step(
          officeFor,
          'reopen',
          to,
          {
            reopen_count: (row.reopen_count as number) + 1,
            reply_due_at: replyDue(t),
            rate_due_at: null,
            ...NO_RATINGS,
          },
          '群众不满意，请重新办理。',
          { round: (row.reopen_count as number) + 2 },
        );
        if (to === 'handling') return handle(row.unit_id as string, false);
        if (!wait(24 + random() * 72)) return;
        deputyReplies({});
        return evaluateAndRate(false);
      }
      closeFor(officeFor, 'close', 'closed', '已向群众解释政策，依规办结。');
    }

    function hoursUntil(at: string) {
      return Math.max(0, (Date.parse(at) - t) / HOUR);
    }
  }

  /** 走: visits, reception days and station check-ins of every deputy over the years. */
  function seedField() {
    const visit = db.prepare(
      `INSERT INTO visits (id, deputy_code, kind, date, place, people, summary, photo_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?)`,
    );
    const checkin = db.prepare('INSERT INTO checkins (id, deputy_code, station_id, at) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const d of deputies) {
        for (let t = startMs; t < nowMs; t += DAY) {
          const date = cstDate(new Date(t));
          if (!calendar.isWorkingDay(date)) continue;
          if (chance(0.12)) {
            const v = pick(d.town.villages);
            visit.run(
              randomUUID(),
              d.code,
              'visit',
              date,
              `${d.town.name}${v}`,
              `${v}群众`,
              `走访${v}，听取群众对环境整治和道路建设的意见。`,
              iso(t + 3 * HOUR),
            );
          }
          if (chance(0.04)) {
            visit.run(
              randomUUID(),
              d.code,
              'reception',
              date,
              d.town.station,
              '来访群众',
              '在联络站接待群众，收集意见建议。',
              iso(t + 2 * HOUR),
            );
            checkin.run(randomUUID(), d.code, `st-${d.town.id}`, iso(t + 1 * HOUR + random() * HOUR));
          }
        }
      }
    }).immediate();
  }
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function cumulative(weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / sum));
}

function pickIndex(cum: number[], r: number): number {
  for (let i = 0; i < cum.length; i++) if (r < cum[i]!) return i;
  return cum.length - 1;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('seed-bulk.ts')) {
  const cases = Number(arg('cases') ?? 1_000_000);
  const file = resolve(arg('db') ?? 'data/bulk.db');
  if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases 应为正整数');
  if (existsSync(file)) {
    console.error(`${file} 已存在：批量数据只写入新的数据库文件（请先删除或换一个 --db）`);
    process.exit(1);
  }
  const db = openDatabase(file);
  console.log(`生成 ${cases} 件民情件 → ${file}`);
  const result = seedBulk(db, {
    cases,
    years: Number(arg('years') ?? 3),
    now: arg('now') ? new Date(arg('now')!) : new Date(),
    seed: Number(arg('seed') ?? 20261128),
    // the server's key, or (demo) one made beside the new database, where the server will find it
    auditSecret: serverSecret('AUDIT_SECRET', parseEnv().AUDIT_SECRET, file, true),
    log: (l) => console.log(l),
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(`完成：${result.cases} 件民情件，${result.events} 条事件，${result.open} 件未办结，用时 ${result.seconds.toFixed(1)} s`);
}
