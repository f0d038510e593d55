import { describe, expect, it } from 'vitest';
import type { HolidayDay } from '@minqing/shared';
import { seedReference } from '../../server/src/seed/reference.js';
import { apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

/**
 * 节假日安排: an admin enters a year's official holidays and make-up working days (the State
 * Council's notice) in 系统设置; new deadlines count working days over them at once, deadlines
 * already set stay; bad input changes nothing; every change is in the 操作日志.
 */

/** Beijing wall-clock time → ISO instant. */
const bj = (s: string) => new Date(`${s}+08:00`).toISOString();
const span = (from: string, to: string, name: string): HolidayDay[] => {
  const days: HolidayDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return days;
};
const workday = (date: string, name: string): HolidayDay => ({ date, kind: 'workday', name });

/**
 * A 2027 schedule as a notice would give it (made up for the test): 春节 runs to Saturday 13 Feb,
 * so Friday 12 Feb (a working day in the provisional rows) is off, and Saturday 20 Feb is worked.
 */
const NOTICE_2027: HolidayDay[] = [
  ...span('2027-01-01', '2027-01-03', '元旦'),
  ...span('2027-02-05', '2027-02-13', '春节'),
  workday('2027-02-20', '春节'),
  ...span('2027-04-03', '2027-04-05', '清明节'),
  ...span('2027-05-01', '2027-05-05', '劳动节'),
  workday('2027-04-25', '劳动节'),
  workday('2027-05-08', '劳动节'),
  ...span('2027-06-09', '2027-06-11', '端午节'),
  ...span('2027-09-15', '2027-09-17', '中秋节'),
  ...span('2027-10-01', '2027-10-07', '国庆节'),
  workday('2027-09-26', '国庆节'),
  workday('2027-10-09', '国庆节'),
];
const byDate = (days: HolidayDay[]) => [...days].sort((a, b) => a.date.localeCompare(b.date));
const table = (s: TestServer) => s.db.prepare('SELECT date, kind, name FROM holidays ORDER BY date').all();
const eventCount = (s: TestServer) => (s.db.prepare('SELECT count(*) AS n FROM admin_events').get() as { n: number }).n;

describe('节假日安排', () => {
  it('should let an admin replace 2027 with the notice, and count new deadlines over it while keeping those already set', async () => {
    // Thursday 4 Feb 2027, 10:00: the day before the Spring Festival holiday
    const s = await startTestServer({ now: bj('2027-02-04T10:00:00') });
    const admin = await s.as('ding-admin');
    const citizen = await s.as('zlb-zhang');

    const provisional = await admin.settings.holidays(2027);
    expect(provisional.year).toBe(2027);
    expect(provisional.days.length).toBeGreaterThan(0);
    expect(provisional.days.every((d) => d.kind === 'holiday')).toBe(true); // no make-up days yet
    // 1 working day over the provisional calendar: 春节 5–11 Feb, so Friday 12 Feb
    const before = await citizen.cases.create(validCase(), newKey());
    expect(before.ackDueAt).toBe(bj('2027-02-12T10:00:00'));

    const saved = await admin.settings.putHolidays(2027, { days: NOTICE_2027 });
    expect(saved).toEqual({ year: 2027, days: byDate(NOTICE_2027) });
    expect(await admin.settings.holidays(2027)).toEqual(saved);
    // the default year is this year (China time)
    expect((await admin.http.get('/api/settings/holidays')).data).toEqual(saved);
    // 2026 is not touched
    expect((await admin.settings.holidays(2026)).days.find((d) => d.date === '2026-02-14')).toMatchObject({ kind: 'workday' });

    // a case submitted now: Friday 12 Feb is a holiday now, the next working day is Monday 15 Feb
    const after = await citizen.cases.create(validCase(), newKey());
    expect(after.ackDueAt).toBe(bj('2027-02-15T10:00:00'));
    // the deadline already promised stays
    expect((await citizen.cases.get(before.id)).ackDueAt).toBe(bj('2027-02-12T10:00:00'));
    // Friday 19 Feb: the make-up Saturday counts, so 1 working day ends Saturday 20 Feb
    s.clock.set(bj('2027-02-19T10:00:00'));
    const friday = await citizen.cases.create(validCase(), newKey());
    expect(friday.ackDueAt).toBe(bj('2027-02-20T10:00:00'));

    // readers of the limits read the calendar too
    for (const account of ['ding-office', 'ding-leader', 'ding-d001', 'ding-unit-zjj']) {
      expect((await (await s.as(account)).settings.holidays(2027)).days).toEqual(saved.days);
    }
    await s.close();
  });

  it('should log each change in the 操作日志 day by day: added, removed and changed', async () => {
    const s = await startTestServer({ now: bj('2026-12-02T09:00:00') });
    const admin = await s.as('ding-admin');
    await admin.settings.putHolidays(2027, { days: NOTICE_2027 });
    const first = (await admin.admin.events()).items[0]!;
    expect(first).toMatchObject({ action: 'settings_update', target: 'holidays:2027', actorName: '系统管理员' });
    expect(first.changes.added).toEqual(
      expect.arrayContaining([
        '2月12日（周五）放假 春节',
        '2月13日（周六）放假 春节',
        '2月20日（周六）调休上班 春节',
        '10月9日（周六）调休上班 国庆节',
      ]),
    );
    expect(first.changes.removed).toBeUndefined(); // the provisional days are all in the notice

    // a correction: 13 Feb is worked, not off; 11 Jun is not a holiday after all
    const corrected = NOTICE_2027.filter((d) => d.date !== '2027-06-11').map((d) =>
      d.date === '2027-02-13' ? workday(d.date, '春节') : d,
    );
    await admin.settings.putHolidays(2027, { days: corrected });
    const second = (await admin.admin.events()).items[0]!;
    expect(second.target).toBe('holidays:2027');
    expect(second.changes).toEqual({ removed: ['6月11日（周五）放假 端午节'], changed: ['2月13日（周六）放假 春节 → 调休上班 春节'] });
    await s.close();
  });

  it('should refuse bad input field by field and change nothing', async () => {
    const s = await startTestServer({ now: bj('2026-12-02T09:00:00') });
    const admin = await s.as('ding-admin');
    const rows = table(s);
    const events = eventCount(s);
    const ok = NOTICE_2027.slice(0, 3);
    const put = (body: unknown, year: number | string = 2027) => apiError(admin.http.put(`/api/settings/holidays/${year}`, body));
    const cases: [unknown, string | undefined, string, (number | string)?][] = [
      [{ days: [...ok, workday('2027-02-22', '春节')] }, 'days.3.date', '调休上班日须是周六或周日：2027-02-22'],
      [{ days: [...ok, { date: '2028-01-01', kind: 'holiday', name: '元旦' }] }, 'days.3.date', '日期须在2027年内：2028-01-01'],
      [{ days: [...ok, { ...ok[1]!, name: '元旦节' }] }, 'days.3.date', '日期重复：2027-01-02'],
      [{ days: [{ date: '2027-02-30', kind: 'holiday', name: '春节' }] }, 'days.0.date', '日期不存在：2027-02-30'],
      [{ days: [{ date: '2027/02/05', kind: 'holiday', name: '春节' }] }, 'days.0.date', '日期格式应为 YYYY-MM-DD'],
      [{ days: [{ ...ok[0]!, note: '放假' }] }, 'days.0', '不支持的字段：note'],
      [{ days: ok, year: 2028 }, undefined, '不支持的字段：year'],
      [{ days: [{ ...ok[0]!, name: '元\u200b旦' }] }, 'days.0.name', '名称含有不可见字符'],
      [{ days: [{ ...ok[0]!, name: '   ' }] }, 'days.0.name', '请填写名称（如春节）'],
      [{ days: [{ ...ok[0]!, name: '元'.repeat(21) }] }, 'days.0.name', '名称最多20个字'],
      [{ days: [{ ...ok[0]!, kind: 'off' }] }, 'days.0.kind', '类型只能是放假或调休上班'],
      [{ days: span('2027-01-01', '2027-03-02', '春节') }, 'days', '一年最多录入60天'],
      [{}, 'days', '请提供日期列表'],
      [{ days: ok }, 'year', '年份须在2020–2100之间', 2019],
      [{ days: ok }, 'year', '年份必须是数字', 'next'],
    ];
    for (const [body, field, message, year] of cases) {
      const err = await put(body, year);
      expect(err, JSON.stringify(body).slice(0, 120)).toMatchObject({
        status: 400,
        code: 'invalid_input',
        message,
        ...(field ? { field } : {}),
      });
      if (!field) expect(err.field).toBeUndefined();
    }
    expect(await apiError(admin.http.get('/api/settings/holidays?year=1999'))).toMatchObject({ status: 400, field: 'year' });
    expect(table(s)).toEqual(rows);
    expect(eventCount(s)).toBe(events);
    await s.close();
  });

  it('should let only an admin change the calendar, and no citizen read it', async () => {
    const s = await startTestServer({ now: bj('2026-12-02T09:00:00') });
    const rows = table(s);
    const office = await s.as('ding-office');
    expect(await apiError(office.settings.putHolidays(2027, { days: NOTICE_2027 }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await office.settings.holidays(2027)).days.length).toBeGreaterThan(0);
    const leader = await s.as('ding-leader');
    expect(await apiError(leader.settings.putHolidays(2027, { days: [] }))).toMatchObject({ status: 403 });
    const citizen = await s.as('zlb-zhang');
    expect(await apiError(citizen.settings.holidays(2027))).toMatchObject({ status: 403 });
    expect(await apiError(s.anonymous().settings.holidays(2027))).toMatchObject({ status: 401 });
    expect(table(s)).toEqual(rows);
    await s.close();
  });

  it('should keep a year an admin has entered when the reference seed runs again (as on every start)', async () => {
    const s = await startTestServer({ now: bj('2026-12-02T09:00:00') });
    const admin = await s.as('ding-admin');
    // an admin may also clear a year (e.g. a wrong entry): no provisional day comes back
    await admin.settings.putHolidays(2027, { days: NOTICE_2027 });
    s.db.prepare("DELETE FROM holidays WHERE date = '2026-02-14'").run(); // drift in a year the seed still owns
    seedReference(s.db);
    expect((await admin.settings.holidays(2027)).days).toEqual(byDate(NOTICE_2027));
    expect((await admin.settings.holidays(2026)).days.find((d) => d.date === '2026-02-14')).toMatchObject({ kind: 'workday' });

    await admin.settings.putHolidays(2027, { days: [] });
    seedReference(s.db);
    expect((await admin.settings.holidays(2027)).days).toEqual([]);
    await s.close();
  });
});
