import { describe, expect } from 'vitest';
import { deliverOutbox } from '../../server/src/domain/outbox.js';
import { schedulerTick, UNUSED_UPLOAD_DAYS } from '../../server/src/domain/scheduler.js';
import { newKey, startTestServer, testIdp, uploadPhoto, validCase } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

const kinds = (s: Awaited<ReturnType<typeof startTestServer>>, caseId: string) =>
  (s.db.prepare('SELECT kind FROM notifications WHERE case_id = ? ORDER BY id').all(caseId) as { kind: string }[]).map((r) => r.kind);

describe('the scheduler and the outbox', () => {
  it('should warn before the response deadline, flag it once when overdue, and list it as overdue', async () => {
    const s = await startTestServer({ now: '2026-03-02T02:00:00Z' }); // Monday 10:00
    const citizen = await s.as('zlb-zhang');
    const office = await s.as('ding-office');
    const { id } = await citizen.cases.create(validCase(), newKey());
    expect(kinds(s, id)).toEqual(['new_case']);

    s.clock.advanceHours(19); // past 75 % of the 24 h limit
    expect(schedulerTick(s.deps).warned).toBe(1);
    expect(kinds(s, id)).toEqual(['new_case', 'ack_warning']);
    expect(schedulerTick(s.deps).warned).toBe(0);

    s.clock.advanceHours(6); // past Tuesday 10:00
    expect(schedulerTick(s.deps).overdue).toBe(1);
    expect(schedulerTick(s.deps).overdue).toBe(0);
    const c = await office.cases.get(id);
    expect(c.overdue).toBe(true);
    expect(c.events.at(-1)).toMatchObject({ action: 'overdue', actorName: '系统' });
    expect(kinds(s, id).filter((k) => k === 'ack_overdue').length).toBeGreaterThanOrEqual(2); // deputy and office
    expect((await office.cases.list({ overdue: 'true' })).items.map((i) => i.id)).toContain(id);
    await s.close();
  });

  it('should deliver each notification to the stand-in provider exactly once, retrying after a failure', async ({ s, citizen, deputy }) => {
    const { id } = await citizen.cases.create(validCase(), newKey());
    await deputy.cases.transition(id, { action: 'acknowledge' });

    const failing = testIdp(s.baseUrl, (async () => new Response('down', { status: 503 })) as typeof fetch);
    const first = await deliverOutbox(s.deps, failing);
    expect(first.sent).toBe(0);
    expect(first.failed).toBeGreaterThan(0);
    // not yet due again: the backoff holds it back
    expect((await deliverOutbox(s.deps, failing)).failed).toBe(0);

    s.clock.advanceHours(1);
    const working = testIdp(s.baseUrl);
    const second = await deliverOutbox(s.deps, working);
    expect(second.sent).toBe(first.failed);
    expect((await deliverOutbox(s.deps, working)).sent).toBe(0);
    // what the deputy's and the citizen's phones received, each read with its own stand-in session
    const anon = s.anonymous();
    const inbox = async (account: string) => (await anon.mockIdp.messages((await anon.mockIdp.session(account)).session)).items;
    const items = [...(await inbox('ding-d001')), ...(await inbox('zlb-zhang'))];
    expect(items.some((m) => m.channel === 'ding' && m.recipient === 'ding-d001')).toBe(true);
    expect(items.some((m) => m.channel === 'zlb' && m.recipient === 'zlb-zhang')).toBe(true);
    expect(new Set(items.map((m) => m.msgKey)).size).toBe(items.length);
    // the deputy's in-app inbox shows the new case
    const inApp = await deputy.notifications.list();
    expect(inApp.items.some((n) => n.caseId === id && n.kind === 'new_case')).toBe(true);
  });
  it('should delete photos nobody used after a week, and keep those on a case, in a visit record or on a deputy’s profile', async ({
    s,
    citizen,
    deputy,
  }) => {
    const office = await s.as('ding-office-danghu');
    const abandoned = await uploadPhoto(citizen); // a submission given up
    const onCase = await uploadPhoto(citizen);
    await citizen.cases.create(validCase({ photoIds: [onCase] }), newKey());
    const inVisit = await uploadPhoto(deputy);
    await deputy.visits.create({ kind: 'visit', date: '2026-03-01', place: '东湖社区', summary: '走访了解路灯情况', photoIds: [inVisit] });
    const replaced = await uploadPhoto(office);
    await office.admin.updateDeputy('D001', { photoId: replaced });
    const current = await uploadPhoto(office);
    await office.admin.updateDeputy('D001', { photoId: current });
    const exists = (id: string) => Boolean(s.db.prepare('SELECT 1 FROM uploads WHERE id = ?').get(id));

    s.clock.advanceHours(UNUSED_UPLOAD_DAYS * 24 - 1);
    expect(schedulerTick(s.deps).uploadsDeleted).toBe(0); // a draft keeps its photos for the week
    expect(exists(abandoned)).toBe(true);

    s.clock.advanceHours(2);
    expect(schedulerTick(s.deps).uploadsDeleted).toBe(2);
    expect([abandoned, replaced].map(exists)).toEqual([false, false]);
    expect([onCase, inVisit, current].map(exists)).toEqual([true, true, true]);
    expect((await fetch(`${s.baseUrl}/api/deputies/D001/photo/${current}`)).status).toBe(200);
    expect(await citizen.http.get(`/api/uploads/${abandoned}`, { validateStatus: () => true })).toMatchObject({ status: 404 });
    expect(schedulerTick(s.deps).uploadsDeleted).toBe(0);
  });
});
