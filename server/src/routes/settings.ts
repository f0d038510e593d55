import { Hono } from 'hono';
import {
  HOLIDAY_KIND_LABELS,
  dayText,
  holidayCalendarInputFor,
  holidayYearParamSchema,
  holidayYearQuerySchema,
  replyReviewSettingsSchema,
  type HolidayCalendar,
} from '@minqing/shared';
import { cstDate } from '../domain/calendar.js';
import { limitsSchema } from '../domain/limits.js';
import { REPLY_REVIEW_KEY } from '../domain/reply-review.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { ApiError } from '../errors.js';
import { validate } from '../http/validate.js';
import type { HolidayRow } from '../repos/holidays.js';

/** Time limits per case type (PRODUCT.md defaults), readable by staff, changed by an admin. */
export function settingsRoutes() {
  return (
    new Hono<AppEnv>()
      .get('/limits', (c) => {
        currentUser(c, ['office', 'leader', 'admin', 'deputy', 'unit']);
        return c.json(c.get('deps').limits, 200);
      })
      .put('/limits', validate('json', limitsSchema), (c) => {
        const admin = currentUser(c, ['admin']);
        const deps = c.get('deps');
        const limits = c.req.valid('json');
        deps.immediate(() => {
          deps.settings.put('limits', JSON.stringify(limits));
          deps.admin.appendEvent(admin.id, 'settings_update', 'limits', changedFields(deps.limits, limits), deps.clock.now().toISOString());
        });
        // new deadlines use the new limits; deadlines already set stay as they were promised
        deps.setLimits(limits);
        return c.json(limits, 200);
      })
      // 答复审核: which regions' unit replies the office reviews before they reach the citizen
      .get('/reply-review', (c) => {
        currentUser(c, ['office', 'leader', 'admin']);
        return c.json(c.get('deps').replyReview, 200);
      })
      .put('/reply-review', async (c) => {
        const admin = currentUser(c, ['admin']);
        const deps = c.get('deps');
        const input = replyReviewSettingsSchema.parse(await c.req.json());
        input.regionIds.forEach((id, i) => {
          if (!deps.reference.region(id)) throw new ApiError('invalid_input', `地区不存在：${id}`, `regionIds.${i}`);
        });
        const settings = { regionIds: [...new Set(input.regionIds)] };
        deps.immediate(() => {
          deps.settings.put(REPLY_REVIEW_KEY, JSON.stringify(settings));
          deps.admin.appendEvent(
            admin.id,
            'settings_update',
            REPLY_REVIEW_KEY,
            changedFields(deps.replyReview, settings),
            deps.clock.now().toISOString(),
          );
        });
        // applies to replies from now on; a reply already waiting stays pending until decided
        deps.setReplyReview(settings);
        return c.json(settings, 200);
      })
      // 节假日安排: one year's 放假 and 调休上班 days, read by whoever reads the limits
      .get('/holidays', validate('query', holidayYearQuerySchema), (c) => {
        currentUser(c, ['office', 'leader', 'admin', 'deputy', 'unit']);
        const deps = c.get('deps');
        const year = c.req.valid('query').year ?? Number(cstDate(deps.clock.now()).slice(0, 4));
        return c.json(holidayCalendar(year, deps.holidays.year(year)), 200);
      })
      // an admin enters the State Council's notice for a year: the whole year at once
      .put('/holidays/:year', validate('param', holidayYearParamSchema), async (c) => {
        const admin = currentUser(c, ['admin']);
        const deps = c.get('deps');
        const { year } = c.req.valid('param');
        const input = holidayCalendarInputFor(year).parse(await c.req.json());
        const days: HolidayRow[] = input.days
          .map((d) => ({ date: d.date, kind: d.kind, name: d.name }))
          .sort((a, b) => a.date.localeCompare(b.date));
        deps.immediate(() => {
          const before = deps.holidays.year(year);
          deps.holidays.replaceYear(year, days);
          // the target names the year: the seed leaves a year an admin has entered alone (seed/reference.ts)
          deps.admin.appendEvent(
            admin.id,
            'settings_update',
            `holidays:${year}`,
            holidayChanges(before, days),
            deps.clock.now().toISOString(),
          );
        });
        // new deadlines count working days over the new calendar; deadlines already set on cases
        // stay as they were promised (as for the limits), and are not recomputed
        deps.reloadCalendar();
        return c.json(holidayCalendar(year, deps.holidays.year(year)), 200);
      })
  );
}

const holidayCalendar = (year: number, rows: HolidayRow[]): HolidayCalendar => ({
  year,
  days: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })),
});

/** “2月20日（周六）调休上班 春节”: one day as the 操作日志 shows it. */
const holidayText = (d: HolidayRow) => `${dayText(d.date)}${HOLIDAY_KIND_LABELS[d.kind]} ${d.name}`;

/** The days added, removed and changed by a new year's list (only the non-empty ones), for the 操作日志. */
function holidayChanges(before: HolidayRow[], after: HolidayRow[]): Record<string, string[]> {
  const old = new Map(before.map((d) => [d.date, d]));
  const now = new Map(after.map((d) => [d.date, d]));
  const added = after.filter((d) => !old.has(d.date)).map(holidayText);
  const removed = before.filter((d) => !now.has(d.date)).map(holidayText);
  const changed = after
    .filter((d) => old.has(d.date) && (old.get(d.date)!.kind !== d.kind || old.get(d.date)!.name !== d.name))
    .map((d) => `${holidayText(old.get(d.date)!)} → ${HOLIDAY_KIND_LABELS[d.kind]} ${d.name}`);
  return Object.fromEntries(Object.entries({ added, removed, changed }).filter(([, v]) => v.length));
}

/** The top-level fields whose value differs, with their new values (for the 操作日志). */
function changedFields(before: object, after: object): Record<string, unknown> {
  const old = before as Record<string, unknown>;
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(old[k])));
}
