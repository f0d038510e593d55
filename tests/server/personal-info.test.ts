import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { deliverOutbox } from '../../server/src/domain/outbox.js';
import { apiError, newKey, testIdp, validCase, type TestServer } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

/**
 * A citizen who gives no title and writes their name, a mobile number and an ID-card number
 * into the body (issue 13, finding 2): everyone who may not see who wrote it — leaders, units,
 * the cockpit, the ledger, the work notices, other citizens — reads those masked; the
 * submitter, the case's deputy and office staff still read the whole text.
 */
const BODY = '我叫陈美玲13857319999，身份证号330482199001011234，住当湖街道东湖社区。丈夫长期对我实施家暴，请代表帮帮我。';
/** The stored title: the first clause, with the name and the phone masked. */
const MASKED_TITLE = '我叫陈**138****9999';
/** Neither the name, the phone (nor a long piece of it), the ID-card number (nor its birth date) nor the contact phone. */
const PII = ['陈美玲', '13857319999', '5731999', '330482199001011234', '19900101', '13857310004'];

function expectMasked(value: unknown) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const p of PII) expect(text, `"${p}" must not be shown`).not.toContain(p);
}

/** The cases of the scenario, submitted through the API. */
async function scenario(s: TestServer) {
  const chen = await s.as('zlb-chen'); // 陈美玲, 13857310004
  const zhou = await s.as('zlb-zhou');
  const wang = await s.as('zlb-wang');
  const zhang = await s.as('zlb-zhang');
  const office = await s.as('ding-office');
  const leader = await s.as('ding-leader');
  const unit = await s.as('ding-unit-zjj');
  const deputy = await s.as('ding-d001');
  const { title: _omit, ...untitled } = validCase({ body: BODY, contactPhone: '13857310004' });
  const main = await chen.cases.create(untitled, newKey());
  // the same story, anonymously; and in another town (钟埭, deputy D002)
  const anonymous = await zhou.cases.create(
    validCase({ title: '匿名求助家暴', body: `${BODY}（匿名）`, anonymous: true, contactPhone: undefined }),
    newKey(),
  );
  const elsewhere = await wang.cases.create(validCase({ deputyCode: 'D002', title: '钟埭家暴求助', body: BODY }), newKey());
  // a title the citizen wrote, holding a phone
  const titled = await zhang.cases.create(
    validCase({ title: '请回电13857319999', body: '东湖社区主干道的路灯坏了两个星期，晚上很黑，请尽快维修。' }),
    newKey(),
  );
  return { chen, zhou, wang, zhang, office, leader, unit, deputy, main, anonymous, elsewhere, titled };
}

