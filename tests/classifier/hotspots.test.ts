import { describe, it, expect } from 'vitest';
import { risingTerms } from '../../server/src/classifier/index.js';
import { messageTerms } from '../../server/src/classifier/hotspots.js';
import { mulberry32 } from '../../server/src/classifier/dataset.js';

// ordinary, steady topics of a town
const ORDINARY = [
  '小区门口的路灯坏了好几天了，晚上很黑，请尽快维修',
  '楼下饭店油烟太大，晚上噪音也吵，影响休息',
  '厂里老板拖欠工资三个月了，工人要不到钱',
  '公交车班次太少，早上上班等车要一个小时',
  '物业不打扫楼道，垃圾堆了好几天没人管',
  '学校放学时门口交通拥堵，接孩子很不方便',
  '医院挂号排队时间太长，看病难',
  '河道里有人倒垃圾，水发黑发臭',
  '菜市场有摊贩缺斤少两，希望市场监管查一查',
  '农村养老保险怎么缴费，每个月能领多少',
  '自来水经常停水也不提前通知',
  '幼儿园收费太高，普通家庭负担不起',
];
// the planted surge: e-bike charging points catching fire, worded in many ways
const SURGE = [
  '小区的电动车充电桩昨晚起火了，幸好发现得早',
  '充电桩老化严重，电动车充电时冒烟，太危险了',
  '我们楼下充电桩又烧了，电动车停在那里不敢充电',
  '电动车充电桩起火，消防车都来了，希望排查安全隐患',
  '充电桩没人维护，线都露在外面，电动车充着充着就跳闸冒火',
  '能不能检查一下小区的充电桩，最近接连出了两次火情',
];

function week(rnd: () => number, n: number, surge = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(ORDINARY[Math.floor(rnd() * ORDINARY.length)]!);
  for (let i = 0; i < surge; i++) out.push(SURGE[i % SURGE.length]!);
  return out;
}

describe('hotspots (热点词)', () => {
  const rnd = mulberry32(7);
  const baseline = Array.from({ length: 8 }, () => week(rnd, 40)).flat();
  // one stray mention of 充电桩 in the baseline
  baseline.push('小区想装几个电动车充电桩');

  it('should put the planted surge on top', () => {
    const recent = week(rnd, 40, 12);
    const top = risingTerms(recent, baseline, { limit: 5 });
    expect(top.length).toBeGreaterThan(0);
    expect(top[0]!.term).toMatch(/充电桩|电动车/);
    const terms = top.map((t) => t.term);
    expect(terms).toContain('充电桩');
    expect(terms).toContain('电动车');
    const t = top.find((x) => x.term === '充电桩')!;
    expect(t.recent).toBe(12); // each surge message mentions it once
    expect(t.baseline).toBe(0.13); // one message in 8 weeks = 0.125/week, rounded to 2 decimals
    expect(t.score).toBeGreaterThan(10);
  });

  it('should not report steady topics, however frequent', () => {
    const recent = week(rnd, 40, 12);
    const terms = risingTerms(recent, baseline, { limit: 20 }).map((t) => t.term);
    for (const steady of ['路灯', '工资', '公交车', '物业', '幼儿园']) expect(terms).not.toContain(steady);
  });

  it('should find nothing when nothing rose', () => {
    expect(risingTerms(week(rnd, 40), baseline)).toEqual([]);
    expect(risingTerms([], baseline)).toEqual([]);
  });

  it('should honour limit and report the baseline as a weekly average', () => {
    const recent = week(rnd, 40, 12);
    const r = risingTerms(recent, baseline, { limit: 1, baselineWeeks: 4 });
    expect(r).toHaveLength(1);
    expect(r[0]!.baseline).toBe(0.25);
  });

  it('should drop function words, courtesy words and pseudonymised places from terms', () => {
    const terms = messageTerms('尊敬的领导您好，A市A3区西地省小区电动车充电桩起火，谢谢');
    expect(terms.has('充电桩') || terms.has('充电')).toBe(true);
    for (const t of ['领导', '您好', '谢谢', 'a市', '西地省']) expect(terms.has(t)).toBe(false);
  });
});
