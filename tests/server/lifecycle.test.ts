import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerTick } from '../../server/src/domain/scheduler.js';
import { apiError, newKey, startTestServer, uploadPhoto, validCase, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  // Monday 2 March 2026, 10:00 in Pinghu
  s = await startTestServer({ now: '2026-03-02T02:00:00Z' });
});
afterAll(() => s.close());

const actions = (c: { events: { action: string }[] }) => c.events.map((e) => e.action);

describe('the case lifecycle over HTTP', () => {
  it('should walk one case through acknowledge, forward, assign, return, extension, reopen and rating', async () => {
    const citizen = await s.as('zlb-zhang');
    const deputy = await s.as('ding-d001');
    const office = await s.as('ding-office');
    const unit = await s.as('ding-unit-zjj');

    const created = await citizen.cases.create(validCase(), newKey());
    expect(created.status).toBe('submitted');
    expect(created.trackingNo).toMatch(/^PH20260302-\d{4}$/);
    // 1 working day to respond: Monday 10:00 → Tuesday 10:00
    expect(created.ackDueAt).toBe('2026-03-03T02:00:00.000Z');
    expect(actions(created)).toEqual(['submit']);
    const id = created.id;

    s.clock.advanceHours(2);
    let c = await deputy.cases.transition(id, { action: 'acknowledge', note: '收到' });
    expect(c.status).toBe('acknowledged');
    expect(c.acknowledgedAt).toBe('2026-03-02T04:00:00.000Z');

    c = await deputy.cases.transition(id, { action: 'forward', note: '请人大办交办' });
    expect(c.status).toBe('triage');
    expect(c.allowedActions).toEqual(['note']); // the office acts now; the deputy may only add notes

    c = await office.cases.transition(id, { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
    expect(c.status).toBe('assigned');
    expect(c.unitName).toBe('市住房和城乡建设局');
    expect(c.signDueAt).toBe('2026-03-03T04:00:00.000Z');
    // 求助: 10 working days from Monday 12:00 → Monday 16 March 12:00
    expect(c.replyDueAt).toBe('2026-03-16T04:00:00.000Z');

    c = await unit.cases.transition(id, { action: 'return', note: '不属于本单位职责' });
    expect(c.status).toBe('triage');
    // returned: the unit no longer sees it
    expect((await apiError(unit.cases.get(id))).status).toBe(404);

    c = await office.cases.transition(id, { action: 'assign', unitId: 'zjj', note: '经核实属住建职责，请办理' });
    expect(c.status).toBe('assigned');

    s.clock.advanceHours(3);
    c = await unit.cases.transition(id, { action: 'sign' });
    expect(c.status).toBe('handling');

    c = await unit.cases.transition(id, { action: 'request_extension', days: 5, note: '需协调供电公司' });
    expect(c.status).toBe('handling');
    expect(c.extensionPendingDays).toBe(5);
    expect(await apiError(unit.cases.transition(id, { action: 'request_extension', days: 3, note: '再延' }))).toMatchObject({
      status: 409,
      code: 'illegal_transition',
    });
    const dueBefore = c.replyDueAt;
    c = await office.cases.transition(id, { action: 'approve_extension' });
    expect(c.extensionApprovedDays).toBe(5);
    expect(c.extensionPendingDays).toBeNull();
    // 5 more working days from Monday 16 March → Monday 23 March, same time
    expect(dueBefore).toBe('2026-03-16T04:00:00.000Z');
    expect(c.replyDueAt).toBe('2026-03-23T04:00:00.000Z');
    // only one extension per case
    expect(c.allowedActions).not.toContain('request_extension');

    s.clock.advanceHours(24);
    c = await unit.cases.transition(id, { action: 'reply', note: '已更换路灯灯具，恢复照明。' });
    expect(c.status).toBe('replied');
    expect(c.rateDueAt).toBe(new Date(s.clock.now().getTime() + 7 * 86_400_000).toISOString());

    c = await citizen.cases.transition(id, { action: 'rate', rating: 'unsatisfied', solved: false, comment: '只修了一盏' });
    expect(c.status).toBe('replied');
    expect(c.rating).toBe('unsatisfied');

    c = await office.cases.transition(id, { action: 'reopen', note: '群众不满意，请全部修复' });
    expect(c.status).toBe('handling');
    expect(c.reopenCount).toBe(1);
    expect(c.rating).toBeNull();

    c = await unit.cases.transition(id, { action: 'reply', note: '路段全部路灯已修复。' });
    expect(c.status).toBe('replied');
    c = await citizen.cases.transition(id, { action: 'rate', rating: 'satisfied', solved: true });
    expect(c.status).toBe('closed');
    expect(c.closeReason).toBe('rated');

    const full = await office.cases.get(id);
    expect(actions(full)).toEqual([
      'submit',
      'acknowledge',
      'forward',
      'assign',
      'return',
      'assign',
      'sign',
      'request_extension',
      'approve_extension',
      'reply',
      'rate',
      'reopen',
      'reply',
      'rate',
    ]);
    // every event records who and which status change
    for (const e of full.events) expect(e.toStatus).toBeTruthy();
    expect(full.events.map((e) => e.seq)).toEqual(full.events.map((_, i) => i + 1));
    // the citizen's timeline leaves out the office's internal entries
    const mine = await citizen.cases.get(id);
    expect(actions(mine)).not.toContain('request_extension');
    expect(mine.events.find((e) => e.action === 'return')?.note).toBeNull();
  });

  it('should let a deputy reply directly and the citizen close it with a rating', async () => {
    const citizen = await s.as('zlb-li');
    const deputy = await s.as('ding-d001');
    const { id } = await citizen.cases.create(validCase({ type: 'consult', body: '请问东湖社区的老年食堂在哪里，几点开饭？' }), newKey());
    let c = await deputy.cases.transition(id, { action: 'reply', note: '老年食堂在社区服务中心一楼，11点开饭。' });
    expect(c.status).toBe('replied');
    expect(c.acknowledgedAt).not.toBeNull();
    c = await citizen.cases.transition(id, { action: 'rate', rating: 'basically_satisfied', solved: true });
    expect(c.status).toBe('closed');
  });

  it('should close a rejected case with its reason', async () => {
    const citizen = await s.as('zlb-wang');
    const deputy = await s.as('ding-d001');
    const { id } = await citizen.cases.create(validCase(), newKey());
    expect(await apiError(deputy.cases.transition(id, { action: 'reject', note: '' } as never))).toMatchObject({
      status: 400,
      field: 'note',
    });
    const c = await deputy.cases.transition(id, { action: 'reject', note: '属于司法程序中的案件，请通过法院途径解决' });
    expect(c.status).toBe('closed');
    expect(c.closeReason).toBe('rejected');
    expect(await apiError(deputy.cases.transition(id, { action: 'acknowledge' }))).toMatchObject({
      status: 409,
      code: 'illegal_transition',
    });
  });

  it('should merge a duplicate into another open case and note it on both', async () => {
    const a = await s.as('zlb-chen');
    const b = await s.as('zlb-zhou');
    const office = await s.as('ding-office');
    const first = await a.cases.create(validCase(), newKey());
    const dup = await b.cases.create(validCase({ body: '东湖社区主干道路灯不亮已经很久了，晚上出门不安全。' }), newKey());
    expect(await apiError(office.cases.transition(dup.id, { action: 'merge', targetCaseId: dup.id }))).toMatchObject({ status: 400 });
    const merged = await office.cases.transition(dup.id, { action: 'merge', targetCaseId: first.id, note: '同一路段' });
    expect(merged.status).toBe('closed');
    expect(merged.closeReason).toBe('merged');
    expect(merged.mergedIntoCaseId).toBe(first.id);
    const target = await office.cases.get(first.id);
    expect(target.status).toBe('submitted');
    expect(target.events.at(-1)?.data).toMatchObject({ mergedFrom: dup.trackingNo });
  });

  it('should auto-close a reply left unrated for 7 days', async () => {
    const citizen = await s.as('zlb-zhang');
    const deputy = await s.as('ding-d001');
    const { id } = await citizen.cases.create(validCase(), newKey());
    await deputy.cases.transition(id, { action: 'reply', note: '已联系社区处理。' });
    s.clock.advanceHours(24 * 7 - 1);
    schedulerTick(s.deps);
    expect((await citizen.cases.get(id)).status).toBe('replied');
    s.clock.advanceHours(2);
    schedulerTick(s.deps);
    const c = await citizen.cases.get(id);
    expect(c.status).toBe('closed');
    expect(c.closeReason).toBe('unrated');
    expect(c.events.at(-1)?.action).toBe('auto_close');
  });

  it('should give the same case for the same Idempotency-Key', async () => {
    const citizen = await s.as('zlb-li');
    const key = newKey();
    const [one, two] = await Promise.all([citizen.cases.create(validCase(), key), citizen.cases.create(validCase(), key)]);
    expect(two.id).toBe(one.id);
    const again = await citizen.cases.create(validCase(), key);
    expect(again.trackingNo).toBe(one.trackingNo);
    const n = s.db.prepare('SELECT count(*) AS n FROM idempotency_keys WHERE key = ?').get(key) as { n: number };
    expect(n.n).toBe(1);
  });

  it('should answer a submission with the case exactly as reading it back gives it, for the citizen and for a deputy entering it', async () => {
    const citizen = await s.as('zlb-zhang');
    const photo = { id: await uploadPhoto(citizen, 'light.png') };
    const created = await citizen.cases.create(
      validCase({ location: { lat: 30.7, lng: 121.0, address: '当湖街道' }, photoIds: [photo.id] }),
      newKey(),
    );
    expect(await citizen.cases.get(created.id)).toEqual(created);
    expect(created.photos.map((p) => p.id)).toEqual([photo.id]);
    expect(created.events.map((e) => [e.seq, e.action, e.toStatus])).toEqual([[1, 'submit', 'submitted']]);

    const deputy = await s.as('ding-d001');
    const entered = await deputy.cases.create(validCase({ contactName: '王大伯', contactPhone: '13900001111' }), newKey());
    expect(await deputy.cases.get(entered.id)).toEqual(entered);
  });

  it('should say where a new case is, and say so again, marked as a replay, for a repeated Idempotency-Key', async () => {
    const citizen = await s.as('zlb-li');
    const key = newKey();
    const first = await citizen.http.post('/api/cases', validCase(), { headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    expect(first.headers['location']).toBe(`/api/cases/${first.data.id}`);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.headers['content-security-policy']).toContain("default-src 'none'");
    const replay = await citizen.http.post('/api/cases', validCase(), { headers: { 'Idempotency-Key': key } });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['location']).toBe(first.headers['location']);
    expect(replay.data).toEqual(first.data);
  });
});
