/**
 * Features: hashed bag of character n-grams (inside content runs) plus,
 * optionally, segmenter words and word bigrams; sub-linear TF × IDF, L2
 * normalised. The hashing trick keeps the model file free of a vocabulary
 * (small, fast to load); explanations recover the strings from the message
 * itself (model.ts). Pure: no Node imports.
 */
import { fmix, fnvStep, FNV_OFFSET, fnv1a } from './hash.js';
import { normalizeText } from './normalize.js';
import { intlWords, type WordSegmenter } from './segment.js';

export interface FeatureConfig {
  /** hash space = 2^bits buckets */
  bits: number;
  /** character n-grams of length charMin..charMax (0 = none) */
  charMin: number;
  charMax: number;
  /** word unigrams from a word segmenter */
  words: 'none' | 'intl' | 'custom';
  /** adjacent word pairs */
  wordBigrams: boolean;
  /** every run of digits counts as the single digit 0 */
  collapseDigits: boolean;
}

/** the configuration chosen by measurement (docs/classifier.md) */
export const DEFAULT_FEATURES: FeatureConfig = {
  bits: 18,
  charMin: 1,
  charMax: 2,
  words: 'none',
  wordBigrams: false,
  collapseDigits: true,
};

/** a sparse vector: parallel arrays of bucket indices and values */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

const WORD_SEED = fnv1a('word:');
const BIGRAM_SEED = fnv1a('bigram:');

export function isContent(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xd800 && c <= 0xdfff) ||
    (c >= 0xc0 && c <= 0x24f)
  );
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export class HashingVectorizer {
  readonly dim: number;
  private readonly mask: number;
  private readonly counts: Float64Array;
  private touched: Int32Array;
  private nTouched = 0;
  private run: Int32Array = new Int32Array(4096);
  private readonly segment: WordSegmenter | undefined;

  constructor(
    readonly cfg: FeatureConfig,
    customSegmenter?: WordSegmenter,
  ) {
    this.dim = 1 << cfg.bits;
    this.mask = this.dim - 1;
    this.counts = new Float64Array(this.dim);
    this.touched = new Int32Array(8192);
    if (cfg.words === 'intl') this.segment = intlWords;
    else if (cfg.words === 'custom') {
      if (!customSegmenter) throw new Error('words: custom needs a segmenter');
      this.segment = customSegmenter;
    }
  }

  private add(h: number, v = 1): void {
    const b = fmix(h) & this.mask;
    if (this.counts[b] === 0) {
      if (this.nTouched === this.touched.length) {
        const t = new Int32Array(this.touched.length * 2);
        t.set(this.touched);
        this.touched = t;
      }
      this.touched[this.nTouched++] = b;
    }
    this.counts[b] = this.counts[b]! + v;
  }

  /** bucket of a word feature (for tests/explanations) */
  wordBucket(w: string): number {
    return fmix(fnv1a(w, WORD_SEED)) & this.mask;
  }

  private charGrams(text: string): void {
    const { charMin, charMax, collapseDigits } = this.cfg;
    if (charMax <= 0) return;
    let len = 0;
    const flush = (): void => {
      const r = this.run;
      for (let i = 0; i < len; i++) {
        let h = FNV_OFFSET;
        for (let n = 1; n <= charMax && i + n <= len; n++) {
          h = fnvStep(h, r[i + n - 1]!);
          if (n >= charMin) this.add(h);
        }
      }
      len = 0;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!isContent(c)) {
        if (len) flush();
        continue;
      }
      if (collapseDigits && isDigit(c)) {
        if (len > 0 && this.run[len - 1] === 0x30) continue;
        if (len === this.run.length) {
          const t = new Int32Array(len * 2);
          t.set(this.run);
          this.run = t;
        }
        this.run[len++] = 0x30;
        continue;
      }
      if (len === this.run.length) {
        const t = new Int32Array(len * 2);
        t.set(this.run);
        this.run = t;
      }
      this.run[len++] = c;
    }
    if (len) flush();
  }

  private wordGrams(text: string): void {
    if (!this.segment) return;
    let prev = '';
    for (let w of this.segment(text)) {
      if (this.cfg.collapseDigits) w = w.replace(/\d+/g, '0');
      this.add(fnv1a(w, WORD_SEED));
      if (this.cfg.wordBigrams && prev) this.add(fnv1a(w, fnv1a(prev, BIGRAM_SEED)));
      prev = w;
    }
  }

  /** raw term counts of an already-normalised text */
  countsNormalized(norm: string): SparseVec {
    this.nTouched = 0;
    this.charGrams(norm);
    this.wordGrams(norm);
    const n = this.nTouched;
    const idx = new Int32Array(n);
    const val = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const b = this.touched[i]!;
      idx[i] = b;
      val[i] = this.counts[b]!;
      this.counts[b] = 0;
    }
    return { idx, val };
  }

  /** raw term counts of a raw text (normalises first) */
  countsOf(text: string): SparseVec {
    return this.countsNormalized(normalizeText(text));
  }
}

/** sub-linear TF × IDF, L2-normalised, in place */
export function tfidfInPlace(v: SparseVec, idf: Float32Array): SparseVec {
  let ss = 0;
  for (let i = 0; i < v.idx.length; i++) {
    const x = (1 + Math.log(v.val[i]!)) * idf[v.idx[i]!]!;
    v.val[i] = x;
    ss += x * x;
  }
  if (ss > 0) {
    const inv = 1 / Math.sqrt(ss);
    for (let i = 0; i < v.val.length; i++) v.val[i]! *= inv;
  }
  return v;
}

/** smooth IDF (as scikit-learn): ln((1+N)/(1+df)) + 1; unseen buckets get the maximum */
export function computeIdf(docs: SparseVec[], dim: number, weights?: number[]): Float32Array {
  const df = new Float64Array(dim);
  let n = 0;
  docs.forEach((d, k) => {
    const w = weights?.[k] ?? 1;
    n += w;
    for (let i = 0; i < d.idx.length; i++) df[d.idx[i]!] = df[d.idx[i]!]! + w;
  });
  const idf = new Float32Array(dim);
  for (let b = 0; b < dim; b++) idf[b] = Math.log((1 + n) / (1 + df[b]!)) + 1;
  return idf;
}
