import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../server/src/domain/outbox.js';
import type { IdentityProvider } from '../../server/src/idp/client.js';
import { DEFAULT_RATE_LIMITS } from '../../server/src/http/rate-limit.js';
import { newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

/** The real limits, but submissions unlimited: the tests make their cases freely. */
const LIMITS = { ...DEFAULT_RATE_LIMITS, submitPerUserPerHour: 0, submitPerIpPerMinute: 0 };

/** The workplace app as the outbox sees it: it records each work notice it is handed. */
function workplaceApp() {
  const notices: { to: string; title: string; body: string }[] = [];
  const idp: IdentityProvider = {
    citizenByTicket: () => Promise.reject(new Error('not used')),
    staffByAuthCode: () => Promise.reject(new Error('not used')),
    sendWorkNotice: async (to, title, body) => void notices.push({ to, title, body }),
    sendCitizenMessage: async () => undefined,
  };
  return { idp, to: (who: string) => notices.filter((n) => n.to === who) };
}

const events = (s: TestServer, caseId: string, action: string) =>
  (s.db.prepare('SELECT count(*) AS n FROM case_events WHERE case_id = ? AND action = ?').get(caseId, action) as { n: number }).n;

/** A server with the limits under test, and a case of citizen `account` that they have supplemented once. */
async function caseSupplementedOnce(account: string) {
  const s = await startTestServer({ rateLimits: LIMITS });
  const citizen = await s.as(account);
  const { id } = await citizen.cases.create(validCase(), newKey());
  await citizen.cases.transition(id, { action: 'supplement', note: '第一次补充' });
  return { s, citizen, id };
}

describe('transition limits and coalesced notices', () => {
  it('should let at most 10 of 60 parallel supplements on one case through, answer the rest 429 with Retry-After, and tell the deputy once', async () => {
    const s = await startTestServer({ rateLimits: LIMITS });
    const citizen = await s.as('zlb-zhang');
    const deputy = await s.as('ding-d001');
    const { id } = await citizen.cases.create(validCase(), newKey());
    const ding = workplaceApp();
    await deliverOutbox(s.deps, ding.idp); // the new-case notice is out of the way
    expect(ding.to('ding-d001')).toHaveLength(1);

    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        citizen.http.post(
          `/api/cases/${id}/transitions`,
          { action: 'supplement', note: `补充第${i + 1}条情况` },
          { validateStatus: () => true },
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 200).length;
    const refused = results.filter((r) => r.status === 429);
    expect(ok).toBe(10);
    expect(refused).toHaveLength(50);
    for (const r of refused) {
      expect(r.data.error.code).toBe('rate_limited');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    // a refused one changed nothing: exactly the accepted ones are in the timeline
    expect(events(s, id, 'supplement')).toBe(10);

    // one work notice for all of them, in the outbox and at the workplace app
    const queued = s.db
      .prepare("SELECT body FROM notifications WHERE case_id = ? AND kind = 'supplement' AND recipient_user_id = ?")
      .all(id, deputy.userId) as { body: string }[];
    expect(queued).toHaveLength(1);
    expect(queued[0]!.body).toContain('10');
    await deliverOutbox(s.deps, ding.idp);
    expect(ding.to('ding-d001')).toHaveLength(2);
    expect(ding.to('ding-d001')[1]!.body).toBe('群众补充了材料（共10次）');

    // the same case named by its tracking number is the same case
    const { trackingNo } = await citizen.cases.get(id);
    expect(
      (
        await citizen.http.post(
          `/api/cases/${trackingNo}/transitions`,
          { action: 'supplement', note: '换个编号' },
          { validateStatus: () => true },
        )
      ).status,
    ).toBe(429);
    // the case's own limit is the citizen's on this case only: another case of theirs is open to them
    const other = await citizen.cases.create(validCase(), newKey());
    await citizen.cases.transition(other.id, { action: 'supplement', note: '另一件的补充' });
    // and after the minute, this one too
    s.clock.advanceHours(1 / 60);
    await citizen.cases.transition(id, { action: 'supplement', note: '一分钟后的补充' });
    expect(events(s, id, 'supplement')).toBe(11);
    await s.close();
  });

  it('should hold a repeat of a notice already delivered until its 10 minutes are over, then send the repeats as one', async () => {
    const { s, citizen, id } = await caseSupplementedOnce('zlb-li');
    const ding = workplaceApp();
    await deliverOutbox(s.deps, ding.idp);
    const delivered = ding.to('ding-d001').length; // the new case and the first supplement
    expect(delivered).toBe(2);

    s.clock.advanceHours(2 / 60);
    await citizen.cases.transition(id, { action: 'supplement', note: '第二次补充' });
    s.clock.advanceHours(1 / 60);
    await citizen.cases.transition(id, { action: 'supplement', note: '第三次补充' });
    await deliverOutbox(s.deps, ding.idp);
    expect(ding.to('ding-d001')).toHaveLength(delivered);
    // the deputy's inbox in the app has them at once: the first, and one for the two since
    const inbox = await (await s.as('ding-d001')).notifications.list();
    expect(inbox.items.filter((n) => n.caseId === id && n.kind === 'supplement').map((n) => n.body)).toEqual([
      '群众补充了材料（共2次）',
      '群众补充了材料',
    ]);

    s.clock.advanceHours(8 / 60); // 10 minutes after the first was sent
    await deliverOutbox(s.deps, ding.idp);
    expect(ding.to('ding-d001')).toHaveLength(delivered + 1);
    expect(ding.to('ding-d001').at(-1)!.body).toBe('群众补充了材料（共2次）');
    await s.close();
  });

  it('should not lose what is folded into a notice while it is being delivered', async () => {
    const { s, citizen, id } = await caseSupplementedOnce('zlb-chen');
    const sent: { body: string; key: string }[] = [];
    let once = true;
    const idp: IdentityProvider = {
      ...workplaceApp().idp,
      sendWorkNotice: async (_to, _title, body, key) => {
        sent.push({ body, key });
        // a second supplement lands while the first notice is on its way
        if (once && body === '群众补充了材料') {
          once = false;
          await citizen.cases.transition(id, { action: 'supplement', note: '第二次补充' });
        }
      },
    };
    await deliverOutbox(s.deps, idp);
    await deliverOutbox(s.deps, idp);
    const supplements = sent.filter((m) => m.body.startsWith('群众补充了材料'));
    expect(supplements.map((m) => m.body)).toEqual(['群众补充了材料', '群众补充了材料（共2次）']);
    // a new message to the workplace app, not a resend of the first it would drop
    expect(supplements[1]!.key).not.toBe(supplements[0]!.key);
    await s.close();
  });

  it('should limit one user to 60 transitions a minute over all cases', async () => {
    const s = await startTestServer({ rateLimits: LIMITS });
    const citizen = await s.as('zlb-wang');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await citizen.cases.create(validCase(), newKey())).id);
    const statuses: number[] = [];
    for (const id of ids) {
      for (let i = 0; i < 10; i++) {
        const r = await citizen.http.post(
          `/api/cases/${id}/transitions`,
          { action: 'supplement', note: `补充${i}` },
          { validateStatus: () => true },
        );
        statuses.push(r.status);
      }
    }
    expect(statuses.filter((x) => x === 200)).toHaveLength(60);
    expect(statuses.slice(60)).toEqual(Array(10).fill(429));
    await s.close();
  });
});
