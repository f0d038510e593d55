import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../server/src/domain/audit.js';
import { schedulerTick } from '../../server/src/domain/scheduler.js';
import { AGGREGATE_TABLES, recount, stored, type AggregateTable } from '../../server/src/repos/stats-aggregates.js';
import { caseIn } from '../helpers/builders.js';
import { apiError, startTestServer, TEST_SECRETS, type TestServer } from '../helpers/server.js';

/**
 * 答复审核 "where configured": an admin lists the regions whose unit replies the office reviews
 * before they reach the citizen. The builder's cases are D001's (当湖街道 `danghu`), unit 住建局.
 */
let s: TestServer;
beforeEach(async () => {
  s = await startTestServer({ now: '2026-03-02T02:00:00Z' }); // Monday 10:00 in Pinghu
});
afterEach(() => s.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function reviewRegions(regionIds: string[]) {
  const admin = await s.as('ding-admin');
  return admin.settings.setReplyReview({ regionIds });
}

async function actors() {
  const [citizen, deputy, office, unit] = await Promise.all(['zlb-zhang', 'ding-d001', 'ding-office', 'ding-unit-zjj'].map((a) => s.as(a)));
  return { citizen: citizen!, deputy: deputy!, office: office!, unit: unit! };
}

type Client = Awaited<ReturnType<TestServer['as']>>;
const noticesAbout = async (client: Client, caseId: string) => (await client.notifications.list()).items.filter((n) => n.caseId === caseId);

function expectSumsEqualRecount() {
  for (const table of Object.keys(AGGREGATE_TABLES) as AggregateTable[]) expect(stored(s.db, table)).toEqual(recount(s.db, table));
}

function expectChainsIntact() {
  expect(verifyDatabase(s.db, TEST_SECRETS.audit).problems).toEqual([]);
}

describe('答复审核: the office reviews a unit’s reply before it reaches the citizen, where configured', () => {
  it('should send a unit’s reply straight to the citizen when no region requires review (the default)', async () => {
    const { citizen, office, unit } = await actors();
    expect(await office.settings.replyReview()).toEqual({ regionIds: [] });
    const id = caseIn(s, 'handling');

    const replied = await unit.cases.transition(id, { action: 'reply', note: '路灯已更换，恢复照明。' });
    expect(replied.status).toBe('replied');
    expect(replied.pendingReply).toBeNull();
    expect(replied.replyPending).toBe(false);
    const seen = await citizen.cases.get(id);
    expect(seen).toMatchObject({ status: 'replied', replyText: '路灯已更换，恢复照明。', pendingReply: null });
    expect(seen.events.at(-1)).toMatchObject({ action: 'reply', toStatus: 'replied' });
    expect((await office.cases.get(id)).allowedActions).not.toContain('approve_reply');
    expect((await noticesAbout(citizen, id)).filter((n) => n.kind === 'reply')).toHaveLength(1);
  });

  it('should hold the reply, hide it and its photos from the citizen, and on approval make the case replied and tell the citizen once', async () => {
    const { citizen, deputy, office, unit } = await actors();
    expect(await reviewRegions(['danghu'])).toEqual({ regionIds: ['danghu'] });
    const id = caseIn(s, 'handling');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'fixed.png');
    const photo = (await unit.http.post('/api/uploads', form)).data as { id: string };

    s.clock.advanceHours(5);
    const held = await unit.cases.transition(id, { action: 'reply', note: '已组织施工队修复破损路面。', photoIds: [photo.id] });
    const submittedAt = s.clock.now().toISOString();
    expect(held.status).toBe('handling');
    expect(held.replyText).toBeNull();
    expect(held.pendingReply).toMatchObject({ text: '已组织施工队修复破损路面。', submittedAt, unitName: '市住房和城乡建设局' });
    expect(held.pendingReply!.photos.map((p) => p.id)).toEqual([photo.id]);
    expect(held.replyPending).toBe(true);
    expect(held.events.at(-1)).toMatchObject({
      action: 'reply',
      actionLabel: '答复（待审核）',
      fromStatus: 'handling',
      toStatus: 'handling',
    });
    // the unit waits: no second reply, no extension, no return; notes still go in
    expect(held.allowedActions).toContain('note');
    for (const a of ['reply', 'request_extension', 'return'] as const) expect(held.allowedActions).not.toContain(a);
    expect(await apiError(unit.cases.transition(id, { action: 'reply', note: '再补充一句。' }))).toMatchObject({
      status: 409,
      code: 'illegal_transition',
      message: '答复已提交，正在等待人大审核，不能重复答复',
    });
    expect((await apiError(unit.cases.transition(id, { action: 'request_extension', days: 3, note: '需协调' }))).status).toBe(409);
    await unit.cases.transition(id, { action: 'note', note: '已上传整改照片' });

    // the citizen: still 办理中, no trace of the reply, its text or its photo
    const before = await citizen.cases.get(id);
    expect(before).toMatchObject({ status: 'handling', replyText: null, pendingReply: null });
    expect(before).not.toHaveProperty('replyPending');
    expect(before.events.map((e) => e.action)).not.toContain('reply');
    expect(JSON.stringify(before)).not.toContain('修复破损路面');
    expect(JSON.stringify(before)).not.toContain(photo.id);
    expect((await citizen.http.get(`/api/uploads/${photo.id}`, { validateStatus: () => true })).status).toBe(404);
    const citizenList = await citizen.cases.list({ replyPending: 'true' });
    expect(citizenList.items.every((c) => !('replyPending' in c))).toBe(true);
    expect(await noticesAbout(citizen, id)).toEqual(expect.not.arrayContaining([expect.objectContaining({ kind: 'reply' })]));

    // the deputy and the office see it marked 待审核; the office is told and may decide
    expect((await deputy.cases.get(id)).pendingReply?.text).toBe('已组织施工队修复破损路面。');
    const forOffice = await office.cases.get(id);
    expect(forOffice.allowedActions).toEqual(expect.arrayContaining(['approve_reply', 'reject_reply']));
    expect((await deputy.cases.get(id)).allowedActions).not.toContain('approve_reply');
    expect((await noticesAbout(office, id)).map((n) => n.kind)).toContain('reply_pending');
    const queue = await office.cases.list({ replyPending: 'true' });
    expect(queue.items.map((c) => c.id)).toEqual([id]);
    expect(queue.items[0]!.replyPending).toBe(true);
    expect((await office.cases.list({ replyPending: 'false', status: 'handling' })).items.map((c) => c.id)).not.toContain(id);

    s.clock.advanceHours(20);
    const approved = await office.cases.transition(id, { action: 'approve_reply', note: '答复内容属实' });
    expect(approved).toMatchObject({ status: 'replied', replyText: '已组织施工队修复破损路面。', pendingReply: null, replyPending: false });
    expect(approved.repliedAt).toBe(s.clock.now().toISOString());
    expect(approved.rateDueAt).toBe(new Date(s.clock.now().getTime() + 7 * 86_400_000).toISOString());
    expect(approved.events.at(-1)).toMatchObject({
      action: 'approve_reply',
      actionLabel: '审核通过',
      fromStatus: 'handling',
      toStatus: 'replied',
      note: '答复内容属实',
    });
    expect(approved.events.find((e) => e.action === 'reply')?.actionLabel).toBe('答复（审核通过）');

    // now the citizen has it: text, photo, the unit's name, and one message
    const after = await citizen.cases.get(id);
    expect(after).toMatchObject({ status: 'replied', replyText: '已组织施工队修复破损路面。', pendingReply: null });
    const reply = after.events.find((e) => e.action === 'reply')!;
    expect(reply).toMatchObject({ actorName: '市住房和城乡建设局', note: '已组织施工队修复破损路面。', createdAt: submittedAt });
    expect(reply.attachments.map((a) => a.id)).toEqual([photo.id]);
    expect(after.events.map((e) => e.action)).not.toContain('approve_reply'); // the office's review is internal
    expect(JSON.stringify(after)).not.toContain('答复内容属实');
    expect((await citizen.http.get(`/api/uploads/${photo.id}`, { validateStatus: () => true })).status).toBe(200);
    expect((await noticesAbout(citizen, id)).filter((n) => n.kind === 'reply')).toHaveLength(1);
    expect((await noticesAbout(deputy, id)).filter((n) => n.kind === 'reply')).toHaveLength(1);
    expect(after.allowedActions).toContain('rate');

    // nothing left to decide
    expect(await apiError(office.cases.transition(id, { action: 'approve_reply' }))).toMatchObject({
      status: 409,
      code: 'illegal_transition',
    });
    await citizen.cases.transition(id, { action: 'rate', rating: 'satisfied', solved: true });
    expectSumsEqualRecount();
    expectChainsIntact();
  });

  it('should send a rejected reply back to the unit with the note, and let it reply again', async () => {
    const { citizen, office, unit } = await actors();
    await reviewRegions(['danghu']);
    const id = caseIn(s, 'handling');
    await unit.cases.transition(id, { action: 'reply', note: '经查不属实。' });

    const noNote = await apiError(office.cases.transition(id, { action: 'reject_reply' } as never));
    expect(noNote).toMatchObject({ status: 400, field: 'note' });
    const back = await office.cases.transition(id, { action: 'reject_reply', note: '请写明现场核查的时间和结果' });
    expect(back).toMatchObject({ status: 'handling', pendingReply: null, replyPending: false });
    expect(back.events.at(-1)).toMatchObject({ action: 'reject_reply', actionLabel: '退回修改', note: '请写明现场核查的时间和结果' });
    expect(back.events.find((e) => e.action === 'reply')?.actionLabel).toBe('答复（退回修改）');
    const told = (await noticesAbout(unit, id)).find((n) => n.kind === 'reject_reply');
    expect(told?.body).toContain('请写明现场核查的时间和结果');

    const forUnit = await unit.cases.get(id);
    expect(forUnit.allowedActions).toEqual(expect.arrayContaining(['reply', 'request_extension']));
    await unit.cases.transition(id, { action: 'reply', note: '3月3日现场核查，路面已修复完毕。' });
    expect((await office.cases.get(id)).pendingReply?.text).toBe('3月3日现场核查，路面已修复完毕。');
    // the citizen never sees the rejected reply nor the office's reasons
    const waiting = await citizen.cases.get(id);
    expect(JSON.stringify(waiting)).not.toContain('经查不属实');
    expect(JSON.stringify(waiting)).not.toContain('现场核查');

    await office.cases.transition(id, { action: 'approve_reply' });
    const seen = await citizen.cases.get(id);
    expect(seen.replyText).toBe('3月3日现场核查，路面已修复完毕。');
    expect(seen.events.filter((e) => e.action === 'reply').map((e) => e.note)).toEqual(['3月3日现场核查，路面已修复完毕。']);
    expect(JSON.stringify(seen)).not.toContain('经查不属实');
    expect((await noticesAbout(citizen, id)).filter((n) => n.kind === 'reply')).toHaveLength(1);
    expectSumsEqualRecount();
    expectChainsIntact();
  });

  it('should judge 按时办结 at the unit’s submission, not at the office’s approval', async () => {
    const { office, unit } = await actors();
    await reviewRegions(['pinghu']); // the city: every town below it
    const onTime = caseIn(s, 'handling');
    const late = caseIn(s, 'handling');
    const due = Date.parse((await office.cases.get(onTime)).replyDueAt!);

    await unit.cases.transition(onTime, { action: 'reply', note: '按期办理完毕。' });
    s.clock.set(new Date(due + 3 * 86_400_000)); // the office reviews three days after the limit
    await office.cases.transition(onTime, { action: 'approve_reply' });
    await unit.cases.transition(late, { action: 'reply', note: '逾期才办理完毕。' });
    await office.cases.transition(late, { action: 'approve_reply' });

    const onTimeRow = s.deps.cases.get(onTime)!;
    expect(onTimeRow.reply_on_time).toBe(1);
    expect(Date.parse(onTimeRow.replied_at!)).toBeGreaterThan(due); // reached the citizen after the limit, still the unit's 按时办结
    expect(s.deps.cases.get(late)!.reply_on_time).toBe(0);
    expectSumsEqualRecount();
  });

  it('should let only the office of the case’s region (and admins) decide, and only while a reply waits', async () => {
    const { citizen, deputy, office, unit } = await actors();
    await reviewRegions(['danghu']);
    const idle = caseIn(s, 'handling');
    expect(await apiError(office.cases.transition(idle, { action: 'approve_reply' }))).toMatchObject({
      status: 409,
      code: 'illegal_transition',
      message: '没有待审核的答复',
    });
    expect((await apiError(office.cases.transition(idle, { action: 'reject_reply', note: '请修改。' }))).status).toBe(409);
    expect((await office.cases.get(idle)).allowedActions).not.toContain('approve_reply');

    const id = caseIn(s, 'handling');
    await unit.cases.transition(id, { action: 'reply', note: '已处理。' });
    const leader = await s.as('ding-leader');
    for (const who of [unit, deputy, citizen, leader]) {
      expect(await apiError(who.cases.transition(id, { action: 'approve_reply' }))).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await apiError(who.cases.transition(id, { action: 'reject_reply', note: '请修改。' }))).status).toBe(403);
      expect((await who.cases.get(id)).allowedActions).not.toContain('approve_reply');
    }
    const otherOffice = await s.as('ding-office-zhongdai');
    expect((await apiError(otherOffice.cases.transition(id, { action: 'approve_reply' }))).status).toBe(404);
    expect(s.deps.cases.get(id)!.status).toBe('handling');

    const admin = await s.as('ding-admin');
    expect((await admin.cases.transition(id, { action: 'approve_reply' })).status).toBe('replied');
  });

  it('should review only cases of the listed regions, and drop a pending reply when the case is closed', async () => {
    const { citizen, office, unit } = await actors();
    await reviewRegions(['zhongdai']);
    const elsewhere = caseIn(s, 'handling'); // 当湖街道: not listed
    expect((await unit.cases.transition(elsewhere, { action: 'reply', note: '已处理。' })).status).toBe('replied');

    await reviewRegions(['danghu']);
    const id = caseIn(s, 'handling');
    await unit.cases.transition(id, { action: 'reply', note: '此答复未获发送。' });
    const closed = await office.cases.transition(id, { action: 'close', note: '群众诉求已另行解决' });
    expect(closed).toMatchObject({ status: 'closed', pendingReply: null, replyText: null });
    expect(JSON.stringify(await citizen.cases.get(id))).not.toContain('此答复未获发送');
    expectChainsIntact();
  });
});

