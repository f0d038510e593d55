/**
 * The classifier model: training (hashed char n-gram TF-IDF → one-vs-rest
 * linear SVM, temperature-scaled softmax fitted on out-of-fold scores),
 * (de)serialisation to a compact JSON document, and `suggest`. Pure.
 */
import { fnv1a, fmix, fnvStep, FNV_OFFSET } from './hash.js';
import {
  DEFAULT_FEATURES,
  HashingVectorizer,
  isContent,
  computeIdf,
  tfidfInPlace,
  type FeatureConfig,
  type SparseVec,
} from './features.js';
import { normalizeText, normalizeWidth, normalizeFromWidth } from './normalize.js';
import { stratifiedFolds } from './dataset.js';
import { toCsr, trainLinearSvm, decision, fitTemperature, softmaxInto, type LinearWeights } from './linear.js';
import { encodeTyped, decodeInt16, decodeUint32, decodeFloat32 } from './codec.js';
import { nonActionableKindNormalized } from './nonActionable.js';
import { LABELS, type CategoryLabel, type Classifier, type LabelledText, type Suggestion } from './types.js';

export const MODEL_FORMAT = 'minqing-classifier/1';

export interface TrainOptions {
  seed?: number;
  features?: Partial<FeatureConfig>;
  /** SVM cost */
  C?: number;
  /** scale C per class by n / (K·n_c) */
  balanced?: boolean;
  /** buckets seen in fewer (weighted) documents are dropped */
  minDf?: number;
  /** folds for the out-of-fold scores that calibrate probabilities and the review threshold */
  folds?: number;
  /** share of (out-of-fold) training messages whose top probability falls under the review threshold */
  reviewShare?: number;
  /** free-form provenance stored in the model */
  meta?: Record<string, unknown>;
}

export const DEFAULT_TRAIN: Required<Omit<TrainOptions, 'features' | 'meta'>> & { features: FeatureConfig } = {
  seed: 20200101,
  features: { ...DEFAULT_FEATURES },
  C: 2,
  balanced: true,
  minDf: 3,
  folds: 5,
  reviewShare: 0.02,
};

/** the JSON document stored in server/model/classifier.json */
export interface SerializedModel {
  format: typeof MODEL_FORMAT;
  version: string;
  createdAt: string;
  labels: CategoryLabel[];
  features: FeatureConfig;
  /** softmax temperature factor: p = softmax(a · decision) */
  calibrationA: number;
  /** top probability below which a suggestion needs review */
  reviewThreshold: number;
  /** sorted used buckets (Uint32, base64) */
  buckets: string;
  /** idf per used bucket (Float32, base64) */
  idf: string;
  /** weights per used bucket × class (Int16, base64), times weightScale */
  weights: string;
  weightScale: number;
  bias: number[];
  train: Record<string, unknown>;
}

function argmax(s: ArrayLike<number>): number {
  let b = 0;
  for (let c = 1; c < s.length; c++) if (s[c]! > s[b]!) b = c;
  return b;
}

