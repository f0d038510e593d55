import { describe, it, expect, beforeAll } from 'vitest';
import { readLabelledRows } from '../../server/src/classifier/io.js';
import {
  prepareExamples,
  stratifiedSplit,
  dedupe,
  SPLIT_SEED,
  type DedupeResult,
  type Example,
} from '../../server/src/classifier/dataset.js';
import { compactText } from '../../server/src/classifier/normalize.js';
import { LABELS } from '../../server/src/classifier/types.js';
import { DATA_DIR, HAS_DATA } from './helpers.js';

describe.skipIf(!HAS_DATA)('data set split', () => {
  let prepared: DedupeResult;
  beforeAll(() => {
    prepared = prepareExamples(readLabelledRows(DATA_DIR));
  });

  it('should remove near-duplicates before splitting', () => {
    expect(prepared.removed).toBeGreaterThan(300); // ≈ 200 shared token texts + 88 exact pairs + re-posts
    const keys = prepared.kept.map((e) => compactText(e.text));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('should produce the same split for the same seed, whatever the input order', () => {
    const a = stratifiedSplit(prepared.kept, { seed: SPLIT_SEED });
    const b = stratifiedSplit([...prepared.kept].reverse(), { seed: SPLIT_SEED });
    expect(a.test.map((e) => e.id).sort()).toEqual(b.test.map((e) => e.id).sort());
    expect(a.train.length + a.test.length).toBe(prepared.kept.length);
  });

  it('should produce a different split for a different seed', () => {
    const a = stratifiedSplit(prepared.kept, { seed: SPLIT_SEED });
    const c = stratifiedSplit(prepared.kept, { seed: SPLIT_SEED + 1 });
    const ids = new Set(a.test.map((e) => e.id));
    expect(c.test.filter((e) => ids.has(e.id)).length).toBeLessThan(a.test.length * 0.5);
  });

  it('should be stratified 80/20 per label', () => {
    const { test } = stratifiedSplit(prepared.kept, { seed: SPLIT_SEED });
    for (const label of LABELS) {
      const all = prepared.kept.filter((e) => e.label === label).length;
      const t = test.filter((e) => e.label === label).length;
      expect(Math.abs(t - all * 0.2)).toBeLessThanOrEqual(1);
    }
  });

  it('should let no duplicate straddle the split', () => {
    const { train, test } = stratifiedSplit(prepared.kept, { seed: SPLIT_SEED });
    const inSplit = new Set([...train, ...test].map((e) => e.id));
    // every removed member of a duplicate group is in neither side
    for (const g of prepared.groups) for (const id of g.slice(1)) expect(inSplit.has(id)).toBe(false);
    // and running the duplicate finder over train ∪ test finds nothing more
    const again = dedupe([...train, ...test] as Example[]);
    expect(again.removed).toBe(0);
  });
});

describe('dedupe', () => {
  it('should group re-posts and keep the longest, majority label', () => {
    const base = '小区门口的路灯坏了好几天，晚上很黑，老人小孩走路容易摔倒，请尽快派人维修，谢谢';
    const ex: Example[] = [
      { id: 'a', text: base, label: '城乡建设', hasBody: true },
      { id: 'b', text: `${base}！！`, label: '城乡建设', hasBody: true },
      { id: 'c', text: `${base.slice(0, -2)}，麻烦了`, label: '交通运输', hasBody: true },
      { id: 'd', text: '学校食堂饭菜价格太贵，学生吃不起', label: '教育文体', hasBody: true },
    ];
    const r = dedupe(ex);
    expect(r.kept.map((e) => e.id)).toEqual(['b', 'd']); // b: longest text of the majority label
    expect(r.groups).toEqual([['b', 'a', 'c']]);
    expect(r.conflicting).toBe(1);
  });
});
