/**
 * Hotspots (热点词): terms whose share of messages rose in the recent window
 * (the last 7 days) against a baseline window (the previous 8 weeks). Pure.
 *
 * Terms: words of Intl.Segmenter (ICU dictionary), length ≥ 2, plus runs of
 * 2–3 single characters the dictionary did not know merged into one term
 * (电|动|车 → 电动车); function words, courtesy words and pseudonymised
 * places are dropped; every message counts a term once. A term rises when
 * its share of recent messages is ≥ `minRatio` × its smoothed share of
 * baseline messages; rising terms are ranked by the log-likelihood ratio G²
 * (Dunning 1993), which favours terms both frequent and sharply up; terms
 * under G² = 10.83 (p < 0.001) are chance fluctuations and dropped. Finally
 * a two-character term is extended by the character that follows it in
 * ≥ 75 % of its recent occurrences (充电 → 充电桩, 幼儿 → 幼儿园), because
 * the ICU dictionary often cuts words short.
 */
import { normalizeWidth } from './normalize.js';

export interface RisingTerm {
  term: string;
  /** messages in the recent window containing the term */
  recent: number;
  /** average messages per week in the baseline window */
  baseline: number;
  /** G² log-likelihood ratio (higher = more clearly rising) */
  score: number;
}

export interface RisingOptions {
  limit?: number;
  /** number of weeks the baseline texts cover (default 8) */
  baselineWeeks?: number;
  /** minimum recent messages containing the term (default 3) */
  minCount?: number;
  /** minimum ratio of recent share to baseline share (default 2) */
  minRatio?: number;
  /** minimum G² (default 10.83, i.e. p < 0.001 for one degree of freedom): filters chance fluctuations */
  minScore?: number;
}

const FUNCTION_CHARS = new Set(
  Array.from(
    '的了是在我有和就不人都一上也很到说要去你会着没看好这那们他她它为与及或被把让给对从而但并且还又再吗呢吧啊呀哦嘛么个些每几多已将请能可以得地之其所此该各啥咋您谢',
  ),
);
/** frequent words that are never hotspots */
const STOP_TERMS = new Set(
  (
    '领导 您好 你好 谢谢 感谢 希望 请问 麻烦 问题 反映 情况 现在 目前 已经 我们 你们 他们 一下 没有 什么 怎么 这个 那个 ' +
    '可以 能否 相关 部门 有关 尊敬 政府 解决 处理 要求 严重 非常 时候 今天 昨天 最近 因为 所以 但是 如果 还是 就是 这样 ' +
    '这些 那些 自己 不是 一个 进行 对于 以及 其他 需要 是否 为什么 作为 根据 一直 至今 不能 可能 应该 得到 知道 不会 ' +
    '造成 导致 影响 多次 希望 恳请 请求 强烈 万分 不胜感激 此致 敬礼 市民 居民 百姓 老百姓 群众 本人 大家 谢谢您 ' +
    '工作 生活 国家 规定 相关部门 有关部门 职能部门 领导们 书记 市长 县长 区长 主任 代表 人大 您们 回复'
  ).split(' '),
);
const PSEUDO_PLACE = /^[a-z]\d{0,3}(?:市|县|区|州)$|^西地省?$/;
const HAN = /^\p{Script=Han}+$/u;

let seg: Intl.Segmenter | undefined;

/** candidate terms of one message (each once) */
export function messageTerms(text: string): Set<string> {
  seg ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out = new Set<string>();
  let singles = '';
  const flushSingles = (): void => {
    if (singles.length >= 2 && singles.length <= 3) keep(singles);
    singles = '';
  };
  const keep = (w: string): void => {
    if (STOP_TERMS.has(w) || PSEUDO_PLACE.test(w)) return;
    if (FUNCTION_CHARS.has(w[0]!) && w.length === 2) return;
    if (FUNCTION_CHARS.has(w[0]!) || FUNCTION_CHARS.has(w[w.length - 1]!)) {
      if (!HAN.test(w) || w.length < 3) return;
    }
    out.add(w);
  };
  for (const s of seg.segment(normalizeWidth(text))) {
    const w = s.segment;
    if (!s.isWordLike || !HAN.test(w)) {
      flushSingles();
      continue;
    }
    if (w.length === 1) {
      if (FUNCTION_CHARS.has(w)) flushSingles();
      else singles += w;
      continue;
    }
    flushSingles();
    keep(w);
  }
  flushSingles();
  return out;
}

function docFreq(texts: string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of texts) for (const term of messageTerms(t)) df.set(term, (df.get(term) ?? 0) + 1);
  return df;
}

/** G² of a term seen in a of n1 recent and b of n2 baseline messages */
function g2(a: number, n1: number, b: number, n2: number): number {
  const n = n1 + n2;
  const cells: [number, number][] = [
    [a, (n1 * (a + b)) / n],
    [n1 - a, (n1 * (n - a - b)) / n],
    [b, (n2 * (a + b)) / n],
    [n2 - b, (n2 * (n - a - b)) / n],
  ];
  let s = 0;
  for (const [o, e] of cells) if (o > 0 && e > 0) s += o * Math.log(o / e);
  return 2 * s;
}

/** extend a two-character term by the character that follows it in ≥ 75 % of its occurrences */
function extend(term: string, texts: string[]): string {
  if (term.length !== 2) return term;
  const after = new Map<string, number>();
  let occ = 0;
  for (const t of texts) {
    let i = t.indexOf(term);
    while (i >= 0) {
      occ++;
      const a = t[i + term.length];
      if (a) after.set(a, (after.get(a) ?? 0) + 1);
      i = t.indexOf(term, i + term.length);
    }
  }
  if (occ < 3) return term;
  let best: [string, number] | undefined;
  for (const e of after) if (HAN.test(e[0]) && !FUNCTION_CHARS.has(e[0]) && (!best || e[1] > best[1])) best = e;
  return best && best[1] >= 0.75 * occ ? term + best[0] : term;
}

export function risingTerms(recent: string[], baseline: string[], opts: RisingOptions = {}): RisingTerm[] {
  const limit = opts.limit ?? 20;
  const weeks = opts.baselineWeeks ?? 8;
  const minCount = opts.minCount ?? 3;
  const minRatio = opts.minRatio ?? 2;
  const minScore = opts.minScore ?? 10.83;
  const n1 = recent.length;
  const n2 = baseline.length;
  if (!n1) return [];
  const dfR = docFreq(recent);
  const dfB = docFreq(baseline);
  const rising: RisingTerm[] = [];
  for (const [term, a] of dfR) {
    if (a < minCount) continue;
    const b = dfB.get(term) ?? 0;
    if (a / n1 < (minRatio * (b + 0.5)) / (n2 + 1)) continue;
    const score = n2 ? g2(a, n1, b, n2) : a;
    if (n2 && score < minScore) continue;
    rising.push({ term, recent: a, baseline: Math.round((b / weeks) * 100) / 100, score });
  }
  rising.sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : 1));

  const recentNorm = recent.map((t) => normalizeWidth(t));
  const out: RisingTerm[] = [];
  const seen = new Set<string>();
  for (const r of rising) {
    if (out.length >= limit) break;
    const term = extend(r.term, recentNorm);
    // skip a term already covered by a better-ranked one (幼儿 after 幼儿园)
    if (seen.has(term) || [...seen].some((s) => s.includes(term) || term.includes(s))) continue;
    seen.add(term);
    out.push({ ...r, term, score: Math.round(r.score * 100) / 100 });
  }
  return out;
}
