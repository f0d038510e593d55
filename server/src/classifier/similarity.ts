/**
 * Duplicate detection (同类诉求): cosine similarity of character 1–2-gram
 * vectors, weighted by sub-linear TF × √IDF, after the classifier's
 * normalisation (full/half width, place names removed — the server already
 * restricts candidates to one town, and the town's name would otherwise
 * make any two of its messages look alike). Pure.
 *
 * IDF comes from the loaded classifier model (its hashed character 1–2-gram
 * IDF, over the whole data set): `loadClassifier` installs it with
 * `setSimilarityIdf`. Before any model is loaded every term weighs the same
 * (plain TF). Measured choices (√IDF vs IDF vs none, unigram weights,
 * trigrams) are in docs/classifier.md.
 */
import { fmix, fnvStep, FNV_OFFSET } from './hash.js';
import { isContent } from './features.js';
import { normalizeText } from './normalize.js';

/** default threshold of rankSimilar */
export const SIMILAR_MIN = 0.25;

interface IdfTable {
  idf: Float32Array;
  mask: number;
  /** weight of buckets the model does not know (rare terms) */
  unknown: number;
}
let table: IdfTable | null = null;

/**
 * Install the IDF used for weighting: a hashed table as the classifier's
 * (2^bits buckets, FNV-1a over UTF-16 code units + fmix, digits collapsed),
 * 0 = unknown bucket. `null` = plain TF.
 */
export function setSimilarityIdf(idf: Float32Array | null): void {
  if (!idf) {
    table = null;
    return;
  }
  let max = 0;
  for (let i = 0; i < idf.length; i++) if (idf[i]! > max) max = idf[i]!;
  table = { idf, mask: idf.length - 1, unknown: Math.sqrt(max) };
}

export function similarityUsesIdf(): boolean {
  return table !== null;
}

/** L2-normalised vector: character 1–2-gram hash → (1 + ln tf) · √idf */
export function shingleVector(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const norm = normalizeText(text);
  let prev = -1;
  let prevIsDigit = false;
  const add = (h: number): void => void counts.set(h, (counts.get(h) ?? 0) + 1);
  for (let i = 0; i <= norm.length; i++) {
    let c = i < norm.length ? norm.charCodeAt(i) : 32;
    if (!isContent(c)) {
      prev = -1;
      prevIsDigit = false;
      continue;
    }
    const digit = c >= 0x30 && c <= 0x39;
    if (digit) {
      if (prevIsDigit) continue; // a run of digits is one "0"
      c = 0x30;
    }
    const u = fnvStep(FNV_OFFSET, c);
    add(u);
    if (prev >= 0) add(fnvStep(fnvStep(FNV_OFFSET, prev), c));
    prev = c;
    prevIsDigit = digit;
  }
  let ss = 0;
  for (const [h, tf] of counts) {
    let w = 1;
    if (table) {
      const v = table.idf[fmix(h) & table.mask]!;
      w = v > 0 ? Math.sqrt(v) : table.unknown;
    }
    const x = (1 + Math.log(tf)) * w;
    counts.set(h, x);
    ss += x * x;
  }
  const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
  for (const [h, x] of counts) counts.set(h, x * inv);
  return counts;
}

export function cosine(a: Map<number, number>, b: Map<number, number>): number {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [h, x] of small) {
    const y = big.get(h);
    if (y !== undefined) dot += x * y;
  }
  return Math.max(0, Math.min(1, dot));
}

/** similarity of two messages, 0 (nothing in common) … 1 (same text) */
export function similarity(a: string, b: string): number {
  return cosine(shingleVector(a), shingleVector(b));
}

/**
 * Candidates whose similarity to `query` is at least `min` (default 0.25),
 * best first, at most `limit` (default 5), each with its `score` (the same
 * number `similarity` gives). Brute force: fine for the few hundred open
 * cases of one town in 30 days (≈ 20 µs per candidate of 200 characters).
 */
export function rankSimilar<T extends { text: string }>(
  query: string,
  candidates: T[],
  opts: { min?: number; limit?: number } = {},
): (T & { score: number })[] {
  const min = opts.min ?? SIMILAR_MIN;
  const limit = opts.limit ?? 5;
  const q = shingleVector(query);
  const out: (T & { score: number })[] = [];
  for (const c of candidates) {
    const score = cosine(q, shingleVector(c.text));
    if (score >= min) out.push({ ...c, score });
  }
  return out.sort((x, y) => y.score - x.score).slice(0, limit);
}
