import { describe, expect } from 'vitest';
import { caseIn } from '../helpers/builders.js';
import { apiError, newKey, startTestServer, validCase } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

describe('time limits are configurable per type', () => {
  it('should let an admin change a limit, apply it to new deadlines, and refuse others and bad values', async () => {
    const s = await startTestServer({ now: '2026-03-02T02:00:00Z' }); // Monday 10:00
    const admin = await s.as('ding-admin');
    const office = await s.as('ding-office');
    const limits = (await admin.http.get('/api/settings/limits')).data;
    expect(limits.replyWorkingDays).toEqual({ consult: 2, help: 10, suggestion: 10, complaint: 15, report: 15 });

    expect((await office.http.put('/api/settings/limits', limits, { validateStatus: () => true })).status).toBe(403);
    const bad = await admin.http.put('/api/settings/limits', { ...limits, ackWorkingDays: 0 }, { validateStatus: () => true });
    expect(bad.status).toBe(400);
    expect(bad.data.error.field).toBe('ackWorkingDays');
    expect(bad.data.error.message).toBe('受理时限至少1个工作日');
    const tooLong = await admin.http.put(
      '/api/settings/limits',
      { ...limits, replyWorkingDays: { ...limits.replyWorkingDays, help: 91 } },
      { validateStatus: () => true },
    );
    expect(tooLong.data.error).toMatchObject({ field: 'replyWorkingDays.help', message: '办理时限最多90个工作日' });
    expect(await admin.settings.setLimits({ ...limits, ratingWindowDays: 10 })).toMatchObject({ ratingWindowDays: 10 });
    expect((await office.settings.limits()).ratingWindowDays).toBe(10);
    await admin.settings.setLimits(limits);

    await admin.http.put('/api/settings/limits', { ...limits, ackWorkingDays: 2 });
    const citizen = await s.as('zlb-zhang');
    const c = await citizen.cases.create(validCase(), newKey());
    expect(c.ackDueAt).toBe('2026-03-04T02:00:00.000Z'); // two working days
    expect(await apiError(citizen.http.get('/api/settings/limits'))).toMatchObject({ status: 403 });
    await s.close();
  });

  it('should hold an extension request to the maximum the admin set, and change nothing when it is over', async ({ s, admin, unit }) => {
    const id = caseIn(s, 'handling');
    const events = () => (s.db.prepare('SELECT count(*) AS n FROM case_events WHERE case_id = ?').get(id) as { n: number }).n;
    const before = events();

    const overDefault = await apiError(unit.cases.transition(id, { action: 'request_extension', days: 16, note: '需要协调多个部门' }));
    expect(overDefault).toMatchObject({ status: 400, field: 'days', message: '最多延期15个工作日' });
    expect(events()).toBe(before);

    const limits = await admin.settings.limits();
    await admin.settings.setLimits({ ...limits, maxExtensionWorkingDays: 20 });
    expect(await apiError(unit.cases.transition(id, { action: 'request_extension', days: 21, note: '需要协调多个部门' }))).toMatchObject({
      status: 400,
      field: 'days',
      message: '最多延期20个工作日',
    });
    const asked = await unit.cases.transition(id, { action: 'request_extension', days: 18, note: '需要协调多个部门' });
    expect(asked.events.at(-1)).toMatchObject({ action: 'request_extension' });
    expect(events()).toBe(before + 1);
  });
});