/** train and serialise */
export function trainModel(rows: LabelledText[], opts: TrainOptions = {}): SerializedModel {
  const t0 = Date.now();
  const o = { ...DEFAULT_TRAIN, ...opts, features: { ...DEFAULT_TRAIN.features, ...opts.features } };
  if (o.features.words === 'custom') throw new Error('custom segmenters cannot be serialised');
  const K = LABELS.length;
  const vz = new HashingVectorizer(o.features);
  const docs = rows.map((r) => vz.countsOf(r.text));
  const weights = Float32Array.from(rows.map((r) => r.weight ?? 1));
  const y = Int32Array.from(rows.map((r) => LABELS.indexOf(r.label)));
  if (y.some((v) => v < 0)) throw new Error('unknown label');

  // IDF over (weighted) document frequencies; rare buckets dropped
  const idfDense = computeIdf(docs, vz.dim, Array.from(weights));
  const nW = weights.reduce((a, v) => a + v, 0);
  const maxIdf = Math.log((1 + nW) / (1 + (o.minDf - 0.5))) + 1;
  for (let b = 0; b < vz.dim; b++) if (idfDense[b]! > maxIdf) idfDense[b] = 0;
  docs.forEach((d) => tfidfInPlace(d, idfDense));
  const svm = { C: o.C, balanced: o.balanced, seed: o.seed };

  // out-of-fold decision scores → temperature and review threshold
  const oof: Float64Array[] = new Array(rows.length);
  let calibrationA = 1;
  let reviewThreshold = 0;
  if (o.folds >= 2) {
    const fold = stratifiedFolds(
      Array.from(rows, (r) => r.label),
      o.folds,
      o.seed,
    );
    for (let f = 0; f < o.folds; f++) {
      const tr: number[] = [];
      const va: number[] = [];
      fold.forEach((k, i) => (k === f ? va : tr).push(i));
      const m = trainLinearSvm(
        toCsr(
          tr.map((i) => docs[i]!),
          vz.dim,
        ),
        Int32Array.from(tr, (i) => y[i]!),
        K,
        { ...svm, weights: Float32Array.from(tr, (i) => weights[i]!) },
      );
      for (const i of va) oof[i] = decision(m, docs[i]!, new Float64Array(K));
    }
    calibrationA = fitTemperature(oof, y).a;
    const p = new Float64Array(K);
    const tops = oof.map((s) => Math.max(...softmaxInto(s, calibrationA, p))).sort((a, b) => a - b);
    reviewThreshold = tops[Math.floor(o.reviewShare * tops.length)] ?? 0;
  }
  const m = trainLinearSvm(toCsr(docs, vz.dim), y, K, { ...svm, weights });
  const oofAcc = o.folds >= 2 ? oof.filter((s, i) => argmax(s) === y[i]).length / rows.length : undefined;
  return serialize(m, idfDense, o.features, {
    calibrationA,
    reviewThreshold,
    train: {
      rows: rows.length,
      weightedRows: nW,
      C: o.C,
      balanced: o.balanced,
      minDf: o.minDf,
      folds: o.folds,
      reviewShare: o.reviewShare,
      seed: o.seed,
      outOfFoldAccuracy: oofAcc,
      seconds: (Date.now() - t0) / 1000,
      ...o.meta,
    },
  });
}

function serialize(
  m: LinearWeights,
  idf: Float32Array,
  features: FeatureConfig,
  extra: { calibrationA: number; reviewThreshold: number; train: Record<string, unknown> },
): SerializedModel {
  const K = m.K;
  const used: number[] = [];
  for (let b = 0; b < m.dim; b++) if (idf[b]! > 0) used.push(b);
  let maxAbs = 0;
  for (const b of used) for (let c = 0; c < K; c++) maxAbs = Math.max(maxAbs, Math.abs(m.W[b * K + c]!));
  const weightScale = maxAbs / 32767 || 1;
  const q = new Int16Array(used.length * K);
  used.forEach((b, j) => {
    for (let c = 0; c < K; c++) q[j * K + c] = Math.round(m.W[b * K + c]! / weightScale);
  });
  const buckets = Uint32Array.from(used);
  const idfUsed = Float32Array.from(used, (b) => idf[b]!);
  const weights = encodeTyped(q);
  const createdAt = new Date().toISOString();
  const digest = fnv1a(weights.slice(0, 100000) + weights.length + extra.calibrationA)
    .toString(16)
    .padStart(8, '0');
  return {
    format: MODEL_FORMAT,
    version: `${createdAt.slice(0, 10)}-${digest}`,
    createdAt,
    labels: [...LABELS],
    features,
    calibrationA: extra.calibrationA,
    reviewThreshold: extra.reviewThreshold,
    buckets: encodeTyped(buckets),
    idf: encodeTyped(idfUsed),
    weights,
    weightScale,
    bias: Array.from(m.b),
    train: extra.train,
  };
}

