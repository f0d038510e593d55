import { describe, expect } from 'vitest';
import { caseIn } from '../helpers/builders.js';
import { newKey, startTestServer, validCase } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

describe('马上分: suggestions for office staff', () => {
  it('should suggest the category and unit of a clear message, with the words behind it', async ({ citizen, office }) => {
    const { id } = await citizen.cases.create(
      validCase({
        title: '有人违章搭建',
        body: '东湖社区有一户居民在院子外私自搭建彩钢棚，占用了公共通道，消防车都进不来，请城建部门核实处理。',
      }),
      newKey(),
    );
    const sug = await office.cases.suggestions(id);
    expect(sug.categories[0]!.id).toBe('construction');
    expect(sug.categories).toHaveLength(7);
    expect(sug.categories.reduce((a, c) => a + c.score, 0)).toBeCloseTo(1, 2);
    expect(sug.units[0]!.id).toBe('zjj');
    expect(sug.needsReview).toBe(false);
    expect(sug.topTerms!.length).toBeGreaterThan(0);
  });

  it('should ask for a person (待人工判断) instead of guessing on a message with nothing to act on', async ({ citizen, office }) => {
    const { id } = await citizen.cases.create(validCase({ title: '谢谢', body: '谢谢代表！你们辛苦了，祝工作顺利，身体健康！' }), newKey());
    const sug = await office.cases.suggestions(id);
    expect(sug.needsReview).toBe(true);
    expect(sug.categories.length).toBe(7); // the scores are still listed
  });

  it('should list an open case of the same town saying the same thing in other words, and show it to the citizen before submitting', async ({
    s,
  }) => {
    const a = await s.as('zlb-zhang');
    const b = await s.as('zlb-li');
    const office = await s.as('ding-office');
    const first = await a.cases.create(
      validCase({ title: '东湖社区路灯不亮', body: '东湖社区主干道上的路灯坏了两个星期了，晚上一片漆黑，老人出门很危险，请尽快修理。' }),
      newKey(),
    );
    const unrelated = await a.cases.create(
      validCase({ title: '孩子入学', body: '请问孩子明年上小学，外地户口需要准备哪些材料？对口哪所学校？' }),
      newKey(),
    );
    const second = await b.cases.create(
      validCase({ title: '路灯坏了', body: '东湖社区那条主路的路灯已经坏了好久，晚上黑漆漆的，老年人走路不安全，希望赶紧修好。' }),
      newKey(),
    );
    const sug = await office.cases.suggestions(second.id);
    expect(sug.similar.map((x) => x.id)).toContain(first.id);
    expect(sug.similar.map((x) => x.id)).not.toContain(unrelated.id);
    // the hint is for a citizen who writes (signed in; tests/server/personal-info.test.ts has who else may ask)
    const shown = await (await s.as('zlb-wang')).cases.similar('D001', '东湖社区主路的路灯坏了，晚上很黑，请修理');
    expect(shown.items.map((i) => i.title)).toContain('东湖社区路灯不亮');
    expect(JSON.stringify(shown)).not.toMatch(/1385731|张建华|李秀英/);
  });

  it('should store a correction when office staff assign another category than the suggestion', async ({ s, office }) => {
    const id = caseIn(s, 'triage', { title: '路灯坏了', body: '当湖街道东湖社区主干道的路灯坏了两个星期，晚上很黑，请尽快维修。' });
    const corrections = () =>
      s.db.prepare('SELECT case_id, label, suggested_label FROM classifier_corrections').all() as {
        case_id: string;
        label: string;
        suggested_label: string;
      }[];
    await office.cases.transition(id, { action: 'assign', unitId: 'jtj', categoryId: 'transport' });
    expect(corrections()).toEqual([{ case_id: id, label: '交通运输', suggested_label: '城乡建设' }]);
    // agreeing with the suggestion is not a correction
    const agreed = caseIn(s, 'triage');
    await office.cases.transition(agreed, { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
    expect(corrections()).toHaveLength(1);
  });

  it('should show a planted surge among the rising terms for leaders', async () => {
    const s = await startTestServer({ now: '2026-06-01T02:00:00Z' });
    const citizens = await Promise.all(['zlb-zhang', 'zlb-li', 'zlb-wang', 'zlb-chen', 'zlb-zhou'].map((a) => s.as(a)));
    const ordinary = ['小区路灯不亮，晚上很黑', '孩子入学需要什么材料', '社保卡怎么补办', '公交车班次太少', '医院挂号排队太久'];
    // eight weeks of ordinary messages…
    for (let week = 9; week >= 2; week--) {
      s.clock.set(new Date(Date.parse('2026-06-01T02:00:00Z') - week * 7 * 86_400_000));
      for (const [i, text] of ordinary.entries())
        await citizens[i]!.cases.create(validCase({ body: `${text}，请有关部门帮忙解决。` }), newKey());
    }
    // …then a week in which many people write about burning rubbish
    s.clock.set('2026-05-29T02:00:00Z');
    for (let i = 0; i < 10; i++) {
      await citizens[i % 5]!.cases.create(
        validCase({ body: `村里有人露天焚烧垃圾，浓烟呛人，第${i + 1}次反映了，请尽快制止。` }),
        newKey(),
      );
    }
    s.clock.set('2026-06-01T02:00:00Z');
    const leader = await s.as('ding-leader');
    const hot = await leader.hotspots();
    expect(hot.recentCases).toBe(10);
    const terms = hot.items.map((t) => t.term);
    expect(terms.some((t) => t.includes('焚烧'))).toBe(true);
    expect(terms.some((t) => t.includes('垃圾'))).toBe(true);
    // what every week had does not rise
    expect(terms.some((t) => t.includes('路灯') || t.includes('社保'))).toBe(false);
    await s.close();
  });
});
