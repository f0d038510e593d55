import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../server/src/domain/calendar.js';
import { openDatabase } from '../../server/src/db/open.js';
import { holidaysRepo } from '../../server/src/repos/holidays.js';
import { seedReference } from '../../server/src/seed/reference.js';
import { newKey, startTestServer, validCase } from '../helpers/server.js';

/** The calendar as the server builds it: from the seeded holiday table. */
function seededCalendar() {
  const db = openDatabase(':memory:');
  seedReference(db);
  const calendar = new WorkCalendar(holidaysRepo(db).all());
  db.close();
  return calendar;
}
const cal = seededCalendar();
/** Beijing wall-clock time → instant. */
const bj = (s: string) => new Date(`${s}+08:00`);
const add = (from: string, days: number) => cal.addWorkingDays(bj(from), days).toISOString();

describe('working days over the Chinese holiday calendar', () => {
  it.each([
    ['2026-02-14', 'Saturday, Spring Festival make-up day', true],
    ['2026-02-16', 'Monday, Spring Festival holiday', false],
    ['2026-02-28', 'Saturday, Spring Festival make-up day', true],
    ['2026-09-20', 'Sunday, make-up day', true],
    ['2026-10-10', 'Saturday, make-up day', true],
  ])('should tell whether %s (%s) is a working day', (date, _what, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it.each([
    ['over an ordinary weekend', '2026-03-06T15:00:00', 1, '2026-03-09T15:00:00'],
    ['onto a Spring Festival make-up Saturday', '2026-02-13T10:00:00', 1, '2026-02-14T10:00:00'],
    ['from a make-up Saturday over the Spring Festival', '2026-02-14T10:00:00', 1, '2026-02-24T10:00:00'],
    ['onto the last Spring Festival make-up Saturday', '2026-02-27T09:30:00', 1, '2026-02-28T09:30:00'],
    // from Thursday 12 Feb: 13, 14, 24, 25, 26, 27, 28 Feb, 2, 3, 4 Mar
    ['over the Spring Festival and its make-up Saturdays', '2026-02-12T16:00:00', 10, '2026-03-04T16:00:00'],
    // Sunday 15 Feb is the first day of the holiday: the clock starts 00:00 Tuesday 24 Feb
    ['from the next working day when a message arrives on a holiday', '2026-02-15T20:00:00', 1, '2026-02-25T00:00:00'],
    ['onto a make-up Sunday before Mid-Autumn', '2026-09-18T10:00:00', 1, '2026-09-20T10:00:00'],
    ['over Mid-Autumn', '2026-09-24T10:00:00', 1, '2026-09-28T10:00:00'],
    ['over National Day', '2026-09-30T10:00:00', 1, '2026-10-08T10:00:00'],
    ['onto a National Day make-up Saturday', '2026-10-08T10:00:00', 2, '2026-10-10T10:00:00'],
  ])('should count working days %s: %s + %i is %s (Beijing time)', (_what, from, days, due) => {
    expect(add(from, days)).toBe(bj(due).toISOString());
  });

  it('should measure working time between two instants, not calendar time', () => {
    expect(cal.workingDaysBetween(bj('2026-02-13T00:00:00'), bj('2026-02-25T00:00:00'))).toBeCloseTo(3, 5);
  });

  it('should give a case submitted on the eve of the Spring Festival its response deadline after the holiday', async () => {
    const s = await startTestServer({ now: bj('2026-02-14T17:00:00').toISOString() });
    const citizen = await s.as('zlb-zhang');
    const c = await citizen.cases.create(validCase(), newKey());
    expect(c.ackDueAt).toBe(bj('2026-02-24T17:00:00').toISOString());
    await s.close();
  });
});
