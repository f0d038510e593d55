import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadClassifier, similarity, rankSimilar, setSimilarityIdf, SIMILAR_MIN } from '../../server/src/classifier/index.js';
import { similarityUsesIdf } from '../../server/src/classifier/similarity.js';
import { fixture, MODEL_FILE } from './helpers.js';

const pairs = fixture<{ similar: boolean; a: string; b: string }>('similar-pairs.jsonl');
const paraphrases = pairs.filter((p) => p.similar);
const unrelated = pairs.filter((p) => !p.similar);

describe('duplicate detection (同类诉求)', () => {
  beforeAll(() => {
    loadClassifier(MODEL_FILE); // installs the model's IDF
  });
  afterAll(() => setSimilarityIdf(null));

  it('should use the IDF of the loaded model', () => {
    expect(similarityUsesIdf()).toBe(true);
  });

  it('should score identical texts 1 and texts without common characters 0', () => {
    const t = '东湖社区路灯坏了';
    expect(similarity(t, t)).toBeCloseTo(1, 6);
    expect(similarity(t, 'abc')).toBe(0);
    expect(similarity('', t)).toBe(0);
  });

  it('should score every paraphrased pair at least SIMILAR_MIN', () => {
    for (const p of paraphrases) expect(similarity(p.a, p.b), `${p.a} ~ ${p.b}`).toBeGreaterThanOrEqual(SIMILAR_MIN);
  });

  it('should score unrelated pairs from the same town low', () => {
    const s = unrelated.map((p) => similarity(p.a, p.b));
    const meanPara = paraphrases.reduce((a, p) => a + similarity(p.a, p.b), 0) / paraphrases.length;
    expect(s.filter((x) => x < SIMILAR_MIN).length).toBeGreaterThanOrEqual(unrelated.length - 1);
    expect(Math.max(...s)).toBeLessThan(meanPara);
    expect(s.reduce((a, x) => a + x, 0) / s.length).toBeLessThan(0.15);
  });

  it('should rank the paraphrase first among all candidates', () => {
    const pool = pairs.map((p, i) => ({ id: i, text: p.b }));
    pairs.forEach((p, i) => {
      if (!p.similar) return;
      const r = rankSimilar(p.a, pool, { min: 0, limit: 3 });
      expect(r[0]!.id, p.a).toBe(i);
      expect(r[0]!.score).toBeCloseTo(similarity(p.a, p.b), 10);
    });
  });

  it('should honour min and limit and keep the candidate fields', () => {
    const pool = pairs.map((p, i) => ({ id: i, caseNo: `C${i}`, text: p.b }));
    const r = rankSimilar(paraphrases[0]!.a, pool);
    expect(r.length).toBeGreaterThan(0);
    expect(r.length).toBeLessThanOrEqual(5);
    for (const x of r) expect(x.score).toBeGreaterThanOrEqual(SIMILAR_MIN);
    expect(r[0]!.caseNo).toBe('C0');
    expect(rankSimilar(paraphrases[0]!.a, pool, { min: 0, limit: 2 })).toHaveLength(2);
  });

  it('should ignore the town name (candidates are already from one town)', () => {
    expect(similarity('乍浦镇港区工地夜里施工噪音大', '港区工地夜里施工噪音大')).toBeCloseTo(1, 6);
  });

  it('should still separate paraphrases from unrelated pairs without a model (plain TF)', () => {
    setSimilarityIdf(null);
    const para = paraphrases.map((p) => similarity(p.a, p.b));
    const unrel = unrelated.map((p) => similarity(p.a, p.b));
    expect(Math.min(...para)).toBeGreaterThan(Math.max(...unrel));
    loadClassifier(MODEL_FILE);
  });
});
