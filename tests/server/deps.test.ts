import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/open.js';
import { buildDeps } from '../../server/src/deps.js';
import { WorkCalendar } from '../../server/src/domain/calendar.js';
import { DEFAULT_LIMITS } from '../../server/src/domain/limits.js';
import { TEST_SECRETS } from '../helpers/server.js';

// Deps is shared by every request: what an admin changes while the server runs changes through
// its named methods, never by a caller assigning to it.
describe('the dependencies of an app (deps.ts)', () => {
  const deps = buildDeps(openDatabase(':memory:'), { now: () => new Date('2026-03-02T02:00:00Z') }, TEST_SECRETS);

  it('should refuse an assignment to what changes while the server runs', () => {
    expect(() => {
      // @ts-expect-error Deps is read-only
      deps.calendar = new WorkCalendar(new Map());
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error Deps is read-only
      deps.limits = DEFAULT_LIMITS;
    }).toThrow(TypeError);
  });

  it('should read what the named methods changed', () => {
    const limits = { ...DEFAULT_LIMITS, ackWorkingDays: DEFAULT_LIMITS.ackWorkingDays + 1 };
    deps.setLimits(limits);
    expect(deps.limits).toBe(limits);
    deps.setReplyReview({ regionIds: ['danghu'] });
    expect(deps.replyReview).toEqual({ regionIds: ['danghu'] });
    // 2026-10-05 is a Monday: a working day until the holiday table says otherwise
    expect(deps.calendar.isWorkingDay('2026-10-05')).toBe(true);
    deps.holidays.replaceYear(2026, [{ date: '2026-10-05', kind: 'holiday', name: '国庆节' }]);
    deps.reloadCalendar();
    expect(deps.calendar.isWorkingDay('2026-10-05')).toBe(false);
  });
});
