import {
  HOLIDAY_KIND_LABELS,
  HOLIDAY_RULES,
  UNPRINTABLE_CHARS,
  dayText,
  isCalendarDate,
  isWeekend,
  monthDayText,
  type HolidayDay,
  type HolidayKind,
} from '@minqing/shared';

/** Consecutive 放假 days, e.g. 2月15日–2月23日. */
export interface DayRange {
  from: string;
  to: string;
  days: number;
}

/** One festival's days: its 放假 runs and its 调休上班 days, as the State Council's notice lists them. */
export interface HolidayGroup {
  name: string;
  holidays: DayRange[];
  workdays: string[];
  /** Every day of the group, by date (for removing one). */
  days: HolidayDay[];
}

/** “春节调休上班” (as the 2026 rows were seeded) belongs with 春节. */
export const festivalOf = (name: string) => name.replace(/调休(上班)?$/, '').trim() || name;

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The year's days by festival, in the order of each festival's first day. */
export function groupHolidays(days: readonly HolidayDay[]): HolidayGroup[] {
  const groups = new Map<string, HolidayGroup>();
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const name = festivalOf(d.name);
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { name, holidays: [], workdays: [], days: [] }));
    g.days.push(d);
    if (d.kind === 'workday') g.workdays.push(d.date);
    else {
      const last = g.holidays.at(-1);
      if (last && nextDate(last.to) === d.date) {
        last.to = d.date;
        last.days++;
      } else g.holidays.push({ from: d.date, to: d.date, days: 1 });
    }
  }
  return [...groups.values()];
}

/** A space before the next word, unless the text ends with a full-width bracket. */
const after = (text: string) => (text.endsWith('）') ? text : `${text} `);

/** “2月15日–2月23日 放假（9天）”, or “6月9日（周三）放假” for a single day. */
export function holidayLine(g: HolidayGroup): string {
  if (!g.holidays.length) return '';
  const total = g.holidays.reduce((n, r) => n + r.days, 0);
  const spans = g.holidays.map((r) => (r.from === r.to ? dayText(r.from) : `${monthDayText(r.from)}–${monthDayText(r.to)}`));
  return `${after(spans.join('、'))}${HOLIDAY_KIND_LABELS.holiday}${total > 1 ? `（${total}天）` : ''}`;
}

/** “2月14日（周六）、2月28日（周六）调休上班”. */
export function workdayLine(g: HolidayGroup): string {
  return g.workdays.length ? `${after(g.workdays.map(dayText).join('、'))}${HOLIDAY_KIND_LABELS.workday}` : '';
}

/** China's date today (the apps run anywhere; the calendar is Beijing's). */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

/*
 * The add-a-day form's checks, mirroring holidayCalendarInputSchema (shared/src/schemas.ts)
 * without zod; each returns true or the message to show.
 */
export function checkDate(date: string, kind: HolidayKind | '', year: number, taken: readonly string[]): true | string {
  if (!date) return '请选择日期';
  if (!isCalendarDate(date)) return `日期不存在：${date}`;
  if (!date.startsWith(`${year}-`)) return `日期须在${year}年内`;
  if (taken.includes(date)) return `${monthDayText(date)}已录入，如需修改请先删除原来的`;
  if (kind === 'workday' && !isWeekend(date)) return '调休上班日须是周六或周日';
  return true;
}

export function checkName(raw: string): true | string {
  const v = raw.trim();
  if (!v) return '请填写名称（如春节）';
  if (v.length > HOLIDAY_RULES.nameMaxLength) return `名称最多${HOLIDAY_RULES.nameMaxLength}个字`;
  return UNPRINTABLE_CHARS.test(v) ? '名称含有不可见字符' : true;
}
