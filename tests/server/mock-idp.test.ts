import { describe, expect } from 'vitest';
import { deliverOutbox } from '../../server/src/domain/outbox.js';
import { apiError, newKey, testIdp, validCase, type TestServer } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

/** The outbox delivered over real HTTP to the stand-in provider mounted in the test server. */
function deliverTo(s: TestServer) {
  return deliverOutbox(s.deps, testIdp(s.baseUrl));
}

describe('the stand-in provider’s delivered messages', () => {
  it('should answer 401 to /mock-idp/messages without a session of the stand-in, whatever else is sent', async ({ s, citizen }) => {
    await citizen.cases.create(validCase({ body: '当湖街道东湖社区12号楼下水道堵了，污水漫到路面，气味很大。' }), newKey());
    expect((await deliverTo(s)).sent).toBeGreaterThan(0);

    const anon = s.anonymous();
    for (const headers of [{}, { Authorization: 'Bearer not-a-session' }, { Authorization: `Bearer ${citizen.token}` }]) {
      const res = await anon.http.get('/mock-idp/messages', { headers, validateStatus: () => true });
      expect(res.status).toBe(401);
      expect(res.data.error.code).toBe('unauthorized');
      expect(JSON.stringify(res.data)).not.toContain('下水道');
    }
  });

  it('should list only the messages of the demo account whose stand-in session is presented', async ({ s, citizen, deputy }) => {
    const { id, trackingNo } = await citizen.cases.create(validCase(), newKey());
    await deputy.cases.transition(id, { action: 'acknowledge' });
    await deliverTo(s);

    const anon = s.anonymous();
    const asDeputy = await anon.mockIdp.messages((await anon.mockIdp.session('ding-d001')).session);
    expect(asDeputy.account).toBe('ding-d001');
    expect(asDeputy.items.some((m) => m.channel === 'ding' && m.title.startsWith(`民情件 ${trackingNo}：`))).toBe(true);
    expect(asDeputy.items.every((m) => m.recipient === 'ding-d001')).toBe(true);

    const asCitizen = await anon.mockIdp.messages((await anon.mockIdp.session('zlb-zhang')).session);
    expect(asCitizen.items.some((m) => m.channel === 'zlb' && m.title.startsWith(`民情件 ${trackingNo}：`))).toBe(true);
    expect(asCitizen.items.every((m) => m.recipient === 'zlb-zhang')).toBe(true);

    // someone the case never concerned sees nothing of it
    const other = await anon.mockIdp.messages((await anon.mockIdp.session('zlb-li')).session);
    expect(other.items).toEqual([]);
    expect((await apiError(anon.mockIdp.session('no-such-account'))).status).toBe(404);

    // a session ends after an hour
    const late = await anon.mockIdp.session('ding-d001');
    s.clock.advanceHours(1.01);
    expect((await apiError(anon.mockIdp.messages(late.session))).status).toBe(401);
  });
});
