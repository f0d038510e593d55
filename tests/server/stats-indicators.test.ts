import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATS_METRICS, type StatsMetric, type TransitionInput } from '@minqing/shared';
import { schedulerTick } from '../../server/src/domain/scheduler.js';
import { stationKey } from '../../server/src/domain/field.js';
import { apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

/**
 * 码上评 on a small hand-made set of cases whose right answers are worked out below by hand:
 * every case is driven through the real API with a test clock, then every indicator, every
 * breakdown and every drill-down list is checked against the written answers.
 *
 * Period: 2026-03-01 … 2026-04-30 (China time); "now" for the figures: Wed 2026-05-20 10:00.
 * Limits (defaults): respond within 1 working day; units sign within 1 and reply within
 * 2 (咨询) / 10 (求助) / 15 (投诉) working days. Holidays: 清明 4/4–4/6, 劳动节 5/1–5/5 with
 * Saturday 5/9 a make-up working day.
 *
 * C1  求助 D001 当湖  ack +2h ✓, → 住建局 (城乡建设), replied 3/10 ✓ (due 3/16), deputy 满意, citizen 满意 + solved
 * C2  投诉 D001       ack +6h ✓, → 交通局, extension +5 approved (due 3/25 → 4/1), replied 3/30 ✓ only thanks to it;
 *                     deputy 基本满意, citizen 基本满意 + solved
 * C3  求助 D001       ack +28h ✗ late, → 住建局, replied 3/23 ✗ (due 3/19), citizen 不满意 → reopened → replied again,
 *                     deputy 不满意 (second round), citizen 基本满意 + solved
 * C4  求助 D001       ack +1h ✓, → 教育局 returned → 文广旅体局, replied 3/12 ✓, never rated → closed 未评价 by the scheduler
 * C5  求助 D001       Fri 20:00, the deputy replies directly Sat 10:00 (+14h ✓), citizen 满意 but not solved
 * C6  求助 D001       Fri 4/3 10:00 before 清明: due Tue 4/7 10:00, ack Mon 4/6 18:00 (+80h ✓ only because of the holiday),
 *                     → 生态环境局 (环境保护), replied 4/21 09:00 ✓ (due 4/21 10:00), deputy 满意, citizen 不满意 unsolved,
 *                     office closes it with a note
 * C7  求助 D002 钟埭  rejected by the deputy after 1h (counts as a response in time)
 * C8  求助 D001       4/28, never answered: open, 应答 overdue
 * C9  咨询 D001       ack +0.5h ✓, → 商务局 (商贸旅游) 4/13 14:00, due 4/15 14:00, signed, no reply: open, 办理 overdue
 * C10 投诉 D001       4/30, ack +1h ✓, → 卫健局 (卫生计生) 4/30 14:00: due Mon 5/25 14:00 over 劳动节 and the make-up
 *                     Saturday; signed 5/6: open, not yet due
 * C11 求助 D002 钟埭  withdrawn by the citizen after 1h (before the response limit: not due)
 * C12 求助 D001       2026-02-27: outside the period
 */

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const PERIOD = { from: '2026-03-01', to: '2026-04-30' };
const NOW = at('2026-05-20', '10:00');

type Client = Awaited<ReturnType<TestServer['as']>>;
let s: TestServer;
let citizen: Client, d001: Client, d002: Client, office: Client, admin: Client, leader: Client;
const units: Record<string, Client> = {};
const ids: Record<string, string> = {};
const name = new Map<string, string>();

async function submit(label: string, when: string, over: Record<string, unknown> = {}) {
  s.clock.set(when);
  const c = await citizen.cases.create(validCase(over), newKey());
  ids[label] = c.id;
  name.set(c.id, label);
  return c;
}
async function step(label: string, who: Client, when: string, input: TransitionInput) {
  s.clock.set(when);
  return who.cases.transition(ids[label]!, input);
}

beforeAll(async () => {
  s = await startTestServer({ now: '2026-02-27T02:00:00Z', tokenTtlSeconds: 365 * 86_400 });
  citizen = await s.as('zlb-zhang');
  d001 = await s.as('ding-d001');
  d002 = await s.as('ding-d002');
  office = await s.as('ding-office');
  admin = await s.as('ding-admin');
  leader = await s.as('ding-leader');
  for (const u of ['zjj', 'jtj', 'jyj', 'wglt', 'sthj', 'swj', 'wjj']) units[u] = await s.as(`ding-unit-${u}`);

  // C12: before the period
  await submit('C12', at('2026-02-27', '10:00'));

  // C1
  await submit('C1', at('2026-03-02', '10:00'));
  await step('C1', d001, at('2026-03-02', '12:00'), { action: 'acknowledge' });
  await step('C1', d001, at('2026-03-02', '13:00'), { action: 'forward' });
  const c1 = await step('C1', office, at('2026-03-02', '15:00'), { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
  expect(c1.replyDueAt).toBe(at('2026-03-16', '15:00'));
  await step('C1', units.zjj!, at('2026-03-03', '09:00'), { action: 'sign' });
  await step('C1', units.zjj!, at('2026-03-10', '10:00'), { action: 'reply', note: '路灯已修复。' });
  await step('C1', d001, at('2026-03-10', '12:00'), { action: 'evaluate', rating: 'satisfied' });
  await step('C1', citizen, at('2026-03-10', '20:00'), { action: 'rate', rating: 'satisfied', solved: true });

  // C2: extension honoured
  await submit('C2', at('2026-03-03', '09:00'), { type: 'complaint' });
  await step('C2', d001, at('2026-03-03', '15:00'), { action: 'acknowledge' });
  await step('C2', d001, at('2026-03-03', '16:00'), { action: 'forward' });
  const c2 = await step('C2', office, at('2026-03-04', '10:00'), { action: 'assign', unitId: 'jtj', categoryId: 'transport' });
  expect(c2.replyDueAt).toBe(at('2026-03-25', '10:00'));
  await step('C2', units.jtj!, at('2026-03-04', '11:00'), { action: 'sign' });
  await step('C2', units.jtj!, at('2026-03-20', '09:00'), { action: 'request_extension', days: 5, note: '需要协调多个部门' });
  const c2x = await step('C2', office, at('2026-03-20', '10:00'), { action: 'approve_extension' });
  expect(c2x.replyDueAt).toBe(at('2026-04-01', '10:00'));
  await step('C2', units.jtj!, at('2026-03-30', '10:00'), { action: 'reply', note: '已完成整改。' });
  await step('C2', d001, at('2026-03-30', '12:00'), { action: 'evaluate', rating: 'basically_satisfied' });
  await step('C2', citizen, at('2026-03-31', '10:00'), { action: 'rate', rating: 'basically_satisfied', solved: true });

  // C3: late twice, reopened
  await submit('C3', at('2026-03-04', '10:00'));
  await step('C3', d001, at('2026-03-05', '14:00'), { action: 'acknowledge' });
  await step('C3', d001, at('2026-03-05', '15:00'), { action: 'forward' });
  const c3 = await step('C3', office, at('2026-03-05', '16:00'), { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
  expect(c3.replyDueAt).toBe(at('2026-03-19', '16:00'));
  await step('C3', units.zjj!, at('2026-03-06', '09:00'), { action: 'sign' });
  await step('C3', units.zjj!, at('2026-03-23', '10:00'), { action: 'reply', note: '已处理。' });
  await step('C3', d001, at('2026-03-23', '11:00'), { action: 'evaluate', rating: 'satisfied' });
  await step('C3', citizen, at('2026-03-23', '20:00'), { action: 'rate', rating: 'unsatisfied', solved: false });
  await step('C3', office, at('2026-03-24', '10:00'), { action: 'reopen', note: '群众不满意，请重新办理' });
  await step('C3', units.zjj!, at('2026-03-27', '10:00'), { action: 'reply', note: '经再次核查已整改到位。' });
  await step('C3', d001, at('2026-03-27', '11:00'), { action: 'evaluate', rating: 'unsatisfied' });
  await step('C3', citizen, at('2026-03-27', '20:00'), { action: 'rate', rating: 'basically_satisfied', solved: true });

  // C4: returned, reassigned, never rated
  await submit('C4', at('2026-03-05', '10:00'));
  await step('C4', d001, at('2026-03-05', '11:00'), { action: 'acknowledge' });
  await step('C4', d001, at('2026-03-05', '12:00'), { action: 'forward' });
  await step('C4', office, at('2026-03-05', '14:00'), { action: 'assign', unitId: 'jyj', categoryId: 'education' });
  await step('C4', units.jyj!, at('2026-03-06', '10:00'), { action: 'return', note: '不属于本单位职责' });
  const c4 = await step('C4', office, at('2026-03-06', '11:00'), { action: 'assign', unitId: 'wglt', categoryId: 'education' });
  expect(c4.replyDueAt).toBe(at('2026-03-20', '11:00'));
  await step('C4', units.wglt!, at('2026-03-06', '15:00'), { action: 'sign' });
  await step('C4', units.wglt!, at('2026-03-12', '10:00'), { action: 'reply', note: '已答复群众。' });

  // C5: the deputy answers directly on a Saturday
  await submit('C5', at('2026-03-06', '20:00'));
  await step('C5', d001, at('2026-03-07', '10:00'), { action: 'reply', note: '已当面沟通解决。' });
  await step('C5', citizen, at('2026-03-07', '12:00'), { action: 'rate', rating: 'satisfied', solved: false });

  // C6: over 清明
  const c6 = await submit('C6', at('2026-04-03', '10:00'));
  expect(c6.ackDueAt).toBe(at('2026-04-07', '10:00'));
  await step('C6', d001, at('2026-04-06', '18:00'), { action: 'acknowledge' });
  await step('C6', d001, at('2026-04-06', '19:00'), { action: 'forward' });
  const c6a = await step('C6', office, at('2026-04-07', '10:00'), { action: 'assign', unitId: 'sthj', categoryId: 'environment' });
  expect(c6a.replyDueAt).toBe(at('2026-04-21', '10:00'));
  await step('C6', units.sthj!, at('2026-04-07', '12:00'), { action: 'sign' });
  await step('C6', units.sthj!, at('2026-04-21', '09:00'), { action: 'reply', note: '已现场检查。' });
  await step('C6', d001, at('2026-04-21', '10:00'), { action: 'evaluate', rating: 'satisfied' });
  await step('C6', citizen, at('2026-04-21', '20:00'), { action: 'rate', rating: 'unsatisfied', solved: false });
  await step('C6', office, at('2026-04-22', '10:00'), { action: 'close', note: '已向群众解释，依规办结' });

  // C7: rejected in another town
  await submit('C7', at('2026-03-09', '10:00'), { deputyCode: 'D002' });
  await step('C7', d002, at('2026-03-09', '11:00'), { action: 'reject', note: '属于民事纠纷，建议调解' });

  // C8: never answered
  await submit('C8', at('2026-04-28', '10:00'));

  // C9: 咨询, overdue with the unit
  await submit('C9', at('2026-04-13', '10:00'), { type: 'consult' });
  await step('C9', d001, at('2026-04-13', '10:30'), { action: 'acknowledge' });
  await step('C9', d001, at('2026-04-13', '11:00'), { action: 'forward' });
  const c9 = await step('C9', office, at('2026-04-13', '14:00'), { action: 'assign', unitId: 'swj', categoryId: 'commerce' });
  expect(c9.replyDueAt).toBe(at('2026-04-15', '14:00'));
  await step('C9', units.swj!, at('2026-04-14', '09:00'), { action: 'sign' });

  // C10: 投诉 over 劳动节 and the make-up Saturday
  await submit('C10', at('2026-04-30', '10:00'), { type: 'complaint' });
  await step('C10', d001, at('2026-04-30', '11:00'), { action: 'acknowledge' });
  await step('C10', d001, at('2026-04-30', '12:00'), { action: 'forward' });
  const c10 = await step('C10', office, at('2026-04-30', '14:00'), { action: 'assign', unitId: 'wjj', categoryId: 'health' });
  expect(c10.replyDueAt).toBe(at('2026-05-25', '14:00'));
  await step('C10', units.wjj!, at('2026-05-06', '09:00'), { action: 'sign' });

  // C11: withdrawn in time
  await submit('C11', at('2026-03-10', '10:00'), { deputyCode: 'D002' });
  await step('C11', citizen, at('2026-03-10', '11:00'), { action: 'close', note: '问题已自行解决' });

  // 走: two visits and a reception day of D001 in the period, one visit after it; a check-in in it and one after
  s.clock.set(at('2026-03-20', '09:00'));
  await d001.checkins.create('st-danghu', stationKey('test-secret-test-secret-test-secret-0123', 'st-danghu'));
  s.clock.set(at('2026-05-15', '09:00'));
  await d001.visits.create({ kind: 'visit', date: '2026-03-20', place: '东湖社区', summary: '走访了解路灯情况' });
  await d001.visits.create({ kind: 'visit', date: '2026-04-10', place: '南河头社区', summary: '走访了解停车难问题' });
  await d001.visits.create({ kind: 'reception', date: '2026-04-05', place: '当湖街道人大代表联络站', summary: '接待日接待群众' });
  await d001.visits.create({ kind: 'visit', date: '2026-05-10', place: '虹霓社区', summary: '走访（区间外）' });
  await d001.checkins.create('st-danghu', stationKey('test-secret-test-secret-test-secret-0123', 'st-danghu'));

  // now: the scheduler closes C4 (rating window over) and flags the overdue ones
  s.clock.set(NOW);
  schedulerTick(s.deps);
});
afterAll(() => s.close());

/** The cases behind each figure, by hand. */
const EXPECTED: Record<StatsMetric, string[]> = {
  received: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11'],
  open: ['C8', 'C9', 'C10'],
  closed: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C11'],
  overdue: ['C8', 'C9'],
  ackDue: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10'],
  ackOnTime: ['C1', 'C2', 'C4', 'C5', 'C6', 'C7', 'C9', 'C10'],
  ackLate: ['C3', 'C8'],
  acknowledged: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C9', 'C10'],
  replyDue: ['C1', 'C2', 'C3', 'C4', 'C6', 'C9'],
  replyOnTime: ['C1', 'C2', 'C4', 'C6'],
  replyLate: ['C3', 'C9'],
  rated: ['C1', 'C2', 'C3', 'C5', 'C6'],
  satisfied: ['C1', 'C5'],
  basicallySatisfied: ['C2', 'C3'],
  unsatisfied: ['C6'],
  solved: ['C1', 'C2', 'C3'],
  unsolved: ['C5', 'C6'],
  deputyRated: ['C1', 'C2', 'C3', 'C6'],
  deputySatisfied: ['C1', 'C6'],
  deputyBasicallySatisfied: ['C2'],
  deputyUnsatisfied: ['C3'],
  assigned: ['C1', 'C2', 'C3', 'C4', 'C6', 'C9', 'C10'],
  returned: ['C4'],
  extended: ['C2'],
  replied: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'],
  reopened: ['C3'],
  directReplied: ['C5'],
  forwarded: ['C1', 'C2', 'C3', 'C4', 'C6', 'C9', 'C10'],
};

describe('码上评 on hand-made cases', () => {
  it('should compute every indicator of the period as worked out by hand', async () => {
    const o = await leader.stats.overview(PERIOD);
    expect(o).toMatchObject({
      from: '2026-03-01',
      to: '2026-04-30',
      received: 11,
      open: 3,
      closed: 8,
      overdue: 2,
      ackOnTimeRate: 0.8, // 8 / 10 (C3 late, C8 never answered; C11 withdrawn before its limit is not due)
      // (2 + 6 + 28 + 1 + 14 + 80 + 1 + 0.5 + 1) h / 9 acknowledged = 14.83 h
      meanAckHours: 14.8,
      completionOnTimeRate: 0.6667, // 4 / 6: C1 C2 (extended) C4 C6 of C1 C2 C3 C4 C6 C9
      completionRate: 0.7273, // 8 / 11
      satisfactionRate: 0.8, // (2 满意 + 2 基本满意) / 5 rated; C4 unrated is not counted
      deputySatisfactionRate: 0.75, // (C1 + C6 满意 + C2 基本满意) / 4 evaluated
      solvedRate: 0.6, // 3 / 5: C5 was 满意 but not solved
      reopenRate: 0.1667, // 1 / 6 replied
      returnRate: 0.1429, // 1 / 7 assigned
      extensionRate: 0.1429, // 1 / 7 assigned
      counts: {
        ackDue: 10,
        ackOnTime: 8,
        replyDue: 6,
        replyOnTime: 4,
        rated: 5,
        satisfied: 2,
        basicallySatisfied: 2,
        unsatisfied: 1,
        solved: 3,
        assigned: 7,
        returned: 1,
        extended: 1,
        reopened: 1,
      },
      more: {
        acknowledged: 9,
        replied: 6,
        forwarded: 7,
        directReplied: 1,
        deputyRated: 4,
        deputySatisfied: 2,
        deputyBasicallySatisfied: 1,
        deputyUnsatisfied: 1,
      },
    });
  });

  it('should open every figure as the list of exactly the cases behind it', async () => {
    const o = await leader.stats.overview(PERIOD);
    const figure: Partial<Record<StatsMetric, number>> = {
      received: o.received,
      open: o.open,
      closed: o.closed,
      overdue: o.overdue,
      ackDue: o.counts.ackDue,
      ackOnTime: o.counts.ackOnTime,
      acknowledged: o.more.acknowledged,
      replyDue: o.counts.replyDue,
      replyOnTime: o.counts.replyOnTime,
      rated: o.counts.rated,
      satisfied: o.counts.satisfied,
      basicallySatisfied: o.counts.basicallySatisfied,
      unsatisfied: o.counts.unsatisfied,
      solved: o.counts.solved,
      deputyRated: o.more.deputyRated,
      deputySatisfied: o.more.deputySatisfied,
      deputyBasicallySatisfied: o.more.deputyBasicallySatisfied,
      deputyUnsatisfied: o.more.deputyUnsatisfied,
      assigned: o.counts.assigned,
      returned: o.counts.returned,
      extended: o.counts.extended,
      replied: o.more.replied,
      reopened: o.counts.reopened,
      directReplied: o.more.directReplied,
      forwarded: o.more.forwarded,
    };
    for (const metric of STATS_METRICS) {
      const list = await leader.stats.cases({ ...PERIOD, metric, pageSize: 100 });
      const got = list.items.map((c) => name.get(c.id)).sort();
      expect({ metric, cases: got }).toEqual({ metric, cases: [...EXPECTED[metric]].sort() });
      expect({ metric, total: list.total }).toEqual({ metric, total: EXPECTED[metric].length });
      if (figure[metric] !== undefined) expect({ metric, figure: figure[metric] }).toEqual({ metric, figure: list.total });
    }
    // paging: the same total, pages of the asked size, newest first
    const p1 = await leader.stats.cases({ ...PERIOD, metric: 'received', pageSize: 4, page: 1 });
    const p3 = await leader.stats.cases({ ...PERIOD, metric: 'received', pageSize: 4, page: 3 });
    expect([p1.total, p1.items.length, p3.items.length]).toEqual([11, 4, 3]);
    expect(p1.items.map((c) => name.get(c.id))).toEqual(['C10', 'C8', 'C9', 'C6']);
  });

  it('should weigh 基本满意 as configured', async () => {
    const limits = (await admin.http.get('/api/settings/limits')).data as Record<string, unknown>;
    await admin.http.put('/api/settings/limits', { ...limits, basicallySatisfiedWeight: 0.5 });
    try {
      const o = await leader.stats.overview(PERIOD);
      expect(o.basicallySatisfiedWeight).toBe(0.5);
      expect(o.satisfactionRate).toBe(0.6); // (2 + 0.5 × 2) / 5
      expect(o.deputySatisfactionRate).toBe(0.625); // (2 + 0.5 × 1) / 4
    } finally {
      await admin.http.put('/api/settings/limits', { ...limits, basicallySatisfiedWeight: 1 });
    }
  });

  it('should narrow the figures by region, category, unit and deputy', async () => {
    expect((await leader.stats.overview({ ...PERIOD, regionId: 'zhongdai' })).received).toBe(2);
    expect((await leader.stats.overview({ ...PERIOD, regionId: 'danghu' })).received).toBe(9);
    const construction = await leader.stats.overview({ ...PERIOD, categoryId: 'construction' });
    expect([construction.received, construction.counts.replyDue, construction.counts.replyOnTime, construction.counts.reopened]).toEqual([
      2, 2, 1, 1,
    ]);
    const wglt = await leader.stats.overview({ ...PERIOD, unitId: 'wglt' });
    expect([wglt.received, wglt.counts.returned, wglt.counts.rated, wglt.closed]).toEqual([1, 1, 0, 1]);
    const d002 = await leader.stats.overview({ ...PERIOD, deputyCode: 'D002' });
    expect([d002.received, d002.counts.ackDue, d002.counts.ackOnTime, d002.closed]).toEqual([2, 1, 1, 2]);
    // a shorter period: March only
    const march = await leader.stats.overview({ from: '2026-03-01', to: '2026-03-31' });
    expect([march.received, march.open, march.counts.ackDue, march.counts.ackOnTime]).toEqual([7, 0, 6, 5]);
    // drill-down with the same filters gives the same numbers
    expect((await leader.stats.cases({ ...PERIOD, categoryId: 'construction', metric: 'replyOnTime' })).total).toBe(1);
  });

  it('should break the period down by month, week and day, category and town', async () => {
    const months = await leader.stats.trend({ ...PERIOD, granularity: 'month' });
    expect(months.buckets.map((b) => [b.key, b.received, b.open, b.overdue, b.ackDue, b.ackOnTime])).toEqual([
      ['2026-03', 7, 0, 0, 6, 5],
      ['2026-04', 4, 3, 2, 4, 3],
    ]);
    expect(months.buckets[0]).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      replyDue: 4,
      replyOnTime: 3,
      rated: 4,
      satisfactionRate: 1,
    });
    const weeks = await leader.stats.trend({ ...PERIOD, granularity: 'week' });
    expect(weeks.buckets[0]).toMatchObject({ key: '2026-02-23', from: '2026-03-01', to: '2026-03-01', received: 0 });
    // week of Mon 3/2: C1 C2 C3 C4 C5
    expect(weeks.buckets[1]).toMatchObject({ key: '2026-03-02', from: '2026-03-02', to: '2026-03-08', received: 5 });
    expect(weeks.buckets.reduce((n, b) => n + b.received, 0)).toBe(11);
    const days = await leader.stats.trend({ ...PERIOD, granularity: 'day' });
    expect(days.buckets).toHaveLength(61);
    expect(days.buckets.find((b) => b.key === '2026-04-03')).toMatchObject({ received: 1, ackOnTime: 1 });

    const cats = await leader.stats.categories(PERIOD);
    expect(Object.fromEntries(cats.items.map((c) => [c.name, c.received]))).toEqual({
      未分类: 4,
      城乡建设: 2,
      交通运输: 1,
      教育文体: 1,
      环境保护: 1,
      商贸旅游: 1,
      卫生计生: 1,
      劳动和社会保障: 0,
    });
    expect(cats.items.find((c) => c.id === 'construction')).toMatchObject({
      completionOnTimeRate: 0.5,
      satisfactionRate: 1,
      solvedRate: 1,
    });
    const towns = await leader.stats.towns(PERIOD);
    expect(towns.items).toHaveLength(10);
    expect(towns.items.slice(0, 2).map((t) => [t.name, t.received, t.open, t.overdue])).toEqual([
      ['当湖街道', 9, 3, 2],
      ['钟埭街道', 2, 0, 0],
    ]);
  });

  it('should rank units on volume-aware scores and list the small ones unranked', async () => {
    const r = await leader.stats.units(PERIOD);
    expect(r.minVolume).toBeGreaterThan(3);
    const byId = Object.fromEntries(r.items.map((u) => [u.unitId, u]));
    expect(byId.zjj).toMatchObject({
      assigned: 2,
      replyDue: 2,
      replyOnTime: 1,
      completionOnTimeRate: 0.5,
      rated: 2,
      satisfactionRate: 1,
      rank: null,
    });
    // the return is 教育局's, though the case is now 文广旅体局's
    expect(byId.jyj).toMatchObject({ assigned: 0, returned: 1, returnRate: 1, rank: null });
    expect(byId.wglt).toMatchObject({ assigned: 1, returned: 0, replyOnTime: 1 });
    expect(byId.swj).toMatchObject({ open: 1, overdue: 1, replyDue: 1, replyOnTime: 0 });
    expect(byId.jtj).toMatchObject({ extended: 1, extensionRate: 1, deputySatisfactionRate: 1 });
    // nobody has 20 cases here: nobody is ranked, and scores are Wilson lower bounds (well below the raw rates)
    expect(r.items.every((u) => u.rank === null)).toBe(true);
    expect(byId.wglt!.score).toBeLessThan(0.5);
  });

  it("should show the deputies' 履职 with visits, reception days and check-ins", async () => {
    const r = await leader.stats.deputies(PERIOD);
    expect(r.items).toHaveLength(34);
    const d1 = r.items.find((d) => d.deputyCode === 'D001')!;
    expect(d1).toMatchObject({
      received: 9,
      ackDue: 9,
      ackOnTime: 7,
      ackOnTimeRate: 0.7778,
      directReplied: 1,
      forwarded: 7,
      open: 3,
      overdue: 2,
      visits: 2,
      receptions: 1,
      checkins: 1,
      satisfactionRate: 0.8,
    });
    const d2 = r.items.find((d) => d.deputyCode === 'D002')!;
    expect(d2).toMatchObject({ received: 2, ackDue: 1, ackOnTime: 1, meanAckHours: 1 });
    // a longer period takes in the visit of 5/10 and the check-in of 5/15
    const all = await leader.stats.deputies({ from: '2026-03-01', to: '2026-05-31' });
    expect(all.items.find((d) => d.deputyCode === 'D001')).toMatchObject({ visits: 3, receptions: 1, checkins: 2 });
  });

  it('should list overdue cases with who holds them and for how long', async () => {
    const r = await leader.stats.overdue(PERIOD);
    expect(r.total).toBe(2);
    // the longest overdue first: C9's 办理 limit passed 4/15 14:00, C8's 应答 limit 4/29 10:00
    expect(r.items.map((c) => [name.get(c.id), c.stage, c.holderKind, c.holderName, c.overdueHours])).toEqual([
      ['C9', 'reply', 'unit', '市商务局', 836],
      ['C8', 'ack', 'deputy', `${(await leader.deputies.get('D001')).name}代表`, 504],
    ]);
  });

  it('should show how long each stage took and where open cases wait', async () => {
    const r = await leader.stats.stages(PERIOD);
    expect(r.completed).toEqual([
      // submitted → forwarded / replied directly / rejected: 3+7+29+2+14+81+1+1+2 = 140 h over 9
      { stage: 'deputy', label: '代表受理与转交', cases: 9, meanHours: 15.6 },
      // forwarded → first assigned: 2+18+1+2+15+3+2 = 43 h over 7
      { stage: 'office', label: '人大办分办', cases: 7, meanHours: 6.1 },
      // first assigned → the unit's reply: 187+624+522+164+335 = 1832 h over 5
      { stage: 'unit', label: '承办单位办理', cases: 5, meanHours: 366.4 },
    ]);
    const waiting = Object.fromEntries(r.waiting.map((w) => [w.status, [w.cases, w.overdue, w.meanWaitingHours]]));
    // C8 waits since 4/28 10:00 (528 h); C9 since signing 4/14 09:00 (865 h) and C10 since 5/6 09:00 (337 h)
    expect(waiting).toMatchObject({ submitted: [1, 1, 528], handling: [2, 1, 601], triage: [0, 0, null] });
  });

  it('should show the latest cases with the citizen masked', async () => {
    const r = await leader.stats.latest({ limit: 3 });
    expect(r.items.map((c) => name.get(c.id))).toEqual(['C10', 'C8', 'C9']);
    expect(r.items[0]!.citizen).toBe('张** 138****0001');
    expect(JSON.stringify(r)).not.toContain('13857310001');
  });

  it('should export the ledger as .xlsx: Chinese headers, one row per case, masked phones, every stage and the rating', async () => {
    const res = await leader.stats.exportLedger(PERIOD, 'arraybuffer');
    expect(res.rows).toBe(11);
    expect(res.filename).toBe('民情台账_平湖市_2026-03-01_2026-04-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.data as ArrayBuffer);
    const sheet = wb.getWorksheet('民情台账')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining([
        '受理编号',
        '提交时间',
        '受理时间',
        '首次交办时间',
        '签收时间',
        '答复时间',
        '群众评价',
        '是否解决',
        '代表评价',
        '办结时间',
        '联系电话',
      ]),
    );
    expect(sheet.rowCount).toBe(12);
    // the header is bold (a style of its own); data cells keep the default style
    expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    const rows = Array.from({ length: 11 }, (_, i) =>
      Object.fromEntries(header.map((h, j) => [h, sheet.getRow(i + 2).getCell(j + 1).value])),
    );
    const text = JSON.stringify(rows);
    expect(text).not.toContain('13857310001');
    const c2 = rows.find((r) => r['标题'] === '路灯坏了' && r['延期（工作日）'] === 5)!;
    expect(c2).toMatchObject({
      诉求类型: '投诉',
      当前状态: '已办结',
      联系电话: '138****0001',
      群众: '张**',
      提交时间: '2026-03-03 09:00',
      受理时间: '2026-03-03 15:00',
      按时受理: '是',
      首次交办时间: '2026-03-04 10:00',
      签收时间: '2026-03-04 11:00',
      办理时限: '2026-04-01 10:00',
      答复时间: '2026-03-30 10:00',
      按时办结: '是',
      群众评价: '基本满意',
      是否解决: '是',
      代表评价: '基本满意',
      承办单位: '市交通运输局',
    });
    expect(rows.filter((r) => r['当前超期'] === '是')).toHaveLength(2);
    // rows in submission order: the first is C1
    expect(rows[0]!['提交时间']).toBe('2026-03-02 10:00');
  });
});

describe('who may read the cockpit', () => {
  // calls, not promises: each request starts when it is awaited (a refusal nobody awaits yet is an unhandled rejection)
  const routes = (c: Client): (() => Promise<unknown>)[] => [
    () => c.stats.overview(PERIOD),
    () => c.stats.trend(PERIOD),
    () => c.stats.categories(PERIOD),
    () => c.stats.towns(PERIOD),
    () => c.stats.units(PERIOD),
    () => c.stats.deputies(PERIOD),
    () => c.stats.overdue(PERIOD),
    () => c.stats.stages(PERIOD),
    () => c.stats.cases({ ...PERIOD, metric: 'received' }),
    () => c.stats.latest(),
    () => c.stats.exportLedger(PERIOD, 'arraybuffer'),
  ];

  it("should show 当湖街道's office only its own town", async () => {
    const danghu = await s.as('ding-office-danghu');
    const o = await danghu.stats.overview(PERIOD);
    expect([o.received, o.open, o.overdue, o.scopeName]).toEqual([9, 3, 2, '当湖街道']);
    expect((await danghu.stats.cases({ ...PERIOD, metric: 'received', pageSize: 100 })).items.every((c) => c.regionId === 'danghu')).toBe(
      true,
    );
    expect((await danghu.stats.towns(PERIOD)).items.map((t) => t.id)).toEqual(['danghu']);
    expect((await danghu.stats.deputies(PERIOD)).items.every((d) => d.regionId === 'danghu')).toBe(true);
    expect((await danghu.stats.latest({ limit: 50 })).items.some((c) => name.get(c.id) === 'C7')).toBe(false);
    expect((await danghu.stats.exportLedger(PERIOD, 'arraybuffer')).rows).toBe(9);
    // another town is not theirs; their own town or a village in it is
    for (const call of [
      () => danghu.stats.overview({ ...PERIOD, regionId: 'zhongdai' }),
      () => danghu.stats.cases({ ...PERIOD, regionId: 'pinghu', metric: 'received' }),
    ]) {
      expect(await apiError(call())).toMatchObject({ status: 403, code: 'forbidden' });
    }
    expect((await danghu.stats.overview({ ...PERIOD, regionId: 'danghu-01' })).received).toBe(0);
    // the city's office sees both towns
    expect((await office.stats.overview(PERIOD)).received).toBe(11);
  });

  it('should refuse units, citizens and deputies (403) and anonymous callers (401)', async () => {
    for (const account of ['ding-unit-zjj', 'zlb-zhang', 'ding-d001']) {
      const c = await s.as(account);
      for (const call of routes(c)) expect(await apiError(call())).toMatchObject({ status: 403 });
    }
    for (const call of routes(s.anonymous() as unknown as Client)) expect((await apiError(call())).status).toBe(401);
  });

  it('should reject a bad period or filter with 400', async () => {
    for (const q of [
      { from: '2026-05-01', to: '2026-04-01' },
      { from: '2026-02-30' },
      { categoryId: 'nope' },
      { unitId: 'nope' },
      { deputyCode: 'D999' },
      { regionId: 'nowhere' },
    ]) {
      expect(await apiError(leader.stats.overview(q))).toMatchObject({ status: 400 });
    }
    expect(await apiError(leader.stats.trend({ from: '2020-01-01', to: '2026-04-30', granularity: 'day' }))).toMatchObject({
      status: 400,
      field: 'granularity',
    });
    expect(await apiError(leader.http.get('/api/stats/cases', { params: { metric: 'nonsense' } }))).toMatchObject({ status: 400 });
  });
});