describe('答复审核 and the clock', () => {
  it('should send reminders and 督办 to the office, not the unit, while a reply waits for review', async () => {
    const { deputy, office, unit } = await actors();
    await reviewRegions(['danghu']);
    const id = caseIn(s, 'handling');
    await unit.cases.transition(id, { action: 'reply', note: '已处理完毕。' });
    const before = (await noticesAbout(unit, id)).length;
    s.clock.set(new Date(Date.parse((await office.cases.get(id)).replyDueAt!) + 3_600_000));
    schedulerTick(s.deps);
    await deputy.cases.transition(id, { action: 'urge', note: '请尽快审核' });
    expect((await noticesAbout(unit, id)).length).toBe(before);
    const kinds = (await noticesAbout(office, id)).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['reply_overdue', 'urge']));
  });
});

describe('the reply-review setting', () => {
  it('should be read by office, leaders and admins, changed only by an admin, and refuse unknown regions', async () => {
    const admin = await s.as('ding-admin');
    const office = await s.as('ding-office');
    expect(await (await s.as('ding-leader')).settings.replyReview()).toEqual({ regionIds: [] });
    expect(await apiError((await s.as('zlb-zhang')).settings.replyReview())).toMatchObject({ status: 403 });
    expect(await apiError((await s.as('ding-unit-zjj')).settings.replyReview())).toMatchObject({ status: 403 });
    expect(await apiError(s.anonymous().settings.replyReview())).toMatchObject({ status: 401 });
    expect(await apiError(office.settings.setReplyReview({ regionIds: ['danghu'] }))).toMatchObject({ status: 403, code: 'forbidden' });

    const unknown = await apiError(admin.settings.setReplyReview({ regionIds: ['danghu', 'atlantis'] }));
    expect(unknown).toMatchObject({ status: 400, code: 'invalid_input', field: 'regionIds.1' });
    expect(unknown.message).toContain('atlantis');
    const malformed = await admin.http.put('/api/settings/reply-review', { regionIds: 'danghu' }, { validateStatus: () => true });
    expect(malformed.status).toBe(400);
    expect(malformed.data.error).toMatchObject({ code: 'invalid_input', field: 'regionIds' });
    expect((await admin.http.put('/api/settings/reply-review', {}, { validateStatus: () => true })).status).toBe(400);
    expect(await office.settings.replyReview()).toEqual({ regionIds: [] }); // nothing stored by refused writes

    expect(await admin.settings.setReplyReview({ regionIds: ['danghu', 'zhongdai', 'danghu'] })).toEqual({
      regionIds: ['danghu', 'zhongdai'],
    });
    expect(await office.settings.replyReview()).toEqual({ regionIds: ['danghu', 'zhongdai'] });
    expect(s.deps.settings.get('replyReview')).toBe(JSON.stringify({ regionIds: ['danghu', 'zhongdai'] }));
    expect(await admin.settings.setReplyReview({ regionIds: [] })).toEqual({ regionIds: [] });
  });
});
