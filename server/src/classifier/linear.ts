/**
 * Linear models over sparse vectors: training (linear SVM by dual coordinate
 * descent, softmax logistic regression by SGD, multinomial / complement naive
 * Bayes) and scoring. Weights are stored feature-major (W[f·K + c]) so that
 * scoring reads K consecutive numbers per feature. Pure.
 */
import type { SparseVec } from './features.js';
import { mulberry32, shuffleInPlace } from './dataset.js';

export interface Csr {
  n: number;
  dim: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function toCsr(vecs: SparseVec[], dim: number): Csr {
  const n = vecs.length;
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) indptr[i + 1] = indptr[i]! + vecs[i]!.idx.length;
  const indices = new Int32Array(indptr[n]!);
  const values = new Float32Array(indptr[n]!);
  for (let i = 0; i < n; i++) {
    indices.set(vecs[i]!.idx, indptr[i]!);
    values.set(vecs[i]!.val, indptr[i]!);
  }
  return { n, dim, indptr, indices, values };
}

export interface LinearWeights {
  K: number;
  dim: number;
  /** feature-major: W[f * K + c] */
  W: Float32Array;
  b: Float32Array;
}

/** decision scores of one vector into `out` (length K) */
export function decision(m: LinearWeights, x: SparseVec, out: Float64Array): Float64Array {
  const { K, W, b } = m;
  for (let c = 0; c < K; c++) out[c] = b[c]!;
  for (let i = 0; i < x.idx.length; i++) {
    const base = x.idx[i]! * K;
    const v = x.val[i]!;
    for (let c = 0; c < K; c++) out[c]! += v * W[base + c]!;
  }
  return out;
}

export interface TrainOpts {
  /** per-example weights (corrections count more) */
  weights?: Float32Array;
  seed?: number;
}

/**
 * One-vs-rest L2-regularised L2-loss linear SVM, dual coordinate descent
 * (Hsieh et al. 2008, the LIBLINEAR default), bias as a regularised
 * constant feature. `balanced` scales C per class by n / (K · n_c).
 */
export function trainLinearSvm(
  X: Csr,
  y: Int32Array,
  K: number,
  opts: TrainOpts & { C?: number; maxEpochs?: number; eps?: number; balanced?: boolean } = {},
): LinearWeights {
  const C = opts.C ?? 0.5;
  const maxEpochs = opts.maxEpochs ?? 40;
  const eps = opts.eps ?? 0.05;
  const { n, dim, indptr, indices, values } = X;
  const W = new Float32Array(dim * K);
  const b = new Float32Array(K);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 1; // bias feature
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) s += values[p]! * values[p]!;
    sq[i] = s;
  }
  const counts = new Float64Array(K);
  for (let i = 0; i < n; i++) counts[y[i]!] = counts[y[i]!]! + 1;
  const w = new Float64Array(dim);
  const alpha = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let c = 0; c < K; c++) {
    w.fill(0);
    alpha.fill(0);
    let bias = 0;
    const rnd = mulberry32((opts.seed ?? 1) + c);
    const cPos = opts.balanced ? (C * n) / (K * counts[c]!) : C;
    for (let epoch = 0; epoch < maxEpochs; epoch++) {
      shuffleInPlace(order, rnd);
      let maxPG = 0;
      for (const i of order) {
        const yi = y[i] === c ? 1 : -1;
        const Ci = (yi > 0 ? cPos : C) * (opts.weights ? opts.weights[i]! : 1);
        const Dii = 0.5 / Ci;
        let dot = bias;
        for (let p = indptr[i]!; p < indptr[i + 1]!; p++) dot += w[indices[p]!]! * values[p]!;
        const G = yi * dot - 1 + Dii * alpha[i]!;
        const PG = alpha[i] === 0 ? Math.min(G, 0) : G;
        if (Math.abs(PG) > maxPG) maxPG = Math.abs(PG);
        if (PG === 0) continue;
        const old = alpha[i]!;
        const nu = Math.max(old - G / (sq[i]! + Dii), 0);
        alpha[i] = nu;
        const d = (nu - old) * yi;
        if (d === 0) continue;
        for (let p = indptr[i]!; p < indptr[i + 1]!; p++) w[indices[p]!]! += d * values[p]!;
        bias += d;
      }
      if (maxPG < eps) break;
    }
    for (let f = 0; f < dim; f++) if (w[f] !== 0) W[f * K + c] = w[f]!;
    b[c] = bias;
  }
  return { K, dim, W, b };
}

/**
 * Multinomial logistic regression (softmax), L2, plain SGD with a
 * 1/(1 + λ·lr0·t) learning-rate schedule and the scale trick for lazy decay.
 */