/** a loaded, ready-to-use classifier */
export class LinearClassifier implements Classifier {
  readonly version: string;
  readonly reviewThreshold: number;
  private readonly vz: HashingVectorizer;
  private readonly K: number;
  private readonly idf: Float32Array;
  private readonly W: Float32Array;
  private readonly b: Float32Array;
  private readonly a: number;
  private readonly scratch: Float64Array;
  private readonly probs: Float64Array;

  constructor(readonly model: SerializedModel) {
    if (model.format !== MODEL_FORMAT) throw new Error(`unknown model format ${String(model.format)}`);
    if (model.labels.join() !== LABELS.join()) throw new Error('model labels differ from LABELS');
    this.version = model.version;
    this.reviewThreshold = model.reviewThreshold;
    this.vz = new HashingVectorizer(model.features);
    this.K = model.labels.length;
    const dim = this.vz.dim;
    const buckets = decodeUint32(model.buckets);
    const idfUsed = decodeFloat32(model.idf);
    const q = decodeInt16(model.weights);
    this.idf = new Float32Array(dim);
    this.W = new Float32Array(dim * this.K);
    const K = this.K;
    const s = model.weightScale;
    for (let j = 0; j < buckets.length; j++) {
      const bk = buckets[j]!;
      this.idf[bk] = idfUsed[j]!;
      for (let c = 0; c < K; c++) this.W[bk * K + c] = q[j * K + c]! * s;
    }
    this.b = Float32Array.from(model.bias);
    this.a = model.calibrationA;
    this.scratch = new Float64Array(K);
    this.probs = new Float64Array(K);
  }

  /** TF-IDF vector restricted to known buckets; `coverage` = share of n-gram occurrences known */
  private vectorize(norm: string): { x: SparseVec; coverage: number } {
    const raw = this.vz.countsNormalized(norm);
    let known = 0;
    let total = 0;
    let n = 0;
    for (let i = 0; i < raw.idx.length; i++) {
      total += raw.val[i]!;
      if (this.idf[raw.idx[i]!]! > 0) {
        known += raw.val[i]!;
        raw.idx[n] = raw.idx[i]!;
        raw.val[n] = raw.val[i]!;
        n++;
      }
    }
    const x = tfidfInPlace({ idx: raw.idx.subarray(0, n), val: raw.val.subarray(0, n) }, this.idf);
    return { x, coverage: total ? known / total : 0 };
  }

  /** hashed IDF per bucket (0 = unknown); used for duplicate detection */
  get idfTable(): Float32Array {
    return this.idf;
  }

  /** calibrated probabilities in LABELS order */
  probabilities(text: string): number[] {
    const { x } = this.vectorize(normalizeText(text));
    decision({ K: this.K, dim: this.vz.dim, W: this.W, b: this.b }, x, this.scratch);
    return Array.from(softmaxInto(this.scratch, this.a, this.probs));
  }

  /** index of the best label (fast path for evaluation) */
  predictIndex(text: string): number {
    const { x } = this.vectorize(normalizeText(text));
    decision({ K: this.K, dim: this.vz.dim, W: this.W, b: this.b }, x, this.scratch);
    return argmax(this.scratch);
  }

  suggest(text: string): Suggestion {
    const width = normalizeWidth(text);
    const norm = normalizeFromWidth(width);
    const { x, coverage } = this.vectorize(norm);
    decision({ K: this.K, dim: this.vz.dim, W: this.W, b: this.b }, x, this.scratch);
    softmaxInto(this.scratch, this.a, this.probs);
    const order = Array.from({ length: this.K }, (_, c) => c).sort((p, q) => this.probs[q]! - this.probs[p]!);
    const categories = order.map((c) => ({ label: LABELS[c]!, score: this.probs[c]! }));
    const top = order[0]!;
    const kind = nonActionableKindNormalized(width, coverage);
    const out: Suggestion = {
      categories,
      needsReview: false,
      topTerms: kind ? [] : this.explain(norm, x, top),
    };
    if (kind) {
      out.needsReview = true;
      out.reason = 'non_actionable';
    } else if (categories[0]!.score < this.reviewThreshold) {
      out.needsReview = true;
      out.reason = 'low_confidence';
    }
    return out;
  }