describe('personal information in titles and texts (issue 13, finding 2)', () => {
  it('should store a derived title cut at a clause with the name and the numbers masked, and keep the body whole for those allowed', async ({
    s,
  }) => {
    const { chen, deputy, office, main, titled } = await scenario(s);
    expect(main.title).toBe(MASKED_TITLE);
    expect((s.db.prepare('SELECT title FROM cases WHERE id = ?').get(main.id) as { title: string }).title).toBe(MASKED_TITLE);
    // the submitter, the case's deputy and office staff read the whole body and the citizen's own title
    for (const who of [chen, deputy, office]) {
      const d = await who.cases.get(main.id);
      expect(d.body).toBe(BODY);
      expect(d.excerpt).toContain('13857319999');
    }
    expect((await deputy.cases.get(titled.id)).title).toBe('请回电13857319999');
    expect((await office.cases.list()).items.find((c) => c.id === titled.id)!.title).toBe('请回电13857319999');
  });

  it('should mask the texts of a case in the lists and details of leaders and units', async ({ s }) => {
    const { office, leader, unit, deputy, main, titled, anonymous } = await scenario(s);
    await deputy.cases.transition(main.id, { action: 'forward' });
    await office.cases.transition(main.id, { action: 'assign', unitId: 'zjj', categoryId: 'construction' });

    for (const who of [leader, unit]) {
      const list = await who.cases.list();
      const item = list.items.find((c) => c.id === main.id)!;
      expect(item.title).toBe(MASKED_TITLE);
      expect(item.excerpt).toContain('138****9999');
      expectMasked(list);
      const detail = await who.cases.get(main.id);
      expect(detail.body).toContain('身份证号****************34');
      expectMasked(detail);
    }
    const leaderList = await leader.cases.list();
    expect(leaderList.items.find((c) => c.id === titled.id)!.title).toBe('请回电138****9999');
    // an anonymous case: no one but its submitter reads its numbers, office staff included
    const anon = await office.cases.get(anonymous.id);
    expectMasked(anon);
    expect(anon.body).toContain('我叫陈**138****9999');
  });

  it("should not let those who read a case masked find it by its citizen's name, phone or ID-card number", async ({ s }) => {
    const { chen, office, leader, unit, deputy, main, titled, anonymous } = await scenario(s);
    await deputy.cases.transition(main.id, { action: 'forward' });
    await office.cases.transition(main.id, { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
    await deputy.cases.transition(titled.id, { action: 'forward' });
    await office.cases.transition(titled.id, { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
    const admin = await s.as('ding-admin');
    const found = async (who: typeof leader, q: string) => (await who.cases.list({ q, pageSize: 100 })).items.map((c) => c.id);

    // a search is over what the viewer reads: the secrets are masked there, so they find nothing
    for (const who of [leader, unit, admin]) {
      for (const secret of ['陈美玲', '13857319999', '330482199001011234', '5731999']) {
        expect(await found(who, secret), `${secret} must not find the case`).not.toContain(main.id);
      }
      // a phone in a title the citizen wrote is no key either
      expect(await found(who, '13857319999')).not.toContain(titled.id);
      // what they do read still finds it
      expect(await found(who, '家暴')).toContain(main.id);
      expect(await found(who, '138****9999')).toContain(main.id);
      expect(await found(who, '请回电138')).toContain(titled.id);
    }
    // those who read the whole text find the case by any of it
    for (const who of [chen, deputy, office]) {
      expect(await found(who, '13857319999')).toContain(main.id);
      expect(await found(who, '330482199001011234')).toContain(main.id);
    }
    // an anonymous case: office staff read it masked, so its numbers find nothing for them either
    expect(await found(office, '13857319999')).not.toContain(anonymous.id);
    expect(await found(office, '家暴')).toContain(anonymous.id);
  });

  it('should mask titles in the cockpit, the big screen and the ledger', async ({ s }) => {
    const { leader, office, main } = await scenario(s);
    for (const who of [leader, office]) {
      const latest = await who.stats.latest({ limit: 50 });
      expect(latest.items.find((c) => c.id === main.id)!.title).toBe(MASKED_TITLE);
      expectMasked(latest);
      const received = await who.stats.cases({ metric: 'received', page: 1, pageSize: 50 });
      expect(received.items.find((c) => c.id === main.id)!.title).toBe(MASKED_TITLE);
      expectMasked(received);
    }
    const ledger = await leader.stats.exportLedger({}, 'arraybuffer');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.data as ArrayBuffer);
    const sheet = wb.getWorksheet('民情台账')!;
    const cells: unknown[] = [];
    sheet.eachRow((row) => cells.push(row.values));
    expect(JSON.stringify(cells)).toContain(MASKED_TITLE);
    expect(JSON.stringify(cells)).toContain('请回电138****9999');
    expectMasked(cells);
  });

  it('should mask the texts of notifications and work notices', async ({ s }) => {
    const { deputy } = await scenario(s);
    const inbox = await deputy.notifications.list();
    expect(inbox.items.map((n) => n.body)).toEqual(
      expect.arrayContaining([`您收到一件新的民情件：${MASKED_TITLE}`, '您收到一件新的民情件：请回电138****9999']),
    );
    expectMasked(s.db.prepare('SELECT title, body FROM notifications').all());
    // as the workplace app and the super-app receive them (the stand-in provider keeps what it was sent)
    expect((await deliverOutbox(s.deps, testIdp(s.baseUrl))).sent).toBeGreaterThan(0);
    const sent = s.db.prepare('SELECT title, body FROM mock_idp_messages').all() as { title: string; body: string }[];
    expect(sent.some((m) => m.body.includes(MASKED_TITLE))).toBe(true);
    expectMasked(sent);
  });

  it('should show the similar-cases hint only to a signed-in citizen, with open, named cases of the same town and masked titles only', async ({
    s,
  }) => {
    const { deputy, office } = await scenario(s);
    const li = await s.as('zlb-li');
    const text = '丈夫长期对我实施家暴，请代表帮帮我，我住东湖社区';
    expect((await apiError(s.anonymous().cases.similar('D001', text))).status).toBe(401);
    expect((await apiError(deputy.cases.similar('D001', text))).status).toBe(403);
    expect((await apiError(office.cases.similar('D001', text))).status).toBe(403);

    // D011 is another deputy of 当湖街道: the hint is about the town
    const shown = await li.cases.similar('D011', text);
    expect(shown.items.map((i) => i.title)).toContain(MASKED_TITLE);
    expect(shown.items.map((i) => i.title)).not.toContain('匿名求助家暴');
    expect(shown.items.map((i) => i.title)).not.toContain('钟埭家暴求助');
    expect(Object.keys(shown.items[0]!).sort()).toEqual(['score', 'status', 'submittedAt', 'title']);
    expectMasked(shown);
    // the case of the other town is found from its own town
    expect((await li.cases.similar('D002', text)).items.map((i) => i.title)).toContain('钟埭家暴求助');
    // the numbers are not a key to find a case by: asked by the phone number, nothing comes back
    expect((await li.cases.similar('D001', '请问13857319999这个号码的事情怎么样了')).items).toEqual([]);
  });

  it('should limit the similar-cases hint to 30 asks a minute per citizen', async ({ s }) => {
    const li = await s.as('zlb-li');
    const zhou = await s.as('zlb-zhou');
    for (let i = 0; i < 30; i++) await li.cases.similar('D001', `东湖社区路灯坏了第${i}次`);
    const refused = await apiError(li.cases.similar('D001', '东湖社区路灯坏了'));
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('rate_limited');
    // another citizen is not held up
    await zhou.cases.similar('D001', '东湖社区路灯坏了');
    s.clock.advanceHours(1 / 60);
    await li.cases.similar('D001', '东湖社区路灯坏了');
  });
});