export function trainSoftmax(
  X: Csr,
  y: Int32Array,
  K: number,
  opts: TrainOpts & { lambda?: number; epochs?: number; lr0?: number } = {},
): LinearWeights {
  const lambda = opts.lambda ?? 1e-5;
  const epochs = opts.epochs ?? 15;
  const lr0 = opts.lr0 ?? 0.5;
  const { n, dim, indptr, indices, values } = X;
  const V = new Float64Array(dim * K);
  const b = new Float64Array(K);
  let scale = 1;
  const s = new Float64Array(K);
  const order = Array.from({ length: n }, (_, i) => i);
  const rnd = mulberry32(opts.seed ?? 1);
  let t = 0;
  for (let e = 0; e < epochs; e++) {
    shuffleInPlace(order, rnd);
    for (const i of order) {
      const lr = lr0 / (1 + lr0 * lambda * t++);
      for (let c = 0; c < K; c++) s[c] = b[c]!;
      for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
        const base = indices[p]! * K;
        const v = values[p]! * scale;
        for (let c = 0; c < K; c++) s[c]! += v * V[base + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < K; c++) if (s[c]! > max) max = s[c]!;
      let z = 0;
      for (let c = 0; c < K; c++) z += s[c] = Math.exp(s[c]! - max);
      const wi = opts.weights ? opts.weights[i]! : 1;
      scale *= 1 - lr * lambda;
      if (scale < 1e-6) {
        for (let k = 0; k < V.length; k++) V[k]! *= scale;
        scale = 1;
      }
      for (let c = 0; c < K; c++) {
        const g = (s[c]! / z - (y[i] === c ? 1 : 0)) * wi;
        s[c] = g;
        b[c]! -= lr * g;
      }
      const step = lr / scale;
      for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
        const base = indices[p]! * K;
        const v = values[p]! * step;
        for (let c = 0; c < K; c++) V[base + c]! -= v * s[c]!;
      }
    }
  }
  const W = new Float32Array(dim * K);
  for (let k = 0; k < V.length; k++) W[k] = V[k]! * scale;
  return { K, dim, W, b: Float32Array.from(b) };
}

/**
 * Multinomial naive Bayes (or complement NB, Rennie et al. 2003) over the
 * given (TF-IDF) values; returns log-linear weights.
 */
export function trainNaiveBayes(
  X: Csr,
  y: Int32Array,
  K: number,
  opts: TrainOpts & { alpha?: number; complement?: boolean } = {},
): LinearWeights {
  const alpha = opts.alpha ?? 0.1;
  const { n, dim, indptr, indices, values } = X;
  const cnt = new Float64Array(dim * K);
  const prior = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const wi = opts.weights ? opts.weights[i]! : 1;
    prior[y[i]!] = prior[y[i]!]! + wi;
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) cnt[indices[p]! * K + y[i]!]! += values[p]! * wi;
  }
  const used = new Uint8Array(dim);
  let vocab = 0;
  const tot = new Float64Array(K);
  const all = new Float64Array(dim);
  for (let f = 0; f < dim; f++) {
    for (let c = 0; c < K; c++) {
      const v = cnt[f * K + c]!;
      tot[c]! += v;
      all[f]! += v;
    }
    if (all[f]! > 0) {
      used[f] = 1;
      vocab++;
    }
  }
  const grand = tot.reduce((a, v) => a + v, 0);
  const W = new Float32Array(dim * K);
  const b = new Float32Array(K);
  const nTot = prior.reduce((a, v) => a + v, 0);
  for (let c = 0; c < K; c++) {
    const denom = opts.complement ? grand - tot[c]! + alpha * vocab : tot[c]! + alpha * vocab;
    for (let f = 0; f < dim; f++) {
      if (!used[f]) continue;
      const num = opts.complement ? all[f]! - cnt[f * K + c]! + alpha : cnt[f * K + c]! + alpha;
      const lp = Math.log(num / denom);
      W[f * K + c] = opts.complement ? -lp : lp;
    }
    b[c] = opts.complement ? 0 : Math.log(prior[c]! / nTot);
  }
  // unseen buckets: the same constant in every class does not change the argmax;
  // shift so that they are 0 (keeps the model sparse)
  for (let f = 0; f < dim; f++) {
    if (used[f]) continue;
    for (let c = 0; c < K; c++) W[f * K + c] = 0;
  }
  return { K, dim, W, b };
}

// ---------------------------------------------------------------- calibration

export function softmaxInto(s: Float64Array, a: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < s.length; c++) if (a * s[c]! > max) max = a * s[c]!;
  let z = 0;
  for (let c = 0; c < s.length; c++) z += out[c] = Math.exp(a * s[c]! - max);
  for (let c = 0; c < s.length; c++) out[c]! /= z;
  return out;
}

/**
 * Temperature scaling (multi-class Platt): the factor a minimising the
 * negative log-likelihood of softmax(a · s) on held-out decision scores.
 */
export function fitTemperature(scores: Float64Array[], y: ArrayLike<number>): { a: number; nll: number } {
  const K = scores[0]?.length ?? 1;
  const p = new Float64Array(K);
  const nll = (a: number): number => {
    let t = 0;
    scores.forEach((s, i) => {
      softmaxInto(s, a, p);
      t -= Math.log(Math.max(p[y[i]!]!, 1e-12));
    });
    return t / scores.length;
  };
  // golden-section search on log a in [-6, 6]
  let lo = -6;
  let hi = 6;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = nll(Math.exp(x1));
  let f2 = nll(Math.exp(x2));
  for (let it = 0; it < 60; it++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = nll(Math.exp(x1));
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = nll(Math.exp(x2));
    }
  }
  const a = Math.exp((lo + hi) / 2);
  return { a, nll: nll(a) };
}