  /**
   * Terms that weighed most for class c: per feature bucket, weight × TF-IDF
   * value; the best buckets are found again as character bigrams in the
   * text, and adjacent ones are merged into phrases (环保 + 保局 → 环保局),
   * so staff read words rather than fragments. Strings are only built for
   * the selected positions (this runs for every suggestion).
   */
  explain(norm: string, x: SparseVec, c: number, limit = 8): { term: string; weight: number }[] {
    const K = this.K;
    const n = x.idx.length;
    if (!n) return [];
    // top buckets by contribution (unigram buckets included; they simply never match a bigram)
    const TOP = limit * 3;
    const topB = new Int32Array(TOP).fill(-1);
    const topW = new Float64Array(TOP).fill(0);
    for (let i = 0; i < n; i++) {
      const w = x.val[i]! * this.W[x.idx[i]! * K + c]!;
      if (w <= topW[TOP - 1]!) continue;
      let j = TOP - 1;
      while (j > 0 && topW[j - 1]! < w) {
        topW[j] = topW[j - 1]!;
        topB[j] = topB[j - 1]!;
        j--;
      }
      topW[j] = w;
      topB[j] = x.idx[i]!;
    }
    if (topW[0]! <= 0) return [];
    const cut = topW[0]! * 0.1;
    const chosen = new Map<number, number>();
    for (let j = 0; j < TOP; j++) if (topB[j]! >= 0 && topW[j]! >= cut) chosen.set(topB[j]!, topW[j]!);
    const mask = this.vz.dim - 1;
    const collapse = this.vz.cfg.collapseDigits;
    const phrases = new Map<string, number>();
    // scan content runs (as the feature extractor sees them) for chosen bigrams
    const src = collapse ? norm.replace(/\d+/g, '0') : norm;
    let runStart = -1;
    let prevBucketChosen = false;
    let phraseStart = -1;
    let phraseW = 0;
    let seen: Set<number> | undefined;
    const flush = (end: number): void => {
      if (phraseStart >= 0) {
        const term = src.slice(phraseStart, end);
        if (!/^\d+$/.test(term)) phrases.set(term, Math.max(phrases.get(term) ?? 0, phraseW));
      }
      phraseStart = -1;
      phraseW = 0;
      seen = undefined;
    };
    for (let i = 0; i <= src.length; i++) {
      const code = i < src.length ? src.charCodeAt(i) : 32;
      const content = i < src.length && isContent(code);
      if (!content) {
        flush(i);
        runStart = -1;
        prevBucketChosen = false;
        continue;
      }
      if (runStart < 0) {
        runStart = i;
        continue;
      }
      const h = fnvStep(fnvStep(FNV_OFFSET, src.charCodeAt(i - 1)), code);
      const bk = fmix(h) & mask;
      const w = chosen.get(bk);
      if (w !== undefined) {
        if (!prevBucketChosen) {
          flush(i);
          phraseStart = i - 1;
        }
        seen ??= new Set();
        if (!seen.has(bk)) {
          seen.add(bk);
          phraseW += w;
        }
        prevBucketChosen = true;
      } else {
        if (prevBucketChosen) flush(i);
        prevBucketChosen = false;
      }
    }
    return [...phrases]
      .sort((p, q) => q[1] - p[1])
      .slice(0, limit)
      .map(([term, weight]) => ({ term, weight: Math.round(weight * 1000) / 1000 }));
  }
}
