import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('a deputy account rebound to another seat', () => {
  it('should lose every case of its old seat, those it entered included, from its open session on, and the new holder of the seat should have them', async () => {
    const admin = await s.as('ding-admin');
    const deputy = await s.as('ding-d001');
    // entered on a citizen's behalf during a visit, for seat D001
    const entered = await deputy.cases.create(validCase({ contactName: '王大伯', contactPhone: '13900001111' }), newKey());
    expect(entered.deputyCode).toBe('D001');
    // read once before the change
    expect((await deputy.cases.get(entered.id)).allowedActions).toContain('reject');
    expect((await deputy.cases.list({ pageSize: 100 })).items.map((c) => c.id)).toContain(entered.id);

    await admin.admin.updateUser(deputy.userId, { deputyCode: 'D005' });

    // the session issued before the change speaks for the new seat only
    expect((await deputy.me()).deputyCode).toBe('D005');
    expect(await apiError(deputy.cases.get(entered.id))).toMatchObject({ status: 404 });
    expect(await apiError(deputy.cases.get(entered.trackingNo))).toMatchObject({ status: 404 });
    expect((await deputy.cases.list({ pageSize: 100 })).items.map((c) => c.id)).not.toContain(entered.id);
    expect(await apiError(deputy.cases.transition(entered.id, { action: 'reject', note: '不属于代表履职范围' }))).toMatchObject({
      status: 404,
    });
    expect(await apiError(deputy.cases.transition(entered.id, { action: 'supplement', note: '补充' }))).toMatchObject({ status: 404 });
    // a fresh sign-in of the same account: the same
    const again = await s.as('ding-d001');
    expect(await apiError(again.cases.get(entered.id))).toMatchObject({ status: 404 });

    // the seat's new holder sees and handles it
    await admin.admin.createUser({ role: 'deputy', name: '新任代表', dingUserId: 'ding-d001-successor', deputyCode: 'D001' });
    const successor = await s.as('ding-d001-successor');
    expect((await successor.cases.list({ pageSize: 100 })).items.map((c) => c.id)).toContain(entered.id);
    const seen = await successor.cases.get(entered.id);
    expect(seen.status).toBe('submitted');
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['acknowledge', 'reject', 'supplement']));
    // the old account's refused reject changed nothing
    expect(seen.events.map((e) => e.action)).toEqual(['submit']);
  });
});
