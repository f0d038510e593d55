/**
 * Working days in China Standard Time (UTC+8, no daylight saving), over a holiday table of
 * official holidays ('holiday') and make-up working weekend days ('workday').
 */
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

import type { DayKind } from '../repos/holidays.js';

export type { DayKind };

/** YYYY-MM-DD of the instant in China Standard Time. */
export function cstDate(t: Date): string {
  return new Date(t.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 China time of a YYYY-MM-DD date, as an instant. */
export function cstMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS);
}

export class WorkCalendar {
  constructor(private readonly days: ReadonlyMap<string, DayKind>) {}

  isWorkingDay(date: string): boolean {
    const kind = this.days.get(date);
    if (kind === 'holiday') return false;
    if (kind === 'workday') return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The instant `days` working days after `from`, at the same time of day. A start on a
   * day off counts from 00:00 of the next working day, so "within 1 working day" of a
   * Saturday message ends at the close of Monday.
   */
  addWorkingDays(from: Date, days: number): Date {
    let day = cstDate(from);
    let timeOfDay = from.getTime() - cstMidnight(day).getTime();
    if (!this.isWorkingDay(day)) {
      day = this.nextWorkingDay(day);
      timeOfDay = 0;
    }
    for (let i = 0; i < days; i++) day = this.nextWorkingDay(day);
    return new Date(cstMidnight(day).getTime() + timeOfDay);
  }

  /** Working days between two instants (fractional, counting only working-day time). */
  workingDaysBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    let total = 0;
    let cursor = from.getTime();
    while (cursor < to.getTime()) {
      const day = cstDate(new Date(cursor));
      const dayEnd = cstMidnight(day).getTime() + DAY_MS;
      const sliceEnd = Math.min(dayEnd, to.getTime());
      if (this.isWorkingDay(day)) total += (sliceEnd - cursor) / DAY_MS;
      cursor = sliceEnd;
    }
    return total;
  }

  private nextWorkingDay(date: string): string {
    let t = Date.parse(`${date}T00:00:00Z`);
    for (let guard = 0; guard < 366; guard++) {
      t += DAY_MS;
      const next = new Date(t).toISOString().slice(0, 10);
      if (this.isWorkingDay(next)) return next;
    }
    throw new Error(`no working day within a year after ${date}`);
  }
}

export function addCalendarDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}
