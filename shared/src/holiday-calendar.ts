/*
 * 节假日安排's plain constants and date helpers, apart from the zod schemas in schemas.ts so
 * that the staff app's page can use them without pulling zod into its chunk (see
 * admin-constants.ts). The server's 操作日志 lines use the same words.
 */

/** 'holiday' = 放假 (a day off, weekday or not); 'workday' = 调休上班 (a weekend day worked). */
export const HOLIDAY_KINDS = ['holiday', 'workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export const HOLIDAY_KIND_LABELS: Record<HolidayKind, string> = { holiday: '放假', workday: '调休上班' };

/** What `holidayCalendarInputSchema` enforces, for the staff app's form. */
export const HOLIDAY_RULES = {
  minYear: 2020,
  maxYear: 2100,
  /** Days (放假 and 调休上班 together) in one year's notice; a real one has about 30. */
  maxDays: 60,
  nameMaxLength: 20,
} as const;

/** The statutory festivals, the page's quick choices for a day's name. */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/** Control characters, zero-width and direction marks, BOM: refused in a day's name. */
export const UNPRINTABLE_CHARS = /[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that names a real day (2027-02-30 does not, nor 0000-00-00: there is no year 0). */
export function isCalendarDate(date: string): boolean {
  if (!DATE_PATTERN.test(date) || date.startsWith('0000')) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === date;
}

/** 0 = Sunday … 6 = Saturday, of a YYYY-MM-DD (the date itself, no time zone involved). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export const isWeekend = (date: string) => {
  const d = weekdayOf(date);
  return d === 0 || d === 6;
};

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** “2月14日” of a YYYY-MM-DD. */
export function monthDayText(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** “2月14日（周六）”. */
export function dayText(date: string): string {
  return `${monthDayText(date)}（${WEEKDAY_LABELS[weekdayOf(date)]}）`;
}
