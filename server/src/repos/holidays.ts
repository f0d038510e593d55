import type { Db } from '../db/open.js';

/** A date that departs from the Monday–Friday week: a public holiday, or a weekend day made a workday (调休). */
export type DayKind = 'holiday' | 'workday';

export interface HolidayRow {
  date: string;
  kind: DayKind;
  name: string;
}

/** The working-day calendar's exceptions: official holidays and make-up working days (节假日安排). */
export function holidaysRepo(db: Db) {
  const all = db.prepare<[], { date: string; kind: DayKind }>('SELECT date, kind FROM holidays');
  // dates are YYYY-MM-DD text: one year is a range of the primary key
  const ofYear = db.prepare<[string, string], HolidayRow>(
    'SELECT date, kind, name FROM holidays WHERE date >= ? AND date < ? ORDER BY date',
  );
  const deleteYear = db.prepare<[string, string]>('DELETE FROM holidays WHERE date >= ? AND date < ?');
  const insert = db.prepare<[string, DayKind, string]>('INSERT INTO holidays (date, kind, name) VALUES (?, ?, ?)');
  const range = (year: number): [string, string] => [`${year}-01-01`, `${year + 1}-01-01`];
  return {
    all: () => new Map(all.all().map((r) => [r.date, r.kind])),
    year: (year: number) => ofYear.all(...range(year)),
    /** Replaces the year's rows (the caller holds the transaction). */
    replaceYear(year: number, days: readonly HolidayRow[]) {
      deleteYear.run(...range(year));
      for (const d of days) insert.run(d.date, d.kind, d.name);
    },
  };
}
