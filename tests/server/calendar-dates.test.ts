import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ now: '2026-03-02T02:00:00Z' });
});
afterAll(() => s.close());

const NOT_DATES = ['2026-02-30', '0000-00-00', '2026-13-01', '2025-02-29', '2026-3-1', '2026-03-01T00:00:00Z', '2026-03-01junk'];
const count = (table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('every date of the contract is a real calendar date', () => {
  it('should refuse a visit on a day that does not exist with 400 naming the date, and record nothing', async () => {
    const deputy = await s.as('ding-d001');
    const visit = { kind: 'visit' as const, place: '东湖社区', summary: '走访了解加装电梯的进展。' };
    const before = count('visits');
    for (const date of NOT_DATES) {
      const err = await apiError(deputy.visits.create({ ...visit, date }));
      expect(err, date).toMatchObject({ status: 400, code: 'invalid_input', field: 'date' });
      expect(err.message, date).toMatch(/日期/);
    }
    expect(count('visits')).toBe(before);
    // a real day, and the last of a leap February, are recorded
    expect((await deputy.visits.create({ ...visit, date: '2026-02-28' })).date).toBe('2026-02-28');
    expect((await deputy.visits.create({ ...visit, date: '2024-02-29' })).date).toBe('2024-02-29');
    expect(count('visits')).toBe(before + 2);
  });

  it('should refuse such a day as a holiday with 400 naming it, and change no day of the year', async () => {
    const admin = await s.as('ding-admin');
    const before = s.db.prepare("SELECT date, kind, name FROM holidays WHERE date LIKE '2026-%' ORDER BY date").all();
    for (const date of ['2026-02-30', '0000-00-00']) {
      const err = await apiError(admin.settings.putHolidays(2026, { days: [{ date, kind: 'holiday', name: '春节' }] }));
      expect(err, date).toMatchObject({ status: 400, field: 'days.0.date' });
    }
    expect(s.db.prepare("SELECT date, kind, name FROM holidays WHERE date LIKE '2026-%' ORDER BY date").all()).toEqual(before);
  });

  it('should refuse such a day as the start or end of a statistics period or a deputy’s record, naming the field', async () => {
    const leader = await s.as('ding-leader');
    for (const date of NOT_DATES) {
      expect(await apiError(leader.stats.overview({ from: date, to: '2026-03-31' })), date).toMatchObject({ status: 400, field: 'from' });
      expect(await apiError(leader.stats.trend({ from: '2026-03-01', to: date })), date).toMatchObject({ status: 400, field: 'to' });
      expect(await apiError(leader.deputies.performance('D001', { from: date })), date).toMatchObject({ status: 400, field: 'from' });
    }
    expect((await leader.stats.overview({ from: '2026-03-01', to: '2026-03-31' })).from).toBe('2026-03-01');
  });
});
