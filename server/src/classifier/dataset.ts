/**
 * The labelled data set: text construction, near-duplicate removal and the
 * reproducible stratified split. Pure (file reading lives in io.ts).
 */
import { compactText } from './normalize.js';
import { isCategoryLabel, LABELS, type CategoryLabel } from './types.js';
import { fnv1a, fmix } from './hash.js';
import { mulberry32 } from '../util/random.js';

/** one line of messages-labelled.jsonl */
export interface RawRow {
  id: string;
  title: string | null;
  body: string | null;
  label: string;
  tokens: string;
  text_source?: string;
}

export interface Example {
  id: string;
  text: string;
  label: CategoryLabel;
  hasBody: boolean;
}

/**
 * Text of a row: title + body; rows without a body (13 %) fall back to
 * title + the row's tokens (jieba tokens of the original title+body, stop
 * words removed), joined without spaces so they read like running text.
 */
export function rowText(r: RawRow, fallback: 'tokens' | 'title' = 'tokens'): string {
  const title = r.title ?? '';
  if (r.body) return `${title}\n${r.body}`;
  if (fallback === 'title' && title) return title;
  return `${title}\n${r.tokens.split(/\s+/).join('')}`;
}

export function toExamples(rows: RawRow[], fallback: 'tokens' | 'title' = 'tokens'): Example[] {
  const out: Example[] = [];
  for (const r of rows) {
    if (!isCategoryLabel(r.label)) throw new Error(`unknown label ${r.label} in ${r.id}`);
    out.push({ id: r.id, text: rowText(r, fallback), label: r.label, hasBody: !!r.body });
  }
  return out;
}

export { mulberry32 };

export function shuffleInPlace<T>(a: T[], rnd: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

// ---------------------------------------------------------------- near duplicates

const SHINGLE = 3;
const PERMS = 64;
const BANDS = 16; // 16 bands × 4 rows: pairs with Jaccard ≳ 0.5 become candidates

function shingles(compact: string): Set<number> {
  const s = new Set<number>();
  if (compact.length < SHINGLE) {
    if (compact) s.add(fnv1a(compact));
    return s;
  }
  for (let i = 0; i + SHINGLE <= compact.length; i++) s.add(fnv1a(compact.slice(i, i + SHINGLE)));
  return s;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function minhash(s: Set<number>): Uint32Array {
  const sig = new Uint32Array(PERMS).fill(0xffffffff);
  for (const x of s) {
    for (let p = 0; p < PERMS; p++) {
      const h = fmix((x ^ Math.imul(p + 1, 0x9e3779b1)) >>> 0);
      if (h < sig[p]!) sig[p] = h;
    }
  }
  return sig;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

export interface DedupeResult {
  /** one example per group of near-duplicates (the longest text), majority label */
  kept: Example[];
  /** groups with more than one member, as example ids (first = kept) */
  groups: string[][];
  removed: number;
  /** groups whose members disagree on the label */
  conflicting: number;
}

/**
 * Group rows that are the same message: identical compact text, identical
 * tokens (when given), or character-3-gram Jaccard ≥ `threshold` (MinHash
 * LSH candidates, verified exactly). Keeps one row per group.
 */
export function dedupe(examples: Example[], opts: { threshold?: number; tokens?: Map<string, string> } = {}): DedupeResult {
  const threshold = opts.threshold ?? 0.8;
  const n = examples.length;
  const uf = new UnionFind(n);
  const compact = examples.map((e) => compactText(e.text));
  const byKey = new Map<string, number>();
  const link = (key: string, i: number): void => {
    const j = byKey.get(key);
    if (j === undefined) byKey.set(key, i);
    else uf.union(i, j);
  };
  examples.forEach((e, i) => {
    link(`c:${compact[i]}`, i);
    const t = opts.tokens?.get(e.id);
    if (t) link(`t:${t}`, i);
  });
  const sets = compact.map(shingles);
  const buckets = new Map<string, number[]>();
  const rows = PERMS / BANDS;
  sets.forEach((s, i) => {
    const sig = minhash(s);
    for (let b = 0; b < BANDS; b++) {
      let key = `${b}:`;
      for (let r = 0; r < rows; r++) key += sig[b * rows + r]!.toString(36) + ',';
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const checked = new Set<number>();
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x]!;
        const b = list[y]!;
        const pair = a * n + b;
        if (checked.has(pair)) continue;
        checked.add(pair);
        if (uf.find(a) === uf.find(b)) continue;
        if (jaccard(sets[a]!, sets[b]!) >= threshold) uf.union(a, b);
      }
    }
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const m = members.get(r);
    if (m) m.push(i);
    else members.set(r, [i]);
  }
  const kept: Example[] = [];
  const groups: string[][] = [];
  let conflicting = 0;
  for (const m of members.values()) {
    if (m.length === 1) {
      kept.push(examples[m[0]!]!);
      continue;
    }
    const votes = new Map<CategoryLabel, number>();
    for (const i of m) votes.set(examples[i]!.label, (votes.get(examples[i]!.label) ?? 0) + 1);
    if (votes.size > 1) conflicting++;
    let label = examples[m[0]!]!.label;
    for (const [l, v] of votes) if (v > (votes.get(label) ?? 0)) label = l;
    // representative: the longest text among the majority label
    let best = -1;
    for (const i of m) {
      if (examples[i]!.label !== label) continue;
      if (best < 0 || examples[i]!.text.length > examples[best]!.text.length) best = i;
    }
    kept.push(examples[best]!);
    groups.push([examples[best]!.id, ...m.filter((i) => i !== best).map((i) => examples[i]!.id)]);
  }
  kept.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { kept, groups, removed: n - kept.length, conflicting };
}

/**
 * Stratified split: within each label, a seeded shuffle of the examples
 * (sorted by id first, so the input order does not matter); the first
 * round(testShare × n) go to test.
 */
export function stratifiedSplit<T extends { id: string; label: CategoryLabel }>(
  examples: T[],
  opts: { seed?: number; testShare?: number } = {},
): { train: T[]; test: T[] } {
  const seed = opts.seed ?? 20200101;
  const share = opts.testShare ?? 0.2;
  const train: T[] = [];
  const test: T[] = [];
  LABELS.forEach((label, k) => {
    const of = examples.filter((e) => e.label === label).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    shuffleInPlace(of, mulberry32(seed + k * 7919));
    const nTest = Math.round(of.length * share);
    test.push(...of.slice(0, nTest));
    train.push(...of.slice(nTest));
  });
  return { train, test };
}

/** k folds, stratified, seeded: fold index per example */
export function stratifiedFolds(labels: CategoryLabel[], k: number, seed: number): Int32Array {
  const fold = new Int32Array(labels.length);
  LABELS.forEach((label, c) => {
    const idx: number[] = [];
    labels.forEach((l, i) => l === label && idx.push(i));
    shuffleInPlace(idx, mulberry32(seed + c * 104729));
    idx.forEach((i, j) => (fold[i] = j % k));
  });
  return fold;
}

/** the split used by eval (and documented): seed and test share */
export const SPLIT_SEED = 42;
export const TEST_SHARE = 0.2;

/** rows → examples → near-duplicates removed (the step before any split) */
export function prepareExamples(rows: RawRow[]): DedupeResult {
  return dedupe(toExamples(rows), { tokens: new Map(rows.map((r) => [r.id, r.tokens])) });
}
