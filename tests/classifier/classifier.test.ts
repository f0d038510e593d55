import { describe, it, expect, beforeAll } from 'vitest';
import { statSync } from 'node:fs';
import {
  loadClassifier,
  createClassifier,
  LABELS,
  nonActionableKind,
  type LinearClassifier,
  type CategoryLabel,
} from '../../server/src/classifier/index.js';
import { normalizeText } from '../../server/src/classifier/normalize.js';
import { fixture, MODEL_FILE } from './helpers.js';

let clf: LinearClassifier;
beforeAll(() => {
  clf = loadClassifier(MODEL_FILE);
});

describe('shipped model', () => {
  // its load time is a figure printed by `npm run eval:classifier`, not a timed assertion here
  it('should load a versioned model of at most 10 MB', () => {
    expect(statSync(MODEL_FILE).size).toBeLessThanOrEqual(10e6);
    expect(clf.version).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
  });

  it('should list all 7 categories, best first, with calibrated scores summing to 1', () => {
    const s = clf.suggest('我们小区楼下的饭店油烟直排，噪音也大，晚上睡不着觉');
    expect(s.categories.map((c) => c.label).sort()).toEqual([...LABELS].sort());
    for (let i = 1; i < s.categories.length; i++) expect(s.categories[i - 1]!.score).toBeGreaterThanOrEqual(s.categories[i]!.score);
    expect(s.categories.reduce((a, c) => a + c.score, 0)).toBeCloseTo(1, 6);
    expect(s.categories[0]!.label).toBe('环境保护');
  });

  it('should explain the suggestion with at most 8 terms found in the text', () => {
    const text = '老板拖欠我们三个月工资，工人去讨薪还被保安赶出来，劳动合同也没签';
    const s = clf.suggest(text);
    expect(s.categories[0]!.label).toBe('劳动和社会保障');
    expect(s.topTerms.length).toBeGreaterThan(0);
    expect(s.topTerms.length).toBeLessThanOrEqual(8);
    for (const t of s.topTerms) {
      expect(normalizeText(text)).toContain(t.term);
      expect(t.weight).toBeGreaterThan(0);
    }
    expect(s.topTerms.map((t) => t.term).join()).toMatch(/工资|劳动/);
  });

  it('should give the same scores whatever the place name (pseudonymised or Pinghu)', () => {
    const body = '的自来水最近老是停水，也不提前通知，一停就大半天';
    const a = clf.suggest(`A市A3区${body}`);
    const b = clf.suggest(`平湖市当湖街道${body}`);
    const c = clf.suggest(`乍浦镇${body}`);
    expect(b.categories).toEqual(a.categories);
    expect(c.categories).toEqual(a.categories);
  });

  it('should classify most Pinghu-style messages right', () => {
    const rows = fixture<{ text: string; label: CategoryLabel }>('pinghu-messages.jsonl');
    const right = rows.filter((r) => clf.suggest(r.text).categories[0]!.label === r.label).length;
    expect(right / rows.length).toBeGreaterThanOrEqual(0.85);
  });
});

describe('needsReview threshold', () => {
  it('should flag every non-actionable fixture message (thanks, greetings, ads, gibberish, 测试)', () => {
    const rows = fixture<{ text: string; kind: string }>('non-actionable.jsonl');
    for (const r of rows) {
      const s = clf.suggest(r.text);
      expect(s.needsReview, r.text).toBe(true);
      expect(s.reason, r.text).toBe('non_actionable');
      expect(s.categories).toHaveLength(7); // scores are still listed
    }
  });

  it('should flag at least 90 % of a second, independently written non-actionable set', () => {
    const rows = fixture<{ text: string; kind: string }>('non-actionable-extra.jsonl');
    const flagged = rows.filter((r) => clf.suggest(r.text).needsReview).length;
    expect(flagged / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  it('should not flag complaints that open with 您好 and close with 谢谢, nor complaints about adverts', () => {
    for (const text of [
      '尊敬的领导您好！我们小区门口的下水道堵了一个星期，污水横流，臭气熏天，请尽快处理，谢谢！',
      '小区里到处贴代开发票、加微信的小广告，楼道墙面脏得不行，希望城管清理一下',
      '测试中心的检测报告出了问题，我买的房子甲醛超标，开发商不认账',
      '谢谢代表上次帮忙，但是路灯修好没两天又坏了，晚上还是一片黑',
    ]) {
      const s = clf.suggest(text);
      expect(s.reason, text).not.toBe('non_actionable');
      expect(nonActionableKind(text), text).toBeNull();
    }
  });

  it('should flag vague messages as low confidence, with the scores still listed', () => {
    for (const text of ['我想问一下这个事情该找哪个部门', '有个事想反映一下']) {
      const s = clf.suggest(text);
      expect(s.categories[0]!.score).toBeLessThan(clf.reviewThreshold);
      expect(s.needsReview).toBe(true);
      expect(s.reason).toBe('low_confidence');
      expect(s.categories.reduce((a, c) => a + c.score, 0)).toBeCloseTo(1, 6);
    }
  });

  it('should switch on the model threshold: needsReview iff the top score is below it', () => {
    const text = '学校门口的路灯坏了，医院看病也贵';
    const top = clf.suggest(text).categories[0]!.score;
    const above = createClassifier({ ...clf.model, reviewThreshold: top - 0.01 }).suggest(text);
    const below = createClassifier({ ...clf.model, reviewThreshold: top + 0.01 }).suggest(text);
    expect(above.needsReview).toBe(false);
    expect(above.reason).toBeUndefined();
    expect(below.needsReview).toBe(true);
    expect(below.reason).toBe('low_confidence');
  });
});
